// Turning aggregate rows (already counted by the database, each cell with the sum of its respondents' record
// keys) into chart series, every count published through the cell key method (lib/survey/cell-key.ts):
// 0, "<k", or the count adjusted by at most D. Percentages are of published figures; rows are ordered by
// published figures, and rows published as "<k" by name only, so no order tells more than the labels.
// Pure and deterministic: the page, the JSON API and the CSV downloads all use these functions, so they cannot
// disagree, and the same respondents give the same figure in every chart.
import { addTallies, EMPTY_TALLY, isPublishedNonZero, publishTally, type Tally } from "./cell-key";
import { CONTRIBUTION_KINDS, type ContributionKind } from "./answer-codes";
import {
  tallyOf,
  type BinRow,
  type CategoryKindRow,
  type DayRow,
  type PairRow,
  type ProjectCountRow,
  type RoundCountRow,
  type RoundProjectRow,
  type SummaryLabels,
  type TeamCategoryRow,
  type TeamCountRow,
} from "./summary-rows";
import { cellShare, type Cell } from "./suppression";

// ---------------------------------------------------------------------------------------------
// Outputs: the series the charts draw, the API returns and the CSVs hold.

export interface Measure {
  count: Cell;
  /** Percentage (0–100, one decimal) of the chart's published denominator; null when the count is "<k". */
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

const measure = (tally: Tally, k: number, denominator: Cell | number): Measure => {
  const count = publishTally(tally, k);
  return { count, percent: percentOf(count, denominator) };
};

/** Published figures, largest first: shown counts by value, then every "<k" together, then 0. */
const publishedRank = (cell: Cell) => (cell.suppressed ? 0.5 : cell.value);

/** By published figure, ties (every "<k" among them) by name only: a hidden count never orders anything. */
const byPublishedThenName = (a: { cell: Cell; name: string }, b: { cell: Cell; name: string }) =>
  publishedRank(b.cell) - publishedRank(a.cell) || a.name.localeCompare(b.name, "en");

const isShownAtLeastOne = (cell: Cell) => !cell.suppressed && cell.value > 0;

function indexBy<T extends { id: number }>(items: readonly T[]): Map<number, T> {
  return new Map(items.map((item) => [item.id, item]));
}

// 1. Top upstream projects by respondents -------------------------------------------------------

export interface TopProjectsSeries {
  rows: (Ref & { category: string } & Measure)[];
  /** Projects whose published figure is not 0, of which `rows` are the first. */
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
  const ranked = rankProjects(rows, labels, k);
  return {
    rows: ranked.slice(0, limit).map((row) => {
      const project = projects.get(row.projectId)!;
      return {
        slug: project.slug,
        name: project.name,
        category: categories.get(project.categoryId)?.name ?? "",
        count: row.count,
        percent: percentOf(row.count, n),
      };
    }),
    projectsChosen: ranked.length,
  };
}

/**
 * Projects by published figure, ties and "<k" by name; projects missing from the catalogue are dropped, and so are
 * those published as 0, whether nobody chose them or a few did (the two look the same everywhere).
 */
export function rankProjects(
  rows: readonly ProjectCountRow[],
  labels: SummaryLabels,
  k: number,
): { projectId: number; count: Cell }[] {
  const projects = indexBy(labels.projects);
  return rows
    .filter((row) => projects.has(row.projectId))
    .map((row) => ({ projectId: row.projectId, cell: publishTally(tallyOf(row), k), name: projects.get(row.projectId)!.name }))
    .filter((row) => isPublishedNonZero(row.cell))
    .sort(byPublishedThenName)
    .map(({ projectId, cell }) => ({ projectId, count: cell }));
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
  const byCategory = new Map(rows.map((row) => [row.categoryId, row]));
  const shaped = labels.categories.map((category) => ({
    category,
    cell: publishTally(tallyOf(byCategory.get(category.id)), k),
    name: category.name,
  }));
  shaped.sort((a, b) => byPublishedThenName(a, b) || a.category.position - b.category.position);
  return {
    rows: shaped.map(({ category, cell }) => ({
      slug: category.slug,
      name: category.name,
      count: cell,
      percent: percentOf(cell, n),
    })),
  };
}

// 3. Projects per respondent (histogram) --------------------------------------------------------

export interface HistogramSeries {
  bins: ({ label: string; from: number; to: number | null } & Measure)[];
  /**
   * Always false since every bin is perturbed (docs/privacy.md): kept so readers of the API need no change. It was
   * true when complementary suppression could not hide a small bin.
   */
  withheld: boolean;
}

export function shapeProjectsPerRespondent(
  rows: readonly BinRow[],
  n: number,
  k: number,
  topBin = HISTOGRAM_TOP_BIN,
): HistogramSeries {
  const tallies: Tally[] = Array.from({ length: topBin + 1 }, () => EMPTY_TALLY);
  for (const row of rows) {
    const bin = Math.min(Math.max(row.projectCount, 0), topBin);
    tallies[bin] = addTallies(tallies[bin]!, tallyOf(row));
  }
  // Every bin is perturbed on its own, so n minus the shown bins is no longer any bin's true count.
  return {
    bins: tallies.map((tally, bin) => ({
      label: bin === topBin ? `${topBin}+` : String(bin),
      from: bin,
      to: bin === topBin ? null : bin,
      ...measure(tally, k, n),
    })),
    withheld: false,
  };
}

// 4. Kinds of contribution per category (stacked bars) -------------------------------------------

export interface KindsSeries {
  kinds: readonly ContributionKind[];
  rows: (Ref & {
    respondents: Cell;
    /** Per kind: respondents naming it for at least one project of the category; percent of the category's respondents. */
    kinds: Record<ContributionKind, Measure>;
    /** Per kind: share (0–100) of the kinds shown as counts in this category, for the 100% stacked view. */
    mix: Record<ContributionKind, number | null>;
  })[];
}

export function shapeKindsPerCategory(rows: readonly CategoryKindRow[], labels: SummaryLabels, k: number): KindsSeries {
  const byCategory = new Map(rows.map((row) => [row.categoryId, row]));
  const shaped = labels.categories
    .map((category) => ({
      category,
      row: byCategory.get(category.id),
      cell: publishTally(tallyOf(byCategory.get(category.id)), k),
      name: category.name,
    }))
    .filter((entry) => isPublishedNonZero(entry.cell))
    .sort((a, b) => byPublishedThenName(a, b) || a.category.position - b.category.position);
  return {
    kinds: CONTRIBUTION_KINDS,
    rows: shaped.map(({ category, row, cell: respondents }) => {
      const kinds = Object.fromEntries(
        CONTRIBUTION_KINDS.map((kind) => [kind, measure(row?.kinds[kind] ?? EMPTY_TALLY, k, respondents)]),
      ) as Record<ContributionKind, Measure>;
      // The mix is of the kinds shown as counts: a bar's 100% is their published sum, and a "<k" kind has no
      // share (its share of a published total would tell its count).
      const shownTotal = CONTRIBUTION_KINDS.reduce(
        (sum, kind) => sum + (kinds[kind].count.suppressed ? 0 : kinds[kind].count.value),
        0,
      );
      const mix = Object.fromEntries(
        CONTRIBUTION_KINDS.map((kind) => [kind, percentOf(kinds[kind].count, shownTotal)]),
      ) as Record<ContributionKind, number | null>;
      return { slug: category.slug, name: category.name, respondents, kinds, mix };
    }),
  };
}

// 5. OpenStack team × upstream category (heatmap) -------------------------------------------------

export interface HeatmapSeries {
  categories: Ref[];
  rows: (Ref & { respondents: Cell; cells: Measure[] })[];
  /** Teams published as "<k": left out, as their row would be hidden anyway. */
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
  const cells = new Map(cellRows.map((row) => [`${row.teamId}:${row.categoryId}`, row]));
  const ranked = teamRows
    .filter((row) => teams.has(row.teamId))
    .map((row) => ({ teamId: row.teamId, cell: publishTally(tallyOf(row), k), name: teams.get(row.teamId)!.name }))
    .filter((row) => isPublishedNonZero(row.cell))
    .sort(byPublishedThenName);
  const shown = ranked.filter((row) => isShownAtLeastOne(row.cell));
  return {
    categories: categories.map((c) => ({ slug: c.slug, name: c.name })),
    rows: shown.map((row) => {
      const team = teams.get(row.teamId)!;
      return {
        slug: team.slug,
        name: team.name,
        respondents: row.cell,
        cells: categories.map((category) => measure(tallyOf(cells.get(`${row.teamId}:${category.id}`)), k, row.cell)),
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
  const pairTallies = new Map<string, Tally>();
  for (const row of pairRows) {
    const [a, b] = row.firstId < row.secondId ? [row.firstId, row.secondId] : [row.secondId, row.firstId];
    pairTallies.set(`${a}:${b}`, addTallies(pairTallies.get(`${a}:${b}`) ?? EMPTY_TALLY, tallyOf(row)));
  }
  // Only pairs shown as a count are listed: a list of "<k" pairs would say nothing.
  const pairs = [...pairTallies.entries()]
    .map(([key, tally]) => {
      const [a, b] = key.split(":").map(Number) as [number, number];
      const name = `${projects.get(a)?.name ?? ""} ${projects.get(b)?.name ?? ""}`;
      return { a, b, cell: publishTally(tally, k), name };
    })
    .filter((pair) => isShownAtLeastOne(pair.cell) && projects.has(pair.a) && projects.has(pair.b))
    .sort(byPublishedThenName)
    .slice(0, options.pairs ?? PAIR_LIST_LIMIT)
    .map((pair) => ({ first: ref(pair.a), second: ref(pair.b), count: pair.cell, percent: percentOf(pair.cell, n) }));
  const top = rankProjects(projectRows, labels, k).slice(0, options.matrix ?? MATRIX_SIZE);
  const cells = top.map((row) =>
    top.map((column) => {
      if (row.projectId === column.projectId) return { count: row.count, percent: percentOf(row.count, n) };
      const [a, b] =
        row.projectId < column.projectId ? [row.projectId, column.projectId] : [column.projectId, row.projectId];
      return measure(pairTallies.get(`${a}:${b}`) ?? EMPTY_TALLY, k, n);
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
  /** Rounds whose n under these filters is shown as a count: a comparison needs two. */
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
  const nByRound = new Map(roundCounts.map((row) => [row.roundId, row]));
  const counts = new Map(projectRows.map((row) => [`${row.roundId}:${row.projectId}`, row]));
  const shownRounds = rounds.map((round) => ({ round, respondents: publishTally(tallyOf(nByRound.get(round.id)), k) }));
  return {
    rounds: shownRounds.map(({ round, respondents }) => ({ slug: round.slug, title: round.title, respondents })),
    projects: topProjectIds
      .filter((id) => projects.has(id))
      .map((id) => ({
        slug: projects.get(id)!.slug,
        name: projects.get(id)!.name,
        byRound: shownRounds.map(({ round, respondents }) =>
          measure(tallyOf(counts.get(`${round.id}:${id}`)), k, respondents),
        ),
      })),
    comparableRounds: shownRounds.filter((entry) => isShownAtLeastOne(entry.respondents)).length,
  };
}

// 8. Responses over time within a round ------------------------------------------------------------

export interface TimelineSeries {
  days: ({ day: string } & Measure)[];
  /** Always false since every day is perturbed: kept so readers of the API need no change. */
  withheld: boolean;
}

/**
 * Every day from the first to the last day published as not 0 (UTC), the days between filled in so the axis is
 * honest. A first or last day of 1..k-1 answers published as 0 is left out like a day without answers.
 */
export function shapeResponsesOverTime(rows: readonly DayRow[], n: number, k: number): TimelineSeries {
  const byDay = new Map(rows.map((row) => [row.day, publishTally(tallyOf(row), k)]));
  const sorted = [...byDay.keys()].filter((day) => isPublishedNonZero(byDay.get(day)!)).sort();
  const days: string[] = [];
  if (sorted.length > 0) {
    const last = Date.parse(`${sorted.at(-1)}T00:00:00Z`);
    for (let t = Date.parse(`${sorted[0]}T00:00:00Z`); t <= last; t += 86_400_000)
      days.push(new Date(t).toISOString().slice(0, 10));
  }
  const zero: Cell = { suppressed: false, value: 0 };
  return {
    days: days.map((day) => {
      const count = byDay.get(day) ?? zero;
      return { day, count, percent: percentOf(count, n) };
    }),
    withheld: false,
  };
}
