// The results dashboard's summary: its figures counted by the database (lib/db/summary-counting.ts, or the
// round's totals, lib/db/round-totals.ts), published through the cell key method and shaped per chart
// (lib/survey/summary-shape.ts), stored per filter set (lib/db/summary-snapshots.ts). Which round and which
// respondents a summary is about is lib/db/summary-rounds.ts. Everything the page, the APIs and the CSVs need is
// exported from here.
// Not marked server-only: the benchmark script imports it too.
import { publishTally } from "../survey/cell-key";
import { CHART_IDS, type ChartId, type SummaryChartSeries } from "../survey/summary-charts";
import type { EmployerPaidFilter } from "../survey/summary-filters";
import {
  COMPARISON_PROJECTS_LIMIT,
  rankProjects,
  shapeCategories,
  shapeCoContribution,
  shapeKindsPerCategory,
  shapeProjectsPerRespondent,
  shapeRoundComparison,
  shapeTeamCategory,
  shapeResponsesOverTime,
  shapeTopProjects,
  type ComparisonRound,
} from "../survey/summary-shape";
import { shapeEmployerPaid, shapeFrequency, shapeYears } from "../survey/summary-answers";
import { unpublishedCell, type Cell } from "../survey/suppression";
import { countsFromTotals } from "./round-totals";
import { countsFromRows } from "./summary-counting";
import { memoised } from "./summary-counts";
import {
  describeSummaryFilters,
  findComparisonRounds,
  isRoundPublished,
  loadSummaryLabels,
  type ResolvedSummaryFilters,
  type SummaryRound,
  type SummarySource,
} from "./summary-rounds";
import { createSnapshotStore, type SnapshotPart } from "./summary-snapshots";

export * from "./summary-counting";
export * from "./summary-rounds";

/** "after-close": an open round that publishes its figures only once it has closed (docs/privacy.md). */
export type SummaryStatus = "ok" | "too-few" | "no-responses" | "after-close";

export interface SummaryOverview {
  status: SummaryStatus;
  k: number;
  round: Pick<SummaryRound, "slug" | "title" | "status" | "isDemo">;
  filters: {
    team: { slug: string; name: string } | null;
    category: { slug: string; name: string } | null;
    employerPaid: EmployerPaidFilter | null;
  };
  /** n, the number of respondents the filters select, as published; "<k" or 0 when too few to show anything. */
  respondents: Cell;
  /**
   * null when the figures are those of the current data. Otherwise the time (ISO 8601) of the stored figures
   * served instead of counting afresh, because the server was busy counting others: "figures as of 14:05".
   */
  asOf: string | null;
}

export interface Summary extends SummaryOverview {
  /** null unless status is "ok": no figure is shown for fewer than k respondents. */
  charts: SummaryChartSeries | null;
}

export interface SummaryLoader {
  overview(): Promise<SummaryOverview>;
  chart<Id extends ChartId>(id: Id): Promise<SummaryChartSeries[Id]>;
  /** Store the figures counted so far. Done by itself once the overview and every chart were loaded. */
  flush(): Promise<void>;
}

export interface SummaryLoaderOptions {
  /** Count from scratch and store nothing (benchmarks of the counting itself). Default: use stored figures. */
  snapshots?: boolean;
  /** Count the rows even where the round's totals would do (tests and benchmarks). Default: use the totals. */
  totals?: boolean;
}

export function createSummaryLoader(
  source: SummarySource,
  filters: ResolvedSummaryFilters,
  k: number,
  options: SummaryLoaderOptions = {},
): SummaryLoader {
  const memo = new Map<string, Promise<unknown>>();
  // Figures already counted at the current data version are served from the database (lib/db/summary-snapshots.ts).
  const store =
    options.snapshots === false
      ? null
      : createSnapshotStore(
          source.db,
          {
            roundId: filters.round.id,
            teamId: filters.team?.id ?? null,
            categoryId: filters.category?.id ?? null,
            employerPaid: filters.employerPaid,
            k,
          },
          (error) => console.error(`summary snapshot not stored: ${(error as Error).message}`),
          undefined,
          source.recounts,
        );
  // Parts loaded so far; once the whole summary is (or the overview says there is nothing more), it is stored
  // in one transaction, before the last part is handed out.
  const loaded = new Set<SnapshotPart>();
  const isComplete = (overview: SummaryOverview) => overview.status !== "ok" || CHART_IDS.every((id) => loaded.has(id));
  const stored = async <T>(part: SnapshotPart, compute: () => Promise<T>): Promise<T> => {
    if (!store) return compute();
    const value = await store.load(part, compute);
    loaded.add(part);
    // The overview's own load must not wait for itself; a chart is loaded only after the overview resolved.
    const known = part === "overview" ? (value as SummaryOverview) : loaded.has("overview") ? await overview() : null;
    if (known && isComplete(known)) await store.flush();
    return value;
  };
  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    if (!memo.has(key)) memo.set(key, load());
    return memo.get(key) as Promise<T>;
  };
  const roundId = filters.round.id;
  const labels = () => once("labels", () => loadSummaryLabels(source.db));
  // The whole round or one team: read the totals the writes keep. Other filter sets: count the rows.
  const counts = memoised(
    options.totals !== false && filters.category === null && filters.employerPaid === null
      ? countsFromTotals(source.reads, { roundId, teamId: filters.team?.id ?? null })
      : countsFromRows(source, filters, roundId),
  );

  const countOverview = async (): Promise<Omit<SummaryOverview, "asOf">> => {
    const [count, unfiltered] = await Promise.all([counts.respondents(), counts.roundRespondents()]);
    // Both as published: a round whose few answers are published as 0 says "no responses", as a filter set of a
    // few respondents published as 0 says "too few", so neither tells 0 from 1..k-1 apart from the figure itself.
    const respondents = publishTally(count, k);
    const roundFigure = publishTally(unfiltered, k);
    const hasFigures = !respondents.suppressed && respondents.value > 0;
    return {
      status: !roundFigure.suppressed && roundFigure.value === 0 ? "no-responses" : hasFigures ? "ok" : "too-few",
      k,
      ...describeSummaryFilters(filters),
      respondents,
    };
  };

  const overview = () =>
    once("overview", async (): Promise<SummaryOverview> => {
      // Checked before anything is counted or stored: nothing of such a round is shown, not even n.
      if (!isRoundPublished(filters.round))
        return { status: "after-close", k, ...describeSummaryFilters(filters), respondents: unpublishedCell(), asOf: null };
      const counted = await stored("overview", countOverview);
      return { ...counted, asOf: store?.asOf?.toISOString() ?? null };
    });

  const build = async (id: ChartId): Promise<SummaryChartSeries[ChartId]> => {
    // n from the overview (charts are built only when it shows figures), not counted again.
    const [{ respondents }, names] = await Promise.all([overview(), labels()]);
    if (respondents.suppressed || respondents.value === 0) throw new SummaryUnavailable("too-few");
    const count = respondents.value;
    switch (id) {
      case "top-projects":
        return shapeTopProjects(await counts.projects(), names, count, k);
      case "categories":
        return shapeCategories(await counts.categoryKinds(), names, count, k);
      case "projects-per-respondent":
        return shapeProjectsPerRespondent(await counts.projectsPerRespondent(), count, k);
      case "kinds-per-category":
        return shapeKindsPerCategory(await counts.categoryKinds(), names, k);
      case "team-category": {
        const [teams, cells] = await Promise.all([counts.teams(), counts.teamCategories()]);
        return shapeTeamCategory(teams, cells, names, k);
      }
      case "co-contribution":
        return shapeCoContribution(await counts.pairs(), await counts.projects(), names, count, k);
      case "round-comparison": {
        const rounds = await findComparisonRounds(source.db, filters.round);
        const topIds = rankProjects(await counts.projects(), names, k)
          .filter((row) => !row.count.suppressed)
          .slice(0, COMPARISON_PROJECTS_LIMIT)
          .map((row) => row.projectId);
        const roundIds = rounds.map((round) => round.id);
        const [roundCounts, projectRows] = await Promise.all([
          counts.rounds(roundIds),
          counts.roundProjects(roundIds, topIds),
        ]);
        const comparisonRounds: ComparisonRound[] = rounds.map(({ id: roundKey, slug, title }) => ({
          id: roundKey,
          slug,
          title,
        }));
        return shapeRoundComparison(comparisonRounds, roundCounts, projectRows, topIds, names, k);
      }
      case "responses-over-time":
        return shapeResponsesOverTime(await counts.responsesPerDay(), count, k);
      case "frequency": {
        const [projects, frequencies] = await Promise.all([counts.projects(), counts.frequencies()]);
        return shapeFrequency(projects, frequencies, names, k);
      }
      case "years-contributing":
        return shapeYears(await counts.years(), count, k);
      case "employer-paid":
        return shapeEmployerPaid(await counts.employerPaid(), count, k);
    }
  };

  return {
    overview,
    async chart<Id extends ChartId>(id: Id) {
      const { status } = await overview();
      // Defence in depth: a caller that forgot to check the overview still gets no figures for n < k.
      if (status !== "ok") throw new SummaryUnavailable(status);
      return once(`chart:${id}`, () => stored(id, () => build(id))) as Promise<SummaryChartSeries[Id]>;
    },
    flush: async () => store?.flush(),
  };
}

export class SummaryUnavailable extends Error {
  override name = "SummaryUnavailable";
  constructor(readonly status: SummaryStatus) {
    super(`no figures: ${status}`);
  }
}

/** The whole summary, as the JSON API returns it and the page shows it. */
export async function getSummary(
  source: SummarySource,
  filters: ResolvedSummaryFilters,
  k: number,
  options: SummaryLoaderOptions = {},
): Promise<Summary> {
  const loader = createSummaryLoader(source, filters, k, options);
  const overview = await loader.overview();
  if (overview.status !== "ok") return { ...overview, charts: null };
  const entries = [];
  // One after another: SQLite serialises anyway, and it keeps a PostgreSQL pool free for other requests.
  for (const id of CHART_IDS) entries.push([id, await loader.chart(id)] as const);
  return { ...overview, charts: Object.fromEntries(entries) as unknown as SummaryChartSeries };
}

