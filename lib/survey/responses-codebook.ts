// Codebook: one row per column of both raw-response layouts (./responses-csv.ts), for the round being exported.
import { CONTRIBUTION_KINDS, EMPLOYER_PAID } from "./answer-codes";
import { MAX_OTHER_LENGTH, MAX_TEXT_LENGTH } from "./response-limits";
import {
  FREQUENCY_SUFFIX,
  LONG_COLUMNS,
  LONG_ROW_TYPES,
  STORED_FREQUENCIES,
  UNSPECIFIED_FREQUENCY,
  WIDE_LEADING_COLUMNS,
  WIDE_OTHER_COLUMNS,
  otherColumnName,
  projectColumnName,
  type ExportContext,
  type ExportLayout,
  type LongColumn,
} from "./responses-csv";

export const CODEBOOK_COLUMNS = ["layout", "column", "type", "values", "description"] as const;

const bool = "true | false";
const list = (values: readonly string[]) => values.join(" | ");
const RESPONSE_COLUMN_DOCS: Record<(typeof WIDE_LEADING_COLUMNS)[number], [type: string, values: string, description: string]> = {
  response_id: ["text", "UUID", "Random id of the response; reveals neither order nor volume. The same in both layouts."],
  round: ["text", "round slug", "The survey round the response belongs to."],
  submitted_at: ["timestamp", "ISO 8601, UTC", "When the response was first submitted (later edits keep it)."],
  teams: ["list", "team slugs joined by \"|\"", "OpenStack teams the respondent contributes to, in catalogue order; empty when none."],
  not_openstack_contributor: ["boolean", bool, "The respondent said they do not contribute to OpenStack."],
  nothing_outside_openstack: ["boolean", bool, "The respondent said they contribute to nothing outside OpenStack."],
  years_contributing: ["integer", "0 to 60, empty when not answered", "Years contributing to OpenStack."],
  employer_paid: ["code", `${list(EMPLOYER_PAID)}; empty when not answered`, "Whether an employer pays for the respondent's upstream work."],
};

/** Rows of codebook.csv: every column of the wide layout (project columns of this round listed one by one), then of the long layout. */
export function codebookRows(context: ExportContext): string[][] {
  const rows: string[][] = [];
  const leading = (layout: ExportLayout) =>
    WIDE_LEADING_COLUMNS.forEach((column) => rows.push([layout, column, ...RESPONSE_COLUMN_DOCS[column]]));
  leading("wide");
  const kindValues = `contribution kinds joined by "|" in this order: ${list(CONTRIBUTION_KINDS)}`;
  const frequencyValues = list(STORED_FREQUENCIES);
  for (const project of context.roundProjects) {
    if (!context.wideColumnByProject.has(project.id)) continue;
    const column = projectColumnName(project.slug);
    rows.push([
      "wide",
      column,
      "list",
      kindValues,
      `How the respondent contributes to ${project.name} (${project.categoryName}); empty when not chosen, and also empty when the project was only named as free text (then ${column}${FREQUENCY_SUFFIX} is "${UNSPECIFIED_FREQUENCY}").`,
    ]);
    rows.push([
      "wide",
      column + FREQUENCY_SUFFIX,
      "code",
      frequencyValues,
      `How often the respondent contributes to ${project.name}; not empty exactly when the project was chosen or named.`,
    ]);
  }
  for (let i = 0; i < WIDE_OTHER_COLUMNS; i++) {
    rows.push([
      "wide",
      otherColumnName(i),
      "text",
      `free text, at most ${MAX_OTHER_LENGTH} characters`,
      `Free-text entry ${i + 1} under "other projects", exactly as typed (a cell starting with = + - @ tab or CR gets a leading ' so spreadsheets do not run it). A name that matched a catalogue project also counts as that project, with frequency "${UNSPECIFIED_FREQUENCY}".`,
    ]);
  }
  rows.push(["wide", "comment", "text", `free text, at most ${MAX_TEXT_LENGTH.toLocaleString("en")} characters`, "The respondent's optional comment (same formula guard as other_N)."]);

  leading("long");
  const longDocs: Record<Exclude<LongColumn, (typeof WIDE_LEADING_COLUMNS)[number]>, [string, string, string]> = {
    row_type: [
      "code",
      list(LONG_ROW_TYPES),
      "project: one project the response chose or named; other: one free-text entry; none: the response named no project (one row, so every response appears).",
    ],
    project_slug: ["text", "project slug", "project rows: the catalogue project; empty otherwise."],
    project_name: ["text", "project name", "project rows: the project's name at export time."],
    category: ["text", "category name", "project rows: the project's catalogue category."],
    kinds: ["list", kindValues, `project rows: how the respondent contributes; empty when the project was only named as free text.`],
    frequency: ["code", frequencyValues, `project rows: how often; "${UNSPECIFIED_FREQUENCY}" when the project was only named as free text.`],
    other_position: ["integer", "1 to N", "other rows: the entry's position in the order typed (other_N of the wide layout)."],
    other_text: ["text", "free text", "other rows: the entry exactly as typed (same formula guard as the wide layout)."],
    other_matched_slug: ["text", "project slug", "other rows: the catalogue project the text matched (it then also has a project row); empty when unmatched."],
  };
  for (const column of LONG_COLUMNS.slice(WIDE_LEADING_COLUMNS.length)) {
    rows.push(["long", column, ...longDocs[column as keyof typeof longDocs]]);
  }
  return rows;
}
