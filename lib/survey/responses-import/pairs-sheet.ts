// A "respondent, project, teams" sheet, as a hand-run mailing-list poll is usually kept: one line per
// respondent and project, a respondent's lines anywhere in the file. Each name is what the respondent wrote,
// so it is free text as on the web form: a name the catalogue knows also chooses that project. The teams
// column is needed because every answer must say where in OpenStack its respondent works (the completeness
// rule); a line may name teams, "None", or leave it to the respondent's other lines.
import {
  checkAnswer,
  emptyReport,
  rejectReport,
  RowProblem,
  type AnswerDraft,
  type DescribeField,
  type ImportCatalogue,
  type ImportRowReport,
} from "./answer-check";
import { readKey, restoreCell, splitChoices } from "./cell-values";
import type { SourceRecord } from "./csv-records";
import { isAnswer, nothingOutsideAnswers, readTeamNames } from "./named-answers";
import {
  fileError,
  finishImport,
  groupRecordsByKey,
  type ParsedImport,
  rejectRowOf,
  type RowDraft,
} from "./row-groups";

// Header names accepted for the columns (case-insensitive).
const RESPONDENT_HEADERS = new Set([
  "respondent",
  "respondent id",
  "respondent_id",
  "response id",
  "response_id",
  "id",
]);
const PROJECT_HEADERS = new Set(["project", "project name", "project_name", "name"]);
const TEAM_HEADERS = new Set(["teams", "team", "openstack teams", "openstack team"]);

/** "respondent, project" with or without the teams column: without it the file is refused with the reason. */
export function isPairsHeader(names: readonly string[]): boolean {
  const [respondent = "", project = "", teams] = names;
  const hasTeams = names.length === 3 && TEAM_HEADERS.has(teams ?? "");
  return (names.length === 2 || hasTeams) && RESPONDENT_HEADERS.has(respondent) && PROJECT_HEADERS.has(project);
}

export function parsePairsSheet(
  header: readonly string[],
  records: readonly SourceRecord[],
  catalogue: ImportCatalogue,
): ParsedImport {
  if (header.length === 2) {
    return fileError(
      1,
      `a “${header.join(", ")}” sheet needs a third column, teams: every answer must name the respondent's OpenStack teams, or “${catalogue.questions.teams.noneLabel}” (see docs/import.md)`,
    );
  }
  const keyColumn = header[0]?.trim() || "respondent";
  const groups = groupRecordsByKey(
    records,
    (record) => restoreCell(record.cells[0] ?? "").trim(),
    `${keyColumn.toLowerCase()} is empty`,
    (rows) => parseRespondent(rows, header, keyColumn, catalogue),
  );
  return finishImport("pairs", groups);
}

function parseRespondent(
  records: readonly SourceRecord[],
  header: readonly string[],
  keyColumn: string,
  catalogue: ImportCatalogue,
): RowDraft[] {
  const nothing = nothingOutsideAnswers(catalogue.questions);
  const names: { text: string; line: number; report: ImportRowReport }[] = [];
  const teams: string[] = [];
  let notOpenStackContributor = false;
  let teamsLine: number | undefined;
  let nothingOutsideOpenStack = false;
  const drafts = records.map((record): RowDraft => {
    const report = emptyReport(record.line, (record.cells[0] ?? "").trim());
    try {
      if (record.cells.length !== header.length)
        throw new RowProblem(`has ${record.cells.length} fields but the header has ${header.length}`);
      report.key = readKey(restoreCell(record.cells[0] ?? ""), keyColumn);
      const text = restoreCell(record.cells[1] ?? "");
      if (isAnswer(nothing, text)) nothingOutsideOpenStack = true;
      // An empty project name: a line that only gives teams.
      else if (text.trim() && !names.some((n) => n.text.trim() === text.trim()))
        names.push({ text, line: record.line, report });
      const named = readTeamNames(splitChoices(restoreCell(record.cells[2] ?? "")), catalogue, header[2] ?? "teams");
      for (const slug of named.teams) if (!teams.includes(slug)) teams.push(slug);
      notOpenStackContributor ||= named.notOpenStackContributor;
      if (named.teams.length > 0 || named.notOpenStackContributor) teamsLine ??= record.line;
      return { line: record.line, report, response: null };
    } catch (error) {
      return { line: record.line, report: rejectReport(report, error), response: null };
    }
  });
  const firstDraft = drafts[0];
  if (!firstDraft || drafts.some((d) => d.report.status === "rejected")) return drafts;
  const teamsLabel = header[2] ?? "teams";
  const describe: DescribeField = ([field, index]) => {
    if (field === "others" && index !== undefined) return { label: "", line: names[Number(index)]?.line };
    if (field === "teams" || field === "notOpenStackContributor") return { label: teamsLabel, line: teamsLine };
    return { label: "" };
  };
  const reportForName = (text: string) =>
    names.find((n) => n.text.normalize("NFC").trim() === text)?.report ?? firstDraft.report;
  try {
    // The respondent's lines together make one answer.
    const draft: AnswerDraft = {
      teams,
      notOpenStackContributor,
      nothingOutsideOpenStack,
      projects: [],
      others: names.map((n) => n.text),
      // Names are the sheet's only other question; the rest stay unanswered.
      yearsContributing: null,
      employerPaid: null,
      comment: null,
    };
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
