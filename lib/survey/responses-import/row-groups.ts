// From checked rows to the file's result: one response per key. A response spans one row (wide, Google
// Forms, LimeSurvey) or several (long, pairs); if any of its rows is invalid the whole response is, and a
// key seen earlier in the file rejects the later response instead of silently merging or overwriting it.
import type { ImportFileError, SourceRecord } from "./csv-records";
import {
  emptyReport,
  rejectReport,
  RowProblem,
  type ImportRowReport,
  type ImportRowStatus,
  type PlannedAnswer,
  type PlannedResponse,
} from "./answer-check";

export const IMPORT_LAYOUTS = ["wide", "long", "pairs", "google-forms", "limesurvey"] as const;
export type ImportLayout = (typeof IMPORT_LAYOUTS)[number];

/** One row as read, with the answer it holds when the row completes a valid response. */
export interface RowDraft {
  line: number;
  report: ImportRowReport;
  response: PlannedAnswer | null;
}

/** The rows of one response: `key` identifies it in the round, so importing the file again adds nothing. */
export interface ResponseGroup {
  key: string;
  drafts: RowDraft[];
}

/** What happened to one response of the file (a response may span several rows). */
export interface ImportOutcome {
  key: string;
  status: ImportRowStatus;
}

export type ParsedImport =
  | {
      ok: true;
      layout: ImportLayout;
      responses: PlannedResponse[];
      rows: ImportRowReport[];
      outcomes: ImportOutcome[];
      /** What the reader decided for the whole file (columns used and ignored, the date order), for the report. */
      notes: string[];
    }
  | { ok: false; error: ImportFileError };

/** Reject the row a problem names (in files where a response spans rows), else the response's first row. */
export function rejectRowOf(drafts: readonly RowDraft[], error: unknown): void {
  const line = error instanceof RowProblem ? error.line : undefined;
  const target = drafts.find((d) => d.line === line) ?? drafts[0];
  if (target) target.report = rejectReport(target.report, error);
}

/**
 * Group the records of a file where one response spans several rows: by key, in order of first appearance,
 * each group read by `readGroup`. A record without a key is rejected on its own, after the keyed groups.
 */
export function groupRecordsByKey(
  records: readonly SourceRecord[],
  keyOf: (record: SourceRecord) => string,
  emptyKeyReason: string,
  readGroup: (records: readonly SourceRecord[]) => RowDraft[],
): ResponseGroup[] {
  const byKey = new Map<string, SourceRecord[]>();
  const keyless: ResponseGroup[] = [];
  for (const record of records) {
    const key = keyOf(record);
    if (!key) {
      const report = rejectReport(emptyReport(record.line, ""), new RowProblem(emptyKeyReason));
      keyless.push({ key: "", drafts: [{ line: record.line, report, response: null }] });
      continue;
    }
    const rows = byKey.get(key) ?? [];
    if (rows.length === 0) byKey.set(key, rows);
    rows.push(record);
  }
  const groups = [...byKey].map(([key, rows]) => ({ key, drafts: readGroup(rows) }));
  return [...groups, ...keyless];
}

export const fileError = (line: number | null, message: string): ParsedImport => ({
  ok: false,
  error: { line, message },
});

export function finishImport(
  layout: ImportLayout,
  groups: readonly ResponseGroup[],
  notes: string[] = [],
): ParsedImport {
  const responses: PlannedResponse[] = [];
  const rows: ImportRowReport[] = [];
  const outcomes: ImportOutcome[] = [];
  const firstLineOfKey = new Map<string, number>();
  const keyName = layout === "wide" || layout === "long" ? "response_id" : "the respondent";
  for (const group of groups) {
    if (group.drafts.every((d) => d.report.status === "not-submitted")) {
      rows.push(...group.drafts.map((d) => d.report));
      outcomes.push({ key: group.key, status: "not-submitted" });
      continue;
    }
    const rejected = group.drafts.find((d) => d.report.status === "rejected");
    const firstLine = group.drafts[0]?.line ?? 0;
    const earlier = group.key ? firstLineOfKey.get(group.key) : undefined;
    for (const draft of group.drafts) {
      if (draft.report.status !== "rejected" && earlier !== undefined) {
        draft.report = {
          ...draft.report,
          status: "rejected",
          reason: `${keyName} “${group.key}” appears twice (first on line ${earlier})`,
        };
      } else if (draft.report.status !== "rejected" && rejected) {
        draft.report = {
          ...draft.report,
          status: "rejected",
          reason: `not imported: line ${rejected.line} of the same respondent is invalid`,
        };
      }
      rows.push(draft.report);
    }
    if (group.key && earlier === undefined) firstLineOfKey.set(group.key, firstLine);
    const planned = group.drafts.find((d) => d.response)?.response;
    const isValid = planned !== undefined && planned !== null && !rejected && earlier === undefined;
    if (isValid) responses.push({ key: group.key, line: firstLine, ...planned });
    outcomes.push({ key: group.key, status: isValid ? "valid" : "rejected" });
  }
  rows.sort((a, b) => a.line - b.line);
  return { ok: true, layout, responses, rows, outcomes, notes };
}
