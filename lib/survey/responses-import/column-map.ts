// Which column of another tool's export holds which answer. Organisers say it with `--map "Which
// projects…=projects"` (the start of a header is enough), answer the guided prompt, or word their poll as the
// round does so the columns are found by themselves. LimeSurvey writes a multi-select as one column per
// option (`Which projects…? [SQLAlchemy]`); those columns are one question here. Columns holding personal
// data (email address, IP address, names, access tokens) can never be mapped: they are never read.
import { normalizeName } from "../normalize";
import type { RoundQuestions } from "../questions";

export const COLUMN_TARGETS = [
  "timestamp",
  "teams",
  "projects",
  "others",
  "years",
  "employer-paid",
  "comment",
] as const;
export type ColumnTarget = (typeof COLUMN_TARGETS)[number];

/** Targets whose answers may come from several questions (a poll may split projects by kind). */
const REPEATABLE = new Set<ColumnTarget>(["teams", "projects", "others"]);
const TARGET_ALIASES: Record<string, ColumnTarget> = {
  team: "teams",
  project: "projects",
  other: "others",
  "other-projects": "others",
  "years-contributing": "years",
  employer: "employer-paid",
  "submitted-at": "timestamp",
  submitdate: "timestamp",
  comments: "comment",
};

export interface MapRequest {
  /** The header, or its start; a trailing "…" or "..." is ignored. */
  text: string;
  target: ColumnTarget;
}

/** One question of the file: a single column, or a multi-select's option columns. */
export interface MappedQuestion {
  target: ColumnTarget;
  question: string;
  columns: { index: number; header: string; option: string | null }[];
}

type Result<T> = { ok: true; value: T } | { ok: false; message: string };

/** `--map "Which projects…=projects"`; the last "=" separates, as a question may contain one. */
export function parseMapArgument(argument: string): Result<MapRequest> {
  const at = argument.lastIndexOf("=");
  const text = (at < 0 ? "" : argument.slice(0, at)).trim().replace(/\s*(…|\.\.\.)$/, "");
  const name = (at < 0 ? "" : argument.slice(at + 1)).trim().toLowerCase().replace(/_/g, "-");
  const target = (COLUMN_TARGETS as readonly string[]).includes(name) ? (name as ColumnTarget) : TARGET_ALIASES[name];
  if (at < 0 || !text)
    return {
      ok: false,
      message: `--map "${argument}": expected "start of the header=target", e.g. --map "Which projects=projects"`,
    };
  if (!target)
    return {
      ok: false,
      message: `--map "${argument}": “${name}” is not something to map; one of ${COLUMN_TARGETS.join(", ")}`,
    };
  return { ok: true, value: { text, target } };
}

const OPTION_HEADER = /^(.*?\S)\s*\[([^[\]]+)\]$/;
const squash = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();

/** The question part of a header and its option, for LimeSurvey's `Question [Option]` columns. */
export function splitOptionHeader(header: string): { question: string; option: string | null } {
  const match = OPTION_HEADER.exec(header.trim());
  return match ? { question: match[1] ?? "", option: match[2] ?? "" } : { question: header.trim(), option: null };
}

// Normalised headers that hold personal data in Google Forms and LimeSurvey exports.
const PERSONAL = new Set(
  [
    "Email address",
    "Email",
    "E-mail",
    "Name",
    "Your name",
    "Full name",
    "First name",
    "Last name",
    "Username",
    "IP address",
    "ipaddr",
    "Referrer URL",
    "refurl",
    "token",
    "Access code",
    "Participant",
  ].map(normalizeName),
);
export const isPersonalColumn = (header: string) => PERSONAL.has(normalizeName(header));

/** The columns of one question, given a header or its start; an error says what was ambiguous or missing. */
export function findQuestion(header: readonly string[], text: string): Result<MappedQuestion["columns"]> {
  const wanted = squash(text);
  const all = header.map((h, index) => ({ index, header: h, ...splitOptionHeader(h) }));
  const exact = all.filter((c) => squash(c.header) === wanted || squash(c.question) === wanted);
  const matches = exact.length > 0 ? exact : all.filter((c) => squash(c.header).startsWith(wanted));
  if (matches.length === 0) return { ok: false, message: `no column starts with “${text}”` };
  const questions = [...new Set(matches.map((c) => squash(c.question)))];
  if (questions.length > 1) {
    const names = matches.slice(0, 6).map((c) => `“${c.header}”`);
    return {
      ok: false,
      message: `“${text}” is ambiguous: it starts ${matches.length} columns (${names.join(", ")}${matches.length > 6 ? ", …" : ""}); give more of the header`,
    };
  }
  // An option column names its whole question: every column of that question is taken.
  const siblings = all.filter((c) => c.option !== null && squash(c.question) === questions[0]);
  const columns = siblings.length > 1 ? siblings : matches.map((c) => ({ ...c, option: null }));
  return { ok: true, value: columns.map(({ index, header: h, option }) => ({ index, header: h, option })) };
}

/** Check that columns can hold a target: one column for a single answer, never personal data. */
function checkQuestion(question: MappedQuestion): string | null {
  const personal = question.columns.find((c) => isPersonalColumn(c.header));
  if (personal) return `“${personal.header}” holds personal data and is never imported`;
  if (question.columns.length > 1 && !REPEATABLE.has(question.target)) {
    return `${question.target} needs one column, but “${question.question}” is ${question.columns.length} option columns`;
  }
  // LimeSurvey's "question code" headings name options by code (SQ001): the answers cannot be read from them.
  const coded = question.columns.find((c) => c.option !== null && /^(SQ|A)\d+$/i.test(c.option));
  if (coded)
    return `“${coded.header}” names its option by code; export from LimeSurvey with “Full question text” headings (or map a column that holds the answers as text)`;
  return null;
}

/** Resolve --map requests against the header: every request must find exactly one question. */
export function resolveMapRequests(
  header: readonly string[],
  requests: readonly MapRequest[],
): Result<MappedQuestion[]> {
  const questions: MappedQuestion[] = [];
  for (const request of requests) {
    const found = findQuestion(header, request.text);
    if (!found.ok) return { ok: false, message: `--map "${request.text}=${request.target}": ${found.message}` };
    const question: MappedQuestion = {
      target: request.target,
      question: splitOptionHeader(found.value[0]?.header ?? "").question,
      columns: found.value,
    };
    const problem = checkQuestion(question);
    if (problem) return { ok: false, message: `--map "${request.text}=${request.target}": ${problem}` };
    const taken = questions.find((q) => q.columns.some((c) => question.columns.some((d) => d.index === c.index)));
    if (taken)
      return {
        ok: false,
        message: `--map "${request.text}=${request.target}": “${question.question}” is already mapped to ${taken.target}`,
      };
    if (!REPEATABLE.has(request.target) && questions.some((q) => q.target === request.target)) {
      return {
        ok: false,
        message: `--map "${request.text}=${request.target}": ${request.target} is mapped twice; it takes one column`,
      };
    }
    questions.push(question);
  }
  return { ok: true, value: questions };
}

/** Headers each target is recognised by without --map: the round's own wording, the tools' names, ours. */
function knownHeaders(questions: RoundQuestions): Record<ColumnTarget, string[]> {
  return {
    timestamp: ["Timestamp", "submitdate", "Date submitted", "submitted_at"],
    teams: [questions.teams.label, "teams"],
    projects: [questions.projects.label, "projects"],
    others: [questions.others.label, "others", "Other projects"],
    years: [questions.years.label, "years", "years_contributing"],
    "employer-paid": [questions.employerPaid.label, "employer_paid", "employer paid"],
    comment: [questions.comment.label, "comment", "comments"],
  };
}

/** The questions found by their wording, for targets that `taken` does not already cover. */
export function proposeQuestions(
  header: readonly string[],
  questions: RoundQuestions,
  taken: readonly MappedQuestion[],
): MappedQuestion[] {
  const known = knownHeaders(questions);
  const proposed: MappedQuestion[] = [];
  const isTaken = (index: number) => [...taken, ...proposed].some((q) => q.columns.some((c) => c.index === index));
  for (const target of COLUMN_TARGETS) {
    if (taken.some((q) => q.target === target)) continue;
    const names = new Set(known[target].map(normalizeName));
    const first = header.findIndex(
      (h, index) => !isTaken(index) && !isPersonalColumn(h) && names.has(normalizeName(splitOptionHeader(h).question)),
    );
    if (first < 0) continue;
    const found = findQuestion(header, splitOptionHeader(header[first] ?? "").question);
    if (!found.ok) continue;
    const question: MappedQuestion = {
      target,
      question: splitOptionHeader(header[first] ?? "").question,
      columns: found.value,
    };
    if (!checkQuestion(question)) proposed.push(question);
  }
  return proposed;
}

const shellQuote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;

/** `--map` arguments that reproduce a mapping, quoted for a POSIX shell, for the prompt to print. */
export function toMapArguments(requests: readonly MapRequest[]): string[] {
  return requests.map((r) => `--map ${shellQuote(`${r.text}=${r.target}`)}`);
}
