// The two raw-response CSV layouts and their codebook. Pure: lib/db/responses-export.ts feeds it rows.
// Every header is built from the round's catalogue and the schema, never from the rows being exported,
// so two exports of the same round always have the same columns in the same order.
import { CONTRIBUTION_KINDS, EMPLOYER_PAID, FREQUENCIES, UNSPECIFIED_FREQUENCY, type ContributionKind } from "./questions";
import { CSV_RECORD_END, toCsvField, toCsvRecords } from "./csv";
import { MAX_OTHER_ENTRIES, MAX_OTHER_LENGTH, MAX_TEXT_LENGTH } from "./response-schema";

export const EXPORT_LAYOUTS = ["wide", "long"] as const;
export type ExportLayout = (typeof EXPORT_LAYOUTS)[number];

export { UNSPECIFIED_FREQUENCY };
export const STORED_FREQUENCIES = [...FREQUENCIES, UNSPECIFIED_FREQUENCY] as const;

/** Separator of list cells (teams, kinds): never part of a slug or a kind code. */
export const LIST_SEPARATOR = "|";
/** Suffix of the wide layout's per-project frequency column: `sqlalchemy__frequency`. */
export const FREQUENCY_SUFFIX = "__frequency";
/** Free-text columns in the wide layout: the form's maximum, so the header never depends on the rows. */
export const WIDE_OTHER_COLUMNS = MAX_OTHER_ENTRIES;

export const WIDE_LEADING_COLUMNS = [
  "response_id",
  "round",
  "submitted_at",
  "teams",
  "not_openstack_contributor",
  "nothing_outside_openstack",
  "years_contributing",
  "employer_paid",
] as const;
export const WIDE_TRAILING_COLUMNS = ["comment"] as const;
export const otherColumnName = (position: number) => `other_${position + 1}`;

export const LONG_COLUMNS = [
  "response_id",
  "round",
  "submitted_at",
  "teams",
  "not_openstack_contributor",
  "nothing_outside_openstack",
  "years_contributing",
  "employer_paid",
  "row_type",
  "project_slug",
  "project_name",
  "category",
  "kinds",
  "frequency",
  "other_position",
  "other_text",
  "other_matched_slug",
] as const;
export type LongColumn = (typeof LONG_COLUMNS)[number];

/** What a row of the long layout stands for. */
export const LONG_ROW_TYPES = ["project", "other", "none"] as const;
export type LongRowType = (typeof LONG_ROW_TYPES)[number];

export interface ExportProject {
  id: number;
  slug: string;
  name: string;
  categoryName: string;
}

export interface ExportTeam {
  id: number;
  slug: string;
}

/** One response as the exporter reads it, already resolved to ids. */
export interface ExportResponse {
  /** The response's public id (never the internal, time-ordered one): the response_id column. */
  id: string;
  createdAt: Date;
  notOpenStackContributor: boolean;
  nothingOutsideOpenStack: boolean;
  yearsContributing: number | null;
  employerPaid: string | null;
  comment: string | null;
  teamIds: readonly number[];
  selections: readonly { projectId: number; kinds: readonly ContributionKind[]; frequency: string }[];
  others: readonly { position: number; rawText: string; projectId: number | null }[];
}

export interface ExportContext {
  roundSlug: string;
  /** The projects the round offers, in the order its form shows them (RoundProject.position). */
  roundProjects: readonly ExportProject[];
  wideHeader: readonly string[];
  /** The whole catalogue by id: a free-text entry may match a project the round does not offer. */
  projectsById: ReadonlyMap<number, ExportProject>;
  /** Sort rank of every project: the round's order first, then the rest of the catalogue. */
  projectRank: ReadonlyMap<number, number>;
  wideColumnByProject: ReadonlyMap<number, number>;
  teamsById: ReadonlyMap<number, ExportTeam & { rank: number }>;
}

const RESERVED_WIDE_NAMES = new Set<string>([
  ...WIDE_LEADING_COLUMNS,
  ...WIDE_TRAILING_COLUMNS,
  ...Array.from({ length: WIDE_OTHER_COLUMNS }, (_, i) => otherColumnName(i)),
]);

/** A project's wide column: its slug, unless a fixed column already has that name (":" never occurs in a slug). */
export function projectColumnName(slug: string): string {
  return RESERVED_WIDE_NAMES.has(slug) || slug.endsWith(FREQUENCY_SUFFIX) ? `project:${slug}` : slug;
}

/**
 * Everything the layouts need, computed once per export.
 * @param roundProjects the round's projects in form order
 * @param catalogue every project (any status) in catalogue order, for names of projects the round does not offer
 * @param teams every team in catalogue order
 */
export function buildExportContext(
  roundSlug: string,
  roundProjects: readonly ExportProject[],
  catalogue: readonly ExportProject[],
  teams: readonly ExportTeam[],
): ExportContext {
  const projectsById = new Map<number, ExportProject>();
  const projectRank = new Map<number, number>();
  for (const project of [...roundProjects, ...catalogue]) {
    if (!projectsById.has(project.id)) projectsById.set(project.id, project);
    if (!projectRank.has(project.id)) projectRank.set(project.id, projectRank.size);
  }
  const wideColumnByProject = new Map<number, number>();
  const wideHeader: string[] = [...WIDE_LEADING_COLUMNS];
  for (const project of roundProjects) {
    if (wideColumnByProject.has(project.id)) continue;
    wideColumnByProject.set(project.id, wideHeader.length);
    const column = projectColumnName(project.slug);
    wideHeader.push(column, column + FREQUENCY_SUFFIX);
  }
  for (let i = 0; i < WIDE_OTHER_COLUMNS; i++) wideHeader.push(otherColumnName(i));
  wideHeader.push(...WIDE_TRAILING_COLUMNS);
  return {
    roundSlug,
    roundProjects,
    wideHeader,
    projectsById,
    projectRank,
    wideColumnByProject,
    teamsById: new Map(teams.map((team, rank) => [team.id, { ...team, rank }])),
  };
}

export function headerFor(context: ExportContext, layout: ExportLayout): readonly string[] {
  return layout === "wide" ? context.wideHeader : LONG_COLUMNS;
}

// Every possible set of kinds, indexed by bit mask (bit i = CONTRIBUTION_KINDS[i]), built once and shared:
// the exporter hands out these arrays instead of building one per selection.
const KINDS_BY_MASK: readonly (readonly ContributionKind[])[] = Array.from({ length: 1 << CONTRIBUTION_KINDS.length }, (_, mask) =>
  Object.freeze(CONTRIBUTION_KINDS.filter((_, bit) => (mask & (1 << bit)) !== 0)),
);

/** The kinds of a bit mask (bit i = CONTRIBUTION_KINDS[i]), in the schema's order; unknown bits are ignored. */
export function kindsFromMask(mask: number): readonly ContributionKind[] {
  return KINDS_BY_MASK[mask & (KINDS_BY_MASK.length - 1)] ?? [];
}

/** The kinds of a stored selection, in the schema's order. */
export function kindsFromColumns(row: { kindCode: boolean; kindReview: boolean; kindBugs: boolean; kindDocs: boolean; kindMaintainer: boolean }): readonly ContributionKind[] {
  const flags = { code: row.kindCode, review: row.kindReview, bugs: row.kindBugs, docs: row.kindDocs, maintainer: row.kindMaintainer };
  return kindsFromMask(CONTRIBUTION_KINDS.reduce((mask, kind, bit) => (flags[kind] ? mask | (1 << bit) : mask), 0));
}

const KIND_ORDER = new Map<string, number>(CONTRIBUTION_KINDS.map((kind, i) => [kind, i]));
export const joinKinds = (kinds: readonly string[]) =>
  [...kinds].sort((a, b) => (KIND_ORDER.get(a) ?? 99) - (KIND_ORDER.get(b) ?? 99)).join(LIST_SEPARATOR);

function teamSlugs(context: ExportContext, teamIds: readonly number[]): string {
  return teamIds
    .map((id) => context.teamsById.get(id))
    .filter((team) => team !== undefined)
    .sort((a, b) => a.rank - b.rank)
    .map((team) => team.slug)
    .join(LIST_SEPARATOR);
}

function responseCells(context: ExportContext, response: ExportResponse): unknown[] {
  return [
    response.id,
    context.roundSlug,
    response.createdAt,
    teamSlugs(context, response.teamIds),
    response.notOpenStackContributor,
    response.nothingOutsideOpenStack,
    response.yearsContributing,
    response.employerPaid,
  ];
}

const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;

/**
 * One wide row: a chosen project's column holds its kinds ("code|review") and `<slug>__frequency` how often;
 * both are empty when the project was not chosen. A project named only as free text has empty kinds and the
 * frequency "unspecified". Selections of projects the round does not offer have no column (their raw text is
 * in other_N); free-text entries beyond WIDE_OTHER_COLUMNS appear only in the long layout.
 */
export function toWideRow(context: ExportContext, response: ExportResponse): unknown[] {
  const cells: unknown[] = new Array<unknown>(context.wideHeader.length).fill("");
  responseCells(context, response).forEach((value, i) => (cells[i] = value));
  for (const selection of response.selections) {
    const column = context.wideColumnByProject.get(selection.projectId);
    if (column === undefined) continue;
    cells[column] = joinKinds(selection.kinds);
    cells[column + 1] = selection.frequency;
  }
  const firstOther = context.wideHeader.length - WIDE_TRAILING_COLUMNS.length - WIDE_OTHER_COLUMNS;
  [...response.others].sort(byPosition).slice(0, WIDE_OTHER_COLUMNS).forEach((other, i) => (cells[firstOther + i] = other.rawText));
  cells[context.wideHeader.length - 1] = response.comment;
  return cells;
}

/**
 * The long rows of one response: a "project" row per selection (the round's order, then any other catalogue
 * project), an "other" row per free-text entry in the order typed, or a single "none" row when the response
 * names neither, so every response appears at least once.
 */
export function toLongRows(context: ExportContext, response: ExportResponse): unknown[][] {
  const lead = responseCells(context, response);
  const rows: unknown[][] = [];
  const selections = [...response.selections].sort(
    (a, b) => (context.projectRank.get(a.projectId) ?? Infinity) - (context.projectRank.get(b.projectId) ?? Infinity) || a.projectId - b.projectId,
  );
  for (const selection of selections) {
    const project = context.projectsById.get(selection.projectId);
    rows.push([...lead, "project", project?.slug ?? "", project?.name ?? "", project?.categoryName ?? "", joinKinds(selection.kinds), selection.frequency, "", "", ""]);
  }
  [...response.others].sort(byPosition).forEach((other, i) => {
    const matched = other.projectId === null ? undefined : context.projectsById.get(other.projectId);
    rows.push([...lead, "other", "", "", "", "", "", i + 1, other.rawText, matched?.slug ?? ""]);
  });
  if (rows.length === 0) rows.push([...lead, "none", "", "", "", "", "", "", "", ""]);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Streaming writer: the same records as toWideRow / toLongRows + toCsvRecords, built straight as text.
// An export writes millions of records; building a cell array per record and a string per cell made the
// export allocate about 30 bytes per byte written, and that garbage (not live data) set the server's peak
// memory. Here every field that repeats (the response's leading cells, a project's slug, name and category, a
// set of kinds, a frequency) is encoded once, and a wide row skips its empty cells as runs of commas.
// responses-csv.test.ts holds the writer byte-for-byte to the array functions above.

export interface ResponsesCsvWriter {
  /** The header record, line end included. */
  readonly header: string;
  /** Every record of one response (one wide row, or its long rows), line ends included. */
  write(response: ExportResponse): string;
}

/** Stable insertion sort of a short list into `into` (reused between calls): no allocation per response. */
function sortInto<T>(into: T[], items: readonly T[], compare: (a: T, b: T) => number): T[] {
  into.length = 0;
  for (const item of items) {
    let i = into.length;
    into.push(item);
    for (; i > 0 && compare(into[i - 1]!, item) > 0; i--) into[i] = into[i - 1]!;
    into[i] = item;
  }
  return into;
}

export function createResponsesCsvWriter(context: ExportContext, layout: ExportLayout): ResponsesCsvWriter {
  const kindsFields = new Map<readonly string[], string>(KINDS_BY_MASK.map((kinds) => [kinds, toCsvField(joinKinds(kinds))]));
  const kindsField = (kinds: readonly string[]) => kindsFields.get(kinds) ?? toCsvField(joinKinds(kinds));
  const frequencyFields = new Map<string, string>();
  const frequencyField = (frequency: string) => {
    let field = frequencyFields.get(frequency);
    if (field === undefined) frequencyFields.set(frequency, (field = toCsvField(frequency)));
    return field;
  };
  const roundField = toCsvField(context.roundSlug);
  const leadingFields = (response: ExportResponse) =>
    toCsvField(response.id) +
    "," +
    roundField +
    "," +
    toCsvField(response.createdAt) +
    "," +
    toCsvField(teamSlugs(context, response.teamIds)) +
    "," +
    toCsvField(response.notOpenStackContributor) +
    "," +
    toCsvField(response.nothingOutsideOpenStack) +
    "," +
    toCsvField(response.yearsContributing) +
    "," +
    toCsvField(response.employerPaid);
  const header = toCsvRecords([headerFor(context, layout)]);
  const others: ExportResponse["others"][number][] = [];
  return layout === "wide" ? wideWriter(context, header, leadingFields, kindsField, frequencyField, others) : longWriter(context, header, leadingFields, kindsField, frequencyField, others);
}

type FieldOf<T> = (value: T) => string;

function wideWriter(
  context: ExportContext,
  header: string,
  leadingFields: FieldOf<ExportResponse>,
  kindsField: FieldOf<readonly string[]>,
  frequencyField: FieldOf<string>,
  others: ExportResponse["others"][number][],
): ResponsesCsvWriter {
  const width = context.wideHeader.length;
  const firstOther = width - WIDE_TRAILING_COLUMNS.length - WIDE_OTHER_COLUMNS;
  // separators[n]: n commas, the text between the end of one written cell and the start of a cell n further on.
  const separators = Array.from({ length: width + 1 }, (_, n) => ",".repeat(n));
  const chosen: { column: number; selection: ExportResponse["selections"][number] }[] = [];
  const byColumn = (a: { column: number }, b: { column: number }) => a.column - b.column;
  const scratch: typeof chosen = [];
  return {
    header,
    write(response) {
      // Cells 0..6 are written; `next` is the index of the first cell not yet written.
      let record = leadingFields(response);
      let next = WIDE_LEADING_COLUMNS.length;
      const put = (column: number, field: string) => {
        record += separators[column - next + 1]! + field;
        next = column + 1;
      };
      chosen.length = 0;
      for (const selection of response.selections) {
        const column = context.wideColumnByProject.get(selection.projectId);
        if (column !== undefined) chosen.push({ column, selection });
      }
      for (const { column, selection } of sortInto(scratch, chosen, byColumn)) {
        put(column, kindsField(selection.kinds));
        put(column + 1, frequencyField(selection.frequency));
      }
      const typed = sortInto(others, response.others, byPosition);
      for (let i = 0; i < typed.length && i < WIDE_OTHER_COLUMNS; i++) put(firstOther + i, toCsvField(typed[i]!.rawText));
      put(width - 1, toCsvField(response.comment));
      return record + CSV_RECORD_END;
    },
  };
}

function longWriter(
  context: ExportContext,
  header: string,
  leadingFields: FieldOf<ExportResponse>,
  kindsField: FieldOf<readonly string[]>,
  frequencyField: FieldOf<string>,
  others: ExportResponse["others"][number][],
): ResponsesCsvWriter {
  // ",project,<slug>,<name>,<category>," for every project that can appear, encoded once.
  const projectFields = new Map<number, string>();
  const projectPrefix = (projectId: number) => {
    let prefix = projectFields.get(projectId);
    if (prefix === undefined) {
      const project = context.projectsById.get(projectId);
      prefix = "," + ["project", project?.slug, project?.name, project?.categoryName].map(toCsvField).join(",") + ",";
      projectFields.set(projectId, prefix);
    }
    return prefix;
  };
  const rank = (projectId: number) => context.projectRank.get(projectId) ?? Infinity;
  const byRank = (a: { projectId: number }, b: { projectId: number }) => rank(a.projectId) - rank(b.projectId) || a.projectId - b.projectId;
  const selections: ExportResponse["selections"][number][] = [];
  // Empty cells after a project row's frequency, before an other row's position, and of a none row.
  const PROJECT_END = ",,," + CSV_RECORD_END;
  const OTHER_PREFIX = ",other,,,,,,";
  const NONE_ROW = ",none,,,,,,,," + CSV_RECORD_END;
  return {
    header,
    write(response) {
      const lead = leadingFields(response);
      let records = "";
      for (const selection of sortInto(selections, response.selections, byRank)) {
        records += lead + projectPrefix(selection.projectId) + kindsField(selection.kinds) + "," + frequencyField(selection.frequency) + PROJECT_END;
      }
      const typed = sortInto(others, response.others, byPosition);
      for (let i = 0; i < typed.length; i++) {
        const other = typed[i]!;
        const matched = other.projectId === null ? undefined : context.projectsById.get(other.projectId);
        records += lead + OTHER_PREFIX + (i + 1) + "," + toCsvField(other.rawText) + "," + toCsvField(matched?.slug) + CSV_RECORD_END;
      }
      return records === "" ? lead + NONE_ROW : records;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Codebook: one row per column of both layouts, for the round being exported.

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
