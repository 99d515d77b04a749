// Turning aggregate rows (already counted by the database) into chart series, with the small-cell rule
// applied. Pure and deterministic: the page, the JSON API and the CSV downloads all use these functions,
// so they cannot disagree.
import { CONTRIBUTION_KINDS, type ContributionKind } from "./questions";
import { cellShare, suppressCount, suppressPartition, type Cell } from "./suppression";

// ---------------------------------------------------------------------------------------------
// Inputs: rows as the queries return them, and the catalogue's labels.

export interface ProjectLabel {
  id: number;
  slug: string;
  name: string;
  categoryId: number;
}
export interface CategoryLabel {
  id: number;
  slug: string;
  name: string;
  position: number;
}
export interface TeamLabel {
  id: number;
  slug: string;
  name: string;
}
export interface SummaryLabels {
  projects: ProjectLabel[];
  categories: CategoryLabel[];
  teams: TeamLabel[];
}

export interface ProjectCountRow {
  projectId: number;
  respondents: number;
}
export interface CategoryKindRow {
  categoryId: number;
  respondents: number;
  kinds: Record<ContributionKind, number>;
}
export interface BinRow {
  projectCount: number;
  respondents: number;
}
export interface TeamCountRow {
  teamId: number;
  respondents: number;
}
export interface TeamCategoryRow {
  teamId: number;
  categoryId: number;
  respondents: number;
}
export interface PairRow {
  firstId: number;
  secondId: number;
  respondents: number;
}
export interface RoundCountRow {
  roundId: number;
  respondents: number;
}
export interface RoundProjectRow {
  roundId: number;
  projectId: number;
  respondents: number;
}
export interface DayRow {
  day: string;
  responses: number;
}

// ---------------------------------------------------------------------------------------------
// Outputs: the series the charts draw, the API returns and the CSVs hold.

export interface Measure {
  count: Cell;
  /** Percentage (0–100, one decimal) of the chart's denominator; null when the count is hidden. */
  percent: number | null;
}

export interface Ref {
  slug: string;
  name: string;
}

export const TOP_PROJECTS_LIMIT = 15;
export const PAIR_LIST_LIMIT = 15;
export const MATRIX_SIZE = 15;
export const COMPARISON_PROJECTS_LIMIT = 10;
export const COMPARISON_ROUNDS_LIMIT = 4;
export const HISTOGRAM_TOP_BIN = 10;

export const percentOf = (cell: Cell, denominator: Cell | number): number | null => {
  const share = cellShare(cell, denominator);
  return share === null ? null : Math.round(share * 1000) / 10;
};

const measure = (value: number, k: number, denominator: Cell | number): Measure => {
  const count = suppressCount(value, k);
  return { count, percent: percentOf(count, denominator) };
};

const byCountThenName = (a: { value: number; name: string }, b: { value: number; name: string }) =>
  b.value - a.value || a.name.localeCompare(b.name, "en");

function indexBy<T extends { id: number }>(items: readonly T[]): Map<number, T> {
  return new Map(items.map((item) => [item.id, item]));
}

// 1. Top upstream projects by respondents -------------------------------------------------------

export interface TopProjectsSeries {
  rows: (Ref & { category: string } & Measure)[];
  /** Projects chosen by at least one respondent, of which `rows` are the most chosen. */
  projectsChosen: number;
}

export function shapeTopProjects(
  rows: readonly ProjectCountRow[],
  labels: SummaryLabels,
  n: number,
  k: number,
  limit = TOP_PROJECTS_LIMIT,
): TopProjectsSeries {
  const projects = indexBy(labels.projects);
  const categories = indexBy(labels.categories);
  const ranked = rankProjects(rows, labels);
  return {
    rows: ranked.slice(0, limit).map((row) => {
      const project = projects.get(row.projectId)!;
      return {
        slug: project.slug,
        name: project.name,
        category: categories.get(project.categoryId)?.name ?? "",
        ...measure(row.respondents, k, n),
      };
    }),
    projectsChosen: ranked.length,
  };
}

/** Projects by respondents, most first, ties by name; projects missing from the catalogue are dropped. */
export function rankProjects(rows: readonly ProjectCountRow[], labels: SummaryLabels): ProjectCountRow[] {
  const projects = indexBy(labels.projects);
  return rows
    .filter((row) => row.respondents > 0 && projects.has(row.projectId))
    .map((row) => ({ ...row, value: row.respondents, name: projects.get(row.projectId)!.name }))
    .sort(byCountThenName)
    .map(({ projectId, respondents }) => ({ projectId, respondents }));
}

// 2. Categories: share of respondents with at least one project in the category ------------------

export interface CategoriesSeries {
  rows: (Ref & Measure)[];
}

export function shapeCategories(
  rows: readonly CategoryKindRow[],
  labels: SummaryLabels,
  n: number,
  k: number,
): CategoriesSeries {
  const counts = new Map(rows.map((row) => [row.categoryId, row.respondents]));
  const shaped = labels.categories.map((category) => ({
    category,
    value: counts.get(category.id) ?? 0,
    name: category.name,
  }));
  shaped.sort((a, b) => byCountThenName(a, b) || a.category.position - b.category.position);
  return {
    rows: shaped.map(({ category, value }) => ({ slug: category.slug, name: category.name, ...measure(value, k, n) })),
  };
}

// 3. Projects per respondent (histogram) --------------------------------------------------------

export interface HistogramSeries {
  bins: ({ label: string; from: number; to: number | null } & Measure)[];
  /** True when the bins would give away a small count whatever is hidden: the breakdown is not shown. */
  withheld: boolean;
}

export function shapeProjectsPerRespondent(
  rows: readonly BinRow[],
  n: number,
  k: number,
  topBin = HISTOGRAM_TOP_BIN,
): HistogramSeries {
  const values = Array.from({ length: topBin + 1 }, () => 0);
  for (const row of rows) {
    const bin = Math.min(Math.max(row.projectCount, 0), topBin);
    values[bin] = (values[bin] ?? 0) + row.respondents;
  }
  // The bins add up to n, which is shown: a partition, so hidden cells must not be recoverable by subtraction.
  const { cells, withheld } = suppressPartition(values, k, n);
  return {
    bins: cells.map((count, bin) => ({
      label: bin === topBin ? `${topBin}+` : String(bin),
      from: bin,
      to: bin === topBin ? null : bin,
      count,
      percent: percentOf(count, n),
    })),
    withheld,
  };
}

// 4. Kinds of contribution per category (stacked bars) -------------------------------------------

export interface KindsSeries {
  kinds: readonly ContributionKind[];
  rows: (Ref & {
    respondents: Cell;
    /** Per kind: respondents naming it for at least one project of the category; percent of the category's respondents. */
    kinds: Record<ContributionKind, Measure>;
    /** Per kind: share (0–100) of all the kinds named in this category, for the 100% stacked view. */
    mix: Record<ContributionKind, number | null>;
  })[];
}

export function shapeKindsPerCategory(rows: readonly CategoryKindRow[], labels: SummaryLabels, k: number): KindsSeries {
  const byCategory = new Map(rows.map((row) => [row.categoryId, row]));
  const shaped = labels.categories
    .map((category) => ({
      category,
      row: byCategory.get(category.id),
      value: byCategory.get(category.id)?.respondents ?? 0,
      name: category.name,
    }))
    .filter((entry) => entry.value > 0)
    .sort((a, b) => byCountThenName(a, b) || a.category.position - b.category.position);
  return {
    kinds: CONTRIBUTION_KINDS,
    rows: shaped.map(({ category, row, value }) => {
      const respondents = suppressCount(value, k);
      // The mix is of every kind named in the category, hidden ones included, so a bar's 100% is all of them.
      // A shown share then tells that total, so the kinds are suppressed as a partition of it: no hidden count
      // can be worked out by subtraction.
      const values = CONTRIBUTION_KINDS.map((kind) => row?.kinds[kind] ?? 0);
      const named = values.reduce((sum, v) => sum + v, 0);
      const { cells } = suppressPartition(values, k, named);
      const kinds = Object.fromEntries(
        CONTRIBUTION_KINDS.map((kind, i) => [kind, { count: cells[i]!, percent: percentOf(cells[i]!, respondents) }]),
      ) as Record<ContributionKind, Measure>;
      const mix = Object.fromEntries(
        CONTRIBUTION_KINDS.map((kind, i) => [kind, percentOf(cells[i]!, named)]),
      ) as Record<ContributionKind, number | null>;
      return { slug: category.slug, name: category.name, respondents, kinds, mix };
    }),
  };
}

// 5. OpenStack team × upstream category (heatmap) -------------------------------------------------

export interface HeatmapSeries {
  categories: Ref[];
  rows: (Ref & { respondents: Cell; cells: Measure[] })[];
  /** Teams with fewer than k respondents: left out, as their row would be hidden anyway. */
  teamsLeftOut: number;
}

export function shapeTeamCategory(
  teamRows: readonly TeamCountRow[],
  cellRows: readonly TeamCategoryRow[],
  labels: SummaryLabels,
  k: number,
): HeatmapSeries {
  const teams = indexBy(labels.teams);
  const categories = [...labels.categories].sort((a, b) => a.position - b.position);
  const cellCounts = new Map(cellRows.map((row) => [`${row.teamId}:${row.categoryId}`, row.respondents]));
  const ranked = teamRows
    .filter((row) => teams.has(row.teamId) && row.respondents > 0)
    .map((row) => ({ ...row, value: row.respondents, name: teams.get(row.teamId)!.name }))
    .sort(byCountThenName);
  const shown = ranked.filter((row) => row.respondents >= k);
  return {
    categories: categories.map((c) => ({ slug: c.slug, name: c.name })),
    rows: shown.map((row) => {
      const team = teams.get(row.teamId)!;
      const respondents = suppressCount(row.respondents, k);
      return {
        slug: team.slug,
        name: team.name,
        respondents,
        cells: categories.map((category) =>
          measure(cellCounts.get(`${row.teamId}:${category.id}`) ?? 0, k, respondents),
        ),
      };
    }),
    teamsLeftOut: ranked.length - shown.length,
  };
}

// 6. Co-contribution: most frequent pairs, and a matrix of the top projects ---------------------------

export interface PairsSeries {
  pairs: ({ first: Ref; second: Ref } & Measure)[];
  matrix: { projects: Ref[]; cells: Measure[][] };
}

export function shapeCoContribution(
  pairRows: readonly PairRow[],
  projectRows: readonly ProjectCountRow[],
  labels: SummaryLabels,
  n: number,
  k: number,
  options: { pairs?: number; matrix?: number } = {},
): PairsSeries {
  const projects = indexBy(labels.projects);
  const ref = (id: number): Ref => ({ slug: projects.get(id)!.slug, name: projects.get(id)!.name });
  const pairCounts = new Map<string, number>();
  for (const row of pairRows) {
    const [a, b] = row.firstId < row.secondId ? [row.firstId, row.secondId] : [row.secondId, row.firstId];
    pairCounts.set(`${a}:${b}`, (pairCounts.get(`${a}:${b}`) ?? 0) + row.respondents);
  }
  // Pairs chosen by fewer than k respondents are not listed: a list of "<k" pairs would say nothing.
  const pairs = [...pairCounts.entries()]
    .map(([key, value]) => {
      const [a, b] = key.split(":").map(Number) as [number, number];
      return { a, b, value, name: `${projects.get(a)?.name ?? ""} ${projects.get(b)?.name ?? ""}` };
    })
    .filter((pair) => pair.value >= k && projects.has(pair.a) && projects.has(pair.b))
    .sort(byCountThenName)
    .slice(0, options.pairs ?? PAIR_LIST_LIMIT)
    .map((pair) => ({ first: ref(pair.a), second: ref(pair.b), ...measure(pair.value, k, n) }));
  const top = rankProjects(projectRows, labels).slice(0, options.matrix ?? MATRIX_SIZE);
  const cells = top.map((row) =>
    top.map((column) => {
      if (row.projectId === column.projectId) return measure(row.respondents, k, n);
      const [a, b] =
        row.projectId < column.projectId ? [row.projectId, column.projectId] : [column.projectId, row.projectId];
      return measure(pairCounts.get(`${a}:${b}`) ?? 0, k, n);
    }),
  );
  return { pairs, matrix: { projects: top.map((row) => ref(row.projectId)), cells } };
}

// 7. Comparison between rounds, for the same project ids --------------------------------------------

export interface ComparisonRound {
  id: number;
  slug: string;
  title: string;
}

export interface ComparisonSeries {
  rounds: (Omit<ComparisonRound, "id"> & { respondents: Cell })[];
  projects: (Ref & { byRound: Measure[] })[];
  /** Rounds with at least k respondents under these filters: a comparison needs two. */
  comparableRounds: number;
}

export function shapeRoundComparison(
  rounds: readonly ComparisonRound[],
  roundCounts: readonly RoundCountRow[],
  projectRows: readonly RoundProjectRow[],
  topProjectIds: readonly number[],
  labels: SummaryLabels,
  k: number,
): ComparisonSeries {
  const projects = indexBy(labels.projects);
  const nByRound = new Map(roundCounts.map((row) => [row.roundId, row.respondents]));
  const counts = new Map(projectRows.map((row) => [`${row.roundId}:${row.projectId}`, row.respondents]));
  const shownRounds = rounds.map((round) => ({ round, respondents: suppressCount(nByRound.get(round.id) ?? 0, k) }));
  return {
    rounds: shownRounds.map(({ round, respondents }) => ({ slug: round.slug, title: round.title, respondents })),
    projects: topProjectIds
      .filter((id) => projects.has(id))
      .map((id) => ({
        slug: projects.get(id)!.slug,
        name: projects.get(id)!.name,
        byRound: shownRounds.map(({ round, respondents }) =>
          measure(counts.get(`${round.id}:${id}`) ?? 0, k, respondents),
        ),
      })),
    comparableRounds: shownRounds.filter((entry) => !entry.respondents.suppressed).length,
  };
}

// 8. Responses over time within a round ------------------------------------------------------------

export interface TimelineSeries {
  days: ({ day: string } & Measure)[];
  withheld: boolean;
}

/** Every day from the first to the last response (UTC), gaps filled with 0 so the axis is honest. */
export function shapeResponsesOverTime(rows: readonly DayRow[], n: number, k: number): TimelineSeries {
  const byDay = new Map(rows.map((row) => [row.day, row.responses]));
  const sorted = [...byDay.keys()].sort();
  const days: string[] = [];
  if (sorted.length > 0) {
    const last = Date.parse(`${sorted.at(-1)}T00:00:00Z`);
    for (let t = Date.parse(`${sorted[0]}T00:00:00Z`); t <= last; t += 86_400_000)
      days.push(new Date(t).toISOString().slice(0, 10));
  }
  // The days add up to n, which is shown: a partition.
  const { cells, withheld } = suppressPartition(
    days.map((day) => byDay.get(day) ?? 0),
    k,
    n,
  );
  return { days: days.map((day, i) => ({ day, count: cells[i]!, percent: percentOf(cells[i]!, n) })), withheld };
}
