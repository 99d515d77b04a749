// Exports of other survey tools, one row per respondent: Google Forms (a Timestamp column, checkbox answers
// joined by ", ") and LimeSurvey (id, submitdate, lastpage, startlanguage, seed, …; a multi-select as one
// column per option ticked "Y", or as joined text). The columns are mapped to the round's questions
// (./column-map.ts); each row becomes the answer the web form would have stored for the same choices and is
// checked by the same schema. Neither tool gives a respondent an id we could keep without keeping personal
// data, so a row is identified by what the tool itself fixes: LimeSurvey's response id (with its random
// seed), or Google Forms' submission time (with its rank among rows of the same second).
import { normalizeName } from "../normalize";
import { EMPLOYER_PAID } from "../answer-codes";
import {
  checkAnswer,
  emptyReport,
  problem,
  rejectReport,
  type AnswerDraft,
  type DescribeField,
  type ImportCatalogue,
} from "./answer-check";
import { readKey, readNumber, readOptionalText, readTick, restoreCell, splitChoices } from "./cell-values";
import {
  isPersonalColumn,
  proposeQuestions,
  resolveMapRequests,
  type ColumnTarget,
  type MapRequest,
  type MappedQuestion,
} from "./column-map";
import type { SourceRecord } from "./csv-records";
import { isAnswer, nothingOutsideAnswers, readTeamNames } from "./named-answers";
import { fileError, finishImport, type ParsedImport, type ResponseGroup } from "./row-groups";
import { dateOrderEvidence, parseFormTimestamp, parseIsoTimestamp, timestampKey, type DateOrder } from "./timestamps";

export type FormTool = "google-forms" | "limesurvey";

export interface FormExportOptions {
  /** --map requests (or the prompt's answers); the rest is found by wording. */
  map?: readonly MapRequest[];
  /** For dates written a/b/yyyy when no date of the file tells (Google Sheets' US default is month first). */
  dateOrder?: DateOrder;
}

// LimeSurvey's own columns, in "question code" and "full question text" headings; never answers.
const LIMESURVEY_COLUMNS = {
  id: ["id", "Response ID"],
  submitdate: ["submitdate", "Date submitted"],
  seed: ["seed", "Seed"],
  other: [
    "lastpage",
    "Last page",
    "startlanguage",
    "Start language",
    "startdate",
    "Date started",
    "datestamp",
    "Date last action",
  ],
};
const GOOGLE_FORMS_COLUMNS = ["Score"];
// LimeSurvey writes this submitdate when a survey does not record dates ("anonymised" datestamps).
const UNDATED_SUBMISSION = "1980-01-01 00:00:00";

const columnOf = (header: readonly string[], names: readonly string[]) =>
  header.findIndex((h) => names.map(normalizeName).includes(normalizeName(h)));

export function detectFormTool(header: readonly string[], map: readonly MapRequest[]): FormTool | null {
  if (columnOf(header, LIMESURVEY_COLUMNS.id) >= 0 && columnOf(header, LIMESURVEY_COLUMNS.submitdate) >= 0)
    return "limesurvey";
  if (columnOf(header, ["Timestamp"]) >= 0 || map.some((m) => m.target === "timestamp")) return "google-forms";
  return null;
}

export interface FormColumns {
  questions: MappedQuestion[];
  /** Columns nobody mapped: never read. Personal ones are listed apart. */
  unread: string[];
  personal: string[];
}

/** The file's questions: --map first, then what the round's wording finds; every error names the problem. */
export function planFormColumns(
  tool: FormTool,
  header: readonly string[],
  catalogue: ImportCatalogue,
  map: readonly MapRequest[],
): { ok: true; columns: FormColumns } | { ok: false; message: string } {
  const requested = resolveMapRequests(header, map);
  if (!requested.ok) return requested;
  const questions = [...requested.value, ...proposeQuestions(header, catalogue.questions, requested.value)];
  const own = tool === "limesurvey" ? Object.values(LIMESURVEY_COLUMNS).flat() : GOOGLE_FORMS_COLUMNS;
  const read = new Set(questions.flatMap((q) => q.columns.map((c) => c.index)));
  const rest = header.filter((h, i) => !read.has(i) && columnOf([h], own) < 0);
  return {
    ok: true,
    columns: { questions, unread: rest.filter((h) => !isPersonalColumn(h)), personal: rest.filter(isPersonalColumn) },
  };
}

const short = (header: string) => `“${header.length > 48 ? `${header.slice(0, 47).trimEnd()}…` : header}”`;

function describeColumns(columns: FormColumns, dateNote: string | null): string[] {
  const byPosition = [...columns.questions].sort((a, b) => (a.columns[0]?.index ?? 0) - (b.columns[0]?.index ?? 0));
  const used = byPosition.map(
    (q) => `${short(q.question)}${q.columns.length > 1 ? ` (${q.columns.length} option columns)` : ""} → ${q.target}`,
  );
  const notes = [`columns read: ${used.join("; ")}`];
  if (columns.unread.length > 0) notes.push(`columns not read: ${columns.unread.map(short).join(", ")}`);
  if (columns.personal.length > 0)
    notes.push(`personal data, never read or stored: ${columns.personal.map(short).join(", ")}`);
  if (dateNote) notes.push(dateNote);
  return notes;
}

/** The file's date order from its own dates; conflicting dates are a file error on the line of the second kind. */
function settleDateOrder(records: readonly SourceRecord[], index: number, option: DateOrder | undefined) {
  let found: { order: DateOrder; line: number } | null = null;
  let isAmbiguous = false;
  for (const record of records) {
    const text = record.cells[index] ?? "";
    const evidence = dateOrderEvidence(text);
    if (!evidence) {
      isAmbiguous ||= /^\d{1,2}\/\d{1,2}\/\d{4}/.test(text.trim());
      continue;
    }
    if (found && found.order !== evidence)
      return {
        ok: false as const,
        line: record.line,
        message: `dates are written both day first and month first (compare line ${found.line})`,
      };
    found ??= { order: evidence, line: record.line };
  }
  if (found) return { ok: true as const, order: found.order, note: null };
  const order = option ?? "mdy";
  const note =
    isAmbiguous && !option
      ? "dates like 3/4/2026 were read month first, as Google Sheets writes them in the US; pass --date-order dmy if they are day first"
      : null;
  return { ok: true as const, order, note };
}

export function parseFormExport(
  tool: FormTool,
  header: readonly string[],
  records: readonly SourceRecord[],
  catalogue: ImportCatalogue,
  options: FormExportOptions,
): ParsedImport {
  const plan = planFormColumns(tool, header, catalogue, options.map ?? []);
  if (!plan.ok) return fileError(1, plan.message);
  const { questions } = plan.columns;
  const of = (target: ColumnTarget) => questions.filter((q) => q.target === target);
  const timestampIndex =
    of("timestamp")[0]?.columns[0]?.index ??
    (tool === "limesurvey" ? columnOf(header, LIMESURVEY_COLUMNS.submitdate) : -1);
  if (timestampIndex < 0)
    return fileError(1, 'no Timestamp column: map the column of submission times with --map "…=timestamp"');
  // Every answer must say where in OpenStack and where outside it (the completeness rule): without those
  // questions no row could, so the file is refused at once rather than row by row.
  if (of("teams").length === 0) {
    return fileError(
      1,
      `no column holds the OpenStack teams, which every answer needs (a team, or “${catalogue.questions.teams.noneLabel}”): name it with --map "start of the question=teams" (columns: ${header.map(short).join(", ")})`,
    );
  }
  if (of("projects").length + of("others").length === 0) {
    return fileError(
      1,
      `no column holds the projects: name it with --map "start of the question=projects" (columns: ${header.map(short).join(", ")})`,
    );
  }
  const settled =
    tool === "google-forms"
      ? settleDateOrder(records, timestampIndex, options.dateOrder)
      : { ok: true as const, order: "mdy" as const, note: null };
  if (!settled.ok) return fileError(settled.line, settled.message);

  const idIndex = columnOf(header, LIMESURVEY_COLUMNS.id);
  const seedIndex = columnOf(header, LIMESURVEY_COLUMNS.seed);
  const timestampHeader = header[timestampIndex] ?? "Timestamp";
  const seenSeconds = new Map<string, number>();
  const groups = records.map((record): ResponseGroup => {
    const cell = (index: number) => restoreCell(record.cells[index] ?? "");
    const report = emptyReport(record.line, "");
    try {
      if (record.cells.length !== header.length)
        problem(`has ${record.cells.length} fields but the header has ${header.length}`);
      const stamp = cell(timestampIndex).trim();
      let createdAt: Date | null;
      if (tool === "limesurvey") {
        report.key = `limesurvey:${readKey(cell(idIndex), header[idIndex] ?? "id")}${seedIndex >= 0 && cell(seedIndex).trim() ? `:${cell(seedIndex).trim()}` : ""}`;
        if (!stamp) {
          // Started and never submitted: LimeSurvey keeps these, but they are not answers.
          const skipped = {
            ...report,
            status: "not-submitted" as const,
            reason: `not submitted (${timestampHeader} is empty), left out`,
          };
          return { key: report.key, drafts: [{ line: record.line, report: skipped, response: null }] };
        }
        createdAt =
          stamp === UNDATED_SUBMISSION
            ? null
            : (parseIsoTimestamp(stamp) ??
              problem(`${timestampHeader} “${stamp}” is not a date and time (2026-03-03 10:15:42)`));
      } else {
        if (!stamp) problem(`${timestampHeader} is empty`);
        createdAt =
          parseFormTimestamp(stamp, settled.order) ??
          problem(
            `${timestampHeader} “${stamp}” is not a date and time as Google Forms writes them (2026/03/03 10:15:42 AM GMT+1, 3/3/2026 10:15:42)`,
          );
        const second = timestampKey(createdAt);
        const rank = (seenSeconds.get(second) ?? 0) + 1;
        seenSeconds.set(second, rank);
        report.key = `google-forms:${second}${rank > 1 ? `#${rank}` : ""}`;
      }
      const { draft, describe } = readAnswers(questions, cell, catalogue);
      const answer = checkAnswer(draft, { catalogue, describe, namesChooseProjects: true }, report);
      return { key: report.key, drafts: [{ line: record.line, report, response: { ...answer, createdAt } }] };
    } catch (error) {
      return { key: report.key, drafts: [{ line: record.line, report: rejectReport(report, error), response: null }] };
    }
  });
  return finishImport(tool, groups, describeColumns(plan.columns, settled.note));
}

/** What a question's columns hold in one row: the joined answers, or the options ticked. */
function answersOf(question: MappedQuestion, cell: (index: number) => string): string[] {
  return question.columns.flatMap((column) => {
    const value = cell(column.index);
    if (column.option === null || /^other$/i.test(column.option)) return splitChoices(value);
    return readTick(value, column.option, short(column.header)) ? [column.option] : [];
  });
}

function readAnswers(
  questions: readonly MappedQuestion[],
  cell: (index: number) => string,
  catalogue: ImportCatalogue,
) {
  const of = (target: ColumnTarget) => questions.filter((q) => q.target === target);
  const single = (target: ColumnTarget) => {
    const question = of(target)[0];
    return question ? cell(question.columns[0]?.index ?? -1) : "";
  };
  const teamsLabel =
    of("teams")
      .map((q) => short(q.question))
      .join(" + ") || "teams";
  const { teams, notOpenStackContributor } = readTeamNames(
    of("teams").flatMap((q) => answersOf(q, cell)),
    catalogue,
    teamsLabel,
  );
  // Projects ticked or typed: free text as on the web form, so each name the catalogue knows chooses its project.
  const named: { text: string; label: string }[] = [];
  const nothing = nothingOutsideAnswers(catalogue.questions);
  let nothingOutsideOpenStack = false;
  for (const question of [...of("projects"), ...of("others")]) {
    for (const text of answersOf(question, cell)) {
      if (isAnswer(nothing, text)) nothingOutsideOpenStack = true;
      else if (!named.some((n) => n.text === text)) named.push({ text, label: short(question.question) });
    }
  }
  const paidText = single("employer-paid").trim();
  const paidOptions = new Map<string, string>(
    [
      ...EMPLOYER_PAID.map((code) => [code, code] as const),
      ...catalogue.questions.employerPaid.options.map((o) => [o.label, o.code] as const),
    ].map(([text, code]) => [normalizeName(text), code]),
  );
  const draft: AnswerDraft = {
    teams,
    notOpenStackContributor,
    nothingOutsideOpenStack,
    projects: [],
    others: named.map((n) => n.text),
    yearsContributing: readNumber(single("years")),
    employerPaid: paidText ? (paidOptions.get(normalizeName(paidText)) ?? paidText) : null,
    comment: readOptionalText(single("comment")),
  };
  const labelOf = (target: ColumnTarget) => of(target).map((q) => short(q.question))[0] ?? target;
  const projectQuestions = [...of("projects"), ...of("others")].map((q) => short(q.question)).join(" + ");
  const describe: DescribeField = ([field, index]) => {
    // Rules about the list as a whole (how many, the completeness rule) name every question holding projects.
    if ((field === "others" || field === "projects" || field === "nothingOutsideOpenStack") && index === undefined) {
      return { label: projectQuestions };
    }
    if (field === "others") return { label: named[Number(index)]?.label ?? "" };
    if (field === "teams" || field === "notOpenStackContributor") return { label: teamsLabel };
    if (field === "yearsContributing") return { label: labelOf("years") };
    if (field === "employerPaid") return { label: labelOf("employer-paid") };
    if (field === "comment") return { label: labelOf("comment") };
    return { label: "" };
  };
  return { draft, describe };
}
