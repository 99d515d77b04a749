// The guided prompt of `npm run import` for another tool's export, shown when stdin is a terminal and no
// --map was given: it lists the file's questions, proposes the columns found by their wording, asks for the
// rest by number, and prints the --map arguments that repeat the same import without questions. The streams
// are passed in, so tests drive it with their own.
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import {
  isPersonalColumn,
  splitOptionHeader,
  toMapArguments,
  type ColumnTarget,
  type MapRequest,
  type MappedQuestion,
} from "../survey/responses-import/column-map";
import type { FormFileOutline } from "../survey/responses-import/import-file";

type FormOutline = Extract<FormFileOutline, { ok: true; tool: string }>;

export interface PromptStreams {
  input: Readable;
  output: Writable;
}

const TOOL_NAMES = { "google-forms": "Google Forms", limesurvey: "LimeSurvey" } as const;

// Asked in this order; the timestamp only when it was not found (Google Forms names it "Timestamp" in English).
const QUESTIONS: { target: ColumnTarget; ask: string; isRepeatable: boolean }[] = [
  { target: "timestamp", ask: "Submission time", isRepeatable: false },
  { target: "teams", ask: "OpenStack teams", isRepeatable: true },
  { target: "projects", ask: "Projects chosen from a list", isRepeatable: true },
  { target: "others", ask: "Projects typed as free text", isRepeatable: true },
  { target: "years", ask: "Years contributing", isRepeatable: false },
  { target: "employer-paid", ask: "Whether the employer pays", isRepeatable: false },
  { target: "comment", ask: "Comment", isRepeatable: false },
];

interface FileQuestion {
  number: number;
  text: string;
  columns: number;
  isPersonal: boolean;
}

/** The file's questions: a LimeSurvey multi-select's option columns are one question. */
function questionsOf(header: readonly string[]): FileQuestion[] {
  const split = header.map((h) => splitOptionHeader(h));
  const questions: FileQuestion[] = [];
  header.forEach((h, i) => {
    const { question, option } = split[i] ?? { question: h, option: null };
    const siblings = option === null ? 1 : split.filter((s) => s.option !== null && s.question === question).length;
    const text = siblings > 1 ? question : h;
    const existing = questions.find((q) => q.text === text);
    if (existing) return;
    questions.push({ number: questions.length + 1, text, columns: siblings, isPersonal: isPersonalColumn(h) });
  });
  return questions;
}

const fit = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);

/** Ask which column holds which answer; resolves to --map requests for the import. */
export async function promptForColumns(
  outline: FormOutline,
  streams: PromptStreams,
  repeatCommand: string,
): Promise<MapRequest[]> {
  const { output } = streams;
  const write = (text: string) => output.write(`${text}\n`);
  const readline = createInterface({ input: streams.input, terminal: false });
  // Lines typed before a question is asked are kept, so piped answers are not lost.
  const lines = readline[Symbol.asyncIterator]();
  const ask = async (text: string): Promise<string> => {
    output.write(text);
    const next = await lines.next();
    if (next.done) throw new Error("the prompt's input ended before every question was answered; nothing was written");
    return String(next.value).trim();
  };

  const questions = questionsOf(outline.header);
  const found = outline.columns.questions;
  const chosen = new Map<ColumnTarget, FileQuestion[]>();
  const numberOf = (q: MappedQuestion) =>
    questions.find((fq) => fq.text === q.question || fq.text === q.columns[0]?.header);
  for (const q of found) {
    const match = numberOf(q);
    if (match) chosen.set(q.target, [...(chosen.get(q.target) ?? []), match]);
  }
  const targetOf = (question: FileQuestion) => [...chosen].find(([, qs]) => qs.includes(question))?.[0];

  write(`${TOOL_NAMES[outline.tool]} export with ${outline.responses} response(s). Its questions:`);
  for (const q of questions) {
    const note = q.isPersonal
      ? "personal data: never read"
      : (targetOf(q) ? `→ ${targetOf(q)}` : "") + (q.columns > 1 ? ` (${q.columns} option columns)` : "");
    write(`  ${String(q.number).padStart(2)}  ${fit(q.text, 56)}  ${note}`.trimEnd());
  }
  write(
    "For each answer type the question's number (several separated by commas where allowed), Enter to keep the proposal, - for none.",
  );

  try {
    for (let step = 0; step < QUESTIONS.length; step++) {
      const { target, ask: label, isRepeatable } = QUESTIONS[step] as (typeof QUESTIONS)[number];
      if (target === "timestamp" && chosen.has("timestamp")) continue;
      if (target === "timestamp" && outline.tool === "limesurvey") continue;
      for (;;) {
        const current = chosen.get(target) ?? [];
        const answer = await ask(`${label} (${target}) [${current.map((q) => q.number).join(",") || "none"}]: `);
        if (answer === "") break;
        if (answer === "-") {
          chosen.delete(target);
          break;
        }
        const picked = answer
          .split(/[\s,]+/)
          .filter(Boolean)
          .map((part) => questions.find((q) => String(q.number) === part));
        const problem = checkPick(
          picked,
          isRepeatable,
          (q) => [...chosen].find(([t, qs]) => t !== target && qs.includes(q))?.[0],
        );
        if (problem) {
          write(`  ${problem}`);
          continue;
        }
        chosen.set(target, picked as FileQuestion[]);
        break;
      }
      // Every answer says where in OpenStack and where outside it (the completeness rule): both are needed.
      if (target === "teams" && !chosen.has("teams")) {
        write("  The import needs the OpenStack teams: choose the question that asks for them.");
        step -= 1;
      } else if (target === "others" && !chosen.has("projects") && !chosen.has("others")) {
        write("  The import needs the projects: choose a question for projects or others.");
        step = QUESTIONS.findIndex((q) => q.target === "projects") - 1;
      }
    }
  } finally {
    readline.close();
  }
  const requests: MapRequest[] = [...chosen].flatMap(([target, qs]) => qs.map((q) => ({ text: q.text, target })));
  write(`To repeat this import without questions:\n  ${repeatCommand} ${toMapArguments(requests).join(" ")}`);
  return requests;
}

function checkPick(
  picked: (FileQuestion | undefined)[],
  isRepeatable: boolean,
  takenBy: (q: FileQuestion) => ColumnTarget | undefined,
): string | null {
  if (picked.some((q) => q === undefined)) return "Type numbers from the list above.";
  const questions = picked as FileQuestion[];
  if (!isRepeatable && questions.length > 1) return "This answer takes one question.";
  const personal = questions.find((q) => q.isPersonal);
  if (personal) return `“${personal.text}” holds personal data and is never imported.`;
  const taken = questions.find((q) => takenBy(q));
  if (taken) return `“${taken.text}” already holds ${takenBy(taken)}.`;
  if (!isRepeatable && questions.some((q) => q.columns > 1))
    return "This answer takes a single column, not a multi-select.";
  return null;
}
