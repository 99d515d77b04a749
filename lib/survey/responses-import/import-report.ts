// The report `npm run import` prints: one line per row of the file (what it matched, what became free
// text, why it was rejected), what was decided for the whole file, then the totals and what happened.
import type { ImportRowReport, ImportRowStatus } from "./answer-check";
import type { ImportLayout, ImportOutcome } from "./row-groups";

export interface ImportReport {
  file: string;
  round: string;
  layout: ImportLayout;
  dryRun: boolean;
  skipInvalid: boolean;
  /** Whether the valid responses were written (false for a dry run or when invalid rows stopped the import). */
  written: boolean;
  rows: ImportRowReport[];
  /** Decisions about the whole file: the columns read and not read, the date order. */
  notes: string[];
  totals: { responses: number; imported: number; alreadyImported: number; rejected: number; notSubmitted: number };
}

/** Count responses (not lines) by outcome: a long or pairs response spans several lines. */
export function countOutcomes(outcomes: readonly ImportOutcome[], written: boolean): ImportReport["totals"] {
  const count = (status: ImportRowStatus) => outcomes.filter((outcome) => outcome.status === status).length;
  return {
    responses: outcomes.length,
    imported: written ? count("valid") : 0,
    alreadyImported: count("already-imported"),
    rejected: count("rejected"),
    notSubmitted: count("not-submitted"),
  };
}

const quote = (text: string) => `“${text.replace(/\s+/g, " ")}”`;

function describeRow(row: ImportRowReport, validWord: string): string {
  if (row.status === "rejected") return `rejected: ${row.reason}`;
  if (row.status === "already-imported") return "already imported, left unchanged";
  if (row.status === "not-submitted") return row.reason ?? "not submitted, left out";
  const parts: string[] = [];
  if (row.projects.length > 0) parts.push(`projects ${row.projects.join(", ")}`);
  if (row.matched.length > 0)
    parts.push(`matched ${row.matched.map((m) => `${quote(m.text)} → ${m.slug}`).join(", ")}`);
  if (row.freeText.length > 0) {
    parts.push(
      `free text ${row.freeText.map((f) => quote(f.text) + (f.suggestion ? ` (did you mean ${f.suggestion}?)` : "")).join(", ")}`,
    );
  }
  return `${validWord}${parts.length > 0 ? `: ${parts.join("; ")}` : ""}`;
}

export function formatImportReport(report: ImportReport): string {
  const validWord = report.written ? "imported" : report.dryRun ? "would import" : "not imported";
  const keyWidth = Math.min(36, Math.max(0, ...report.rows.map((row) => row.key.length)));
  const lineWidth = String(Math.max(1, ...report.rows.map((row) => row.line))).length;
  const lines = report.rows.map(
    (row) =>
      `line ${String(row.line).padStart(lineWidth)}  ${row.key.slice(0, 36).padEnd(keyWidth)}  ${describeRow(row, validWord)}`,
  );
  if (report.notes.length > 0) lines.push("", ...report.notes);
  const { totals } = report;
  const valid = totals.responses - totals.alreadyImported - totals.rejected - totals.notSubmitted;
  const notSubmitted = totals.notSubmitted > 0 ? `, ${totals.notSubmitted} never submitted (left out)` : "";
  lines.push(
    "",
    `${report.file} → round ${report.round} (${report.layout} layout): ${totals.responses} response(s) in the file; ` +
      `${report.written ? totals.imported : 0} imported, ${totals.alreadyImported} already imported${notSubmitted}, ${totals.rejected} rejected.`,
  );
  if (report.dryRun) lines.push(`Dry run: nothing was written; ${valid} response(s) would be imported.`);
  else if (!report.written && totals.rejected > 0) {
    lines.push(
      `Nothing was written: ${totals.rejected} response(s) have invalid rows. Fix them, or pass --skip-invalid to import the ${valid} valid one(s).`,
    );
  } else if (!report.written) lines.push("Nothing to write.");
  return lines.join("\n");
}
