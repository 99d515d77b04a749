// A two-column "respondent, project" sheet, as a hand-run mailing-list poll is usually kept: one line per
// respondent and project, a respondent's lines anywhere in the file. Each name is what the respondent wrote,
// so it is free text as on the web form: a name the catalogue knows also chooses that project.
import {
  checkAnswer,
  emptyReport,
  rejectReport,
  RowProblem,
  type DescribeField,
  type ImportCatalogue,
  type ImportRowReport,
} from "./answer-check";
import { readKey, restoreCell } from "./cell-values";
import type { SourceRecord } from "./csv-records";
import { finishImport, type ParsedImport, rejectRowOf, type ResponseGroup, type RowDraft } from "./row-groups";

// Header names accepted for the two columns (case-insensitive).
const RESPONDENT_HEADERS = new Set([
  "respondent",
  "respondent id",
  "respondent_id",
  "response id",
  "response_id",
  "id",
]);
const PROJECT_HEADERS = new Set(["project", "project name", "project_name", "name"]);

export function isPairsHeader(names: readonly string[]): boolean {
  return names.length === 2 && RESPONDENT_HEADERS.has(names[0] ?? "") && PROJECT_HEADERS.has(names[1] ?? "");
}

export function parsePairsSheet(
  header: readonly string[],
  records: readonly SourceRecord[],
  catalogue: ImportCatalogue,
): ParsedImport {
  const keyColumn = header[0]?.trim() || "respondent";
  const byKey = new Map<string, SourceRecord[]>();
  const keyless: ResponseGroup[] = [];
  for (const record of records) {
    const key = restoreCell(record.cells[0] ?? "").trim();
    if (!key) {
      const report = rejectReport(emptyReport(record.line, ""), new RowProblem(`${keyColumn.toLowerCase()} is empty`));
      keyless.push({ key: "", drafts: [{ line: record.line, report, response: null }] });
      continue;
    }
    const rows = byKey.get(key) ?? [];
    if (rows.length === 0) byKey.set(key, rows);
    rows.push(record);
  }
  const groups = [...byKey].map(([key, rows]) => ({
    key,
    drafts: parseRespondent(rows, header, keyColumn, catalogue),
  }));
  return finishImport("pairs", [...groups, ...keyless]);
}

function parseRespondent(
  records: readonly SourceRecord[],
  header: readonly string[],
  keyColumn: string,
  catalogue: ImportCatalogue,
): RowDraft[] {
  const names: { text: string; line: number; report: ImportRowReport }[] = [];
  const drafts = records.map((record): RowDraft => {
    const report = emptyReport(record.line, (record.cells[0] ?? "").trim());
    try {
      if (record.cells.length !== header.length)
        throw new RowProblem(`has ${record.cells.length} fields but the header has ${header.length}`);
      report.key = readKey(restoreCell(record.cells[0] ?? ""), keyColumn);
      // An empty project name keeps a respondent who named no project.
      const text = restoreCell(record.cells[1] ?? "");
      if (text.trim() && !names.some((n) => n.text.trim() === text.trim()))
        names.push({ text, line: record.line, report });
      return { line: record.line, report, response: null };
    } catch (error) {
      return { line: record.line, report: rejectReport(report, error), response: null };
    }
  });
  const firstDraft = drafts[0];
  if (!firstDraft || drafts.some((d) => d.report.status === "rejected")) return drafts;
  // Names are the sheet's only question; its other fields stay unanswered.
  const draft = {
    teams: [],
    notOpenStackContributor: false,
    projects: [],
    others: names.map((n) => n.text),
    yearsContributing: null,
    employerPaid: null,
    comment: null,
  };
  const describe: DescribeField = ([field, index]) => ({
    label: "",
    line: field === "others" ? names[Number(index)]?.line : undefined,
  });
  const reportForName = (text: string) =>
    names.find((n) => n.text.normalize("NFC").trim() === text)?.report ?? firstDraft.report;
  try {
    firstDraft.response = checkAnswer(
      draft,
      { catalogue, describe, namesChooseProjects: true, reportForName },
      firstDraft.report,
    );
  } catch (error) {
    rejectRowOf(drafts, error);
  }
  return drafts;
}
