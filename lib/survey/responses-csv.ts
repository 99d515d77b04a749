// The two raw-response CSV layouts, as cell arrays. Pure: lib/db/responses-export.ts feeds it rows. The streaming
// writer (./responses-csv-writer.ts) and the codebook (./responses-codebook.ts) are built from the same columns.
// Every header is built from the round's catalogue and the schema, never from the rows being exported,
// so two exports of the same round always have the same columns in the same order.
import { CONTRIBUTION_KINDS, FREQUENCIES, UNSPECIFIED_FREQUENCY, type ContributionKind } from "./answer-codes";
import { MAX_OTHER_ENTRIES } from "./response-limits";

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

// The long layout repeats the response's leading columns on each of its rows.
export const LONG_COLUMNS = [
  ...WIDE_LEADING_COLUMNS,
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
export const KINDS_BY_MASK: readonly (readonly ContributionKind[])[] = Array.from({ length: 1 << CONTRIBUTION_KINDS.length }, (_, mask) =>
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

export function teamSlugs(context: ExportContext, teamIds: readonly number[]): string {
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

export const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;

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
