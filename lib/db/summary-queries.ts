// Every figure of the results dashboard, counted by the database. Nothing here loads responses into
// JavaScript: each query returns one row per group (project, category, team, day...), and
// lib/survey/summary-shape.ts turns the rows into suppressed chart series.
// Not marked server-only: the benchmark script imports it too.
//
// Filters, precisely (also written on the page and in the API's `definitions`):
// - round: the responses of that round;
// - team: respondents who chose that OpenStack team (among others);
// - category: respondents with at least one project in that upstream category;
// - employerPaid: respondents whose answer to "does your employer pay" is that code.
// Filters combine with AND. Every figure is then computed over the matching respondents, with all their
// answers: under category=databases, the top projects include their non-database projects too.
import { getEnv, type DatabaseKind } from "../env";
import { pickDefaultRound } from "../survey/round-figures";
import { CONTRIBUTION_KINDS, type ContributionKind, type EmployerPaid } from "../survey/questions";
import { CHART_IDS, type ChartId, type SummaryChartSeries } from "../survey/summary-charts";
import { parseSummaryQuery, type FilterIssue, type SummaryFilters, type SummaryView } from "../survey/summary-filters";
import {
  COMPARISON_PROJECTS_LIMIT,
  COMPARISON_ROUNDS_LIMIT,
  HISTOGRAM_TOP_BIN,
  rankProjects,
  shapeCategories,
  shapeCoContribution,
  shapeKindsPerCategory,
  shapeProjectsPerRespondent,
  shapeRoundComparison,
  shapeTeamCategory,
  shapeResponsesOverTime,
  shapeTopProjects,
  type BinRow,
  type CategoryKindRow,
  type CategoryLabel,
  type ComparisonRound,
  type DayRow,
  type PairRow,
  type ProjectCountRow,
  type RoundCountRow,
  type RoundProjectRow,
  type SummaryLabels,
  type TeamCategoryRow,
  type TeamCountRow,
  type TeamLabel,
} from "../survey/summary-shape";
import { shapeEmployerPaid, shapeFrequency, shapeYears } from "../survey/summary-answers";
import { suppressCount, type Cell } from "../survey/suppression";
import type { Db } from "./client";
import { KIND_COLUMNS } from "./kind-columns";
import { answerCountsFromRows } from "./summary-answer-counts";
import { listResultsRounds } from "./results-rounds";
import { Prisma } from "./generated/sqlite/client";
import type { ReadPool } from "./read-pool";
import type { RecountGate } from "./recount-gate";
import { countsFromTotals } from "./round-totals";
import { memoised, type SummaryCounts } from "./summary-counts";
import { createSnapshotStore, type SnapshotPart } from "./summary-snapshots";

/**
 * Where a summary's reads go. Lookups of a few rows (filters, labels, stored figures) use the client on the
 * request thread; every count goes to `reads`, off the request thread on SQLite (lib/db/read-pool.ts), bounded
 * and shared with identical counts in flight by `recounts`. The dialect picks the few dialect-specific
 * fragments (date bucketing).
 */
export interface SummarySource {
  db: Db;
  kind: DatabaseKind;
  reads: ReadPool;
  recounts: RecountGate;
}

export interface SummaryRound {
  id: number;
  slug: string;
  title: string;
  status: string;
  isDemo: boolean;
  opensAt: Date | null;
  createdAt: Date;
}

export interface ResolvedSummaryFilters {
  round: SummaryRound;
  team: TeamLabel | null;
  category: CategoryLabel | null;
  employerPaid: EmployerPaid | null;
  view: SummaryView;
}

export type ResolveSummaryFiltersResult =
  | { ok: true; filters: ResolvedSummaryFilters }
  /** No round exists at all: an empty dashboard, not an error. */
  | { ok: true; filters: null }
  | { ok: false; status: 400 | 404; issues: FilterIssue[] };

const roundSelect = {
  id: true,
  slug: true,
  title: true,
  status: true,
  isDemo: true,
  opensAt: true,
  createdAt: true,
} as const;

/** Rounds newest first: by opening date, or creation for a round never opened. Rounds are few. */
async function listRoundsNewestFirst(db: Db): Promise<SummaryRound[]> {
  const rounds = await db.round.findMany({ select: roundSelect });
  const time = (round: SummaryRound) => (round.opensAt ?? round.createdAt).getTime();
  return rounds.sort((a, b) => time(b) - time(a) || b.id - a.id);
}

async function hasResponses(db: Db, roundId: number): Promise<boolean> {
  // An index probe per round, not a count over all responses.
  return (await db.response.findFirst({ where: { roundId }, select: { id: true } })) !== null;
}

/** Check the parsed slugs against the database; an unknown slug is an issue, never ignored. */
export async function resolveSummaryFilters(db: Db, filters: SummaryFilters): Promise<ResolveSummaryFiltersResult> {
  const issues: FilterIssue[] = [];
  let round: SummaryRound | null = null;
  if (filters.round) {
    round = await db.round.findUnique({ where: { slug: filters.round }, select: roundSelect });
    if (!round) issues.push({ parameter: "round", message: `there is no survey round "${filters.round}"` });
  }
  const team = filters.team
    ? await db.team.findUnique({ where: { slug: filters.team }, select: { id: true, slug: true, name: true } })
    : null;
  if (filters.team && !team)
    issues.push({ parameter: "team", message: `there is no OpenStack team "${filters.team}"` });
  const category = filters.category
    ? await db.category.findUnique({
        where: { slug: filters.category },
        select: { id: true, slug: true, name: true, position: true },
      })
    : null;
  if (filters.category && !category)
    issues.push({ parameter: "category", message: `there is no upstream category "${filters.category}"` });
  if (issues.length > 0) {
    const onlyRound = issues.every((issue) => issue.parameter === "round");
    return { ok: false, status: onlyRound ? 404 : 400, issues };
  }
  round ??= await findDefaultRound(db);
  if (!round) return { ok: true, filters: null };
  return {
    ok: true,
    filters: { round, team, category, employerPaid: filters.employerPaid ?? null, view: filters.view },
  };
}

/** The round the results open on: the newest with figures to show (pickDefaultRound), else the open round. */
export async function findDefaultRound(db: Db, k = getEnv().MIN_CELL_SIZE): Promise<SummaryRound | null> {
  const choice = pickDefaultRound(await listResultsRounds(db, k));
  return choice && db.round.findUnique({ where: { id: choice.id }, select: roundSelect });
}

/** Rounds for the comparison chart: same kind (demo or real) as the selected one, with responses, oldest first. */
export async function findComparisonRounds(db: Db, selected: SummaryRound): Promise<SummaryRound[]> {
  const candidates = (await listRoundsNewestFirst(db)).filter((round) => round.isDemo === selected.isDemo).reverse();
  const withResponses: SummaryRound[] = [];
  for (const round of candidates)
    if (round.id === selected.id || (await hasResponses(db, round.id))) withResponses.push(round);
  const index = withResponses.findIndex((round) => round.id === selected.id);
  // A window of at most COMPARISON_ROUNDS_LIMIT rounds that contains the selected one, earlier rounds first.
  const start = Math.max(
    0,
    Math.min(index - (COMPARISON_ROUNDS_LIMIT - 1), withResponses.length - COMPARISON_ROUNDS_LIMIT),
  );
  return withResponses.slice(start, start + COMPARISON_ROUNDS_LIMIT);
}

export async function loadSummaryLabels(db: Db): Promise<SummaryLabels> {
  const [projects, categories, teams] = await Promise.all([
    db.project.findMany({
      select: { id: true, slug: true, name: true, categoryId: true },
      orderBy: { position: "asc" },
    }),
    db.category.findMany({
      select: { id: true, slug: true, name: true, position: true },
      orderBy: { position: "asc" },
    }),
    db.team.findMany({ select: { id: true, slug: true, name: true }, orderBy: { position: "asc" } }),
  ]);
  return { projects, categories, teams };
}

// ---------------------------------------------------------------------------------------------
// SQL. Table and column names are the Prisma names, double-quoted, so the same text runs on SQLite and
// PostgreSQL. Unfiltered queries read the child tables by their denormalised roundId alone (indexes
// [roundId, projectId], [roundId, teamId], [roundId, categoryId, kinds...], [roundId, firstId, secondId]);
// filters add one IN (subquery) on Response. ResponseCategory and ResponsePair are derived from ResponseProject
// by triggers (one row per response and category, and per pair of projects), so no figure needs a distinct set
// per group or a self-join of every selection.

export type RespondentFilters = Pick<ResolvedSummaryFilters, "team" | "category" | "employerPaid">;
type Filters = RespondentFilters;

const isFiltered = (f: Filters) => f.team !== null || f.category !== null || f.employerPaid !== null;

const inRounds = (column: Prisma.Sql, roundIds: readonly number[]) =>
  roundIds.length === 1 ? Prisma.sql`${column} = ${roundIds[0]}` : Prisma.sql`${column} IN (${Prisma.join(roundIds)})`;

/**
 * The respondents a filter set selects, as a FROM and a WHERE over Response aliased `r`. A team or category
 * filter joins its own rows ([roundId, teamId] on ResponseTeam, [roundId, categoryId, ...] on ResponseCategory,
 * both one row per respondent), so a narrow filter reads only its own respondents instead of testing every
 * response of the round; with both, the category is a primary-key probe per team member.
 */
export function respondentScope(f: Filters, roundIds: readonly number[]): { from: Prisma.Sql; where: Prisma.Sql } {
  const where = [inRounds(Prisma.sql`r."roundId"`, roundIds), isCountedResponse];
  let from = Prisma.sql`"Response" r`;
  if (f.team) {
    from = Prisma.sql`"ResponseTeam" ft JOIN "Response" r ON r."id" = ft."responseId"`;
    where.push(Prisma.sql`${inRounds(Prisma.sql`ft."roundId"`, roundIds)} AND ft."teamId" = ${f.team.id}`);
  }
  if (f.category) {
    from = f.team
      ? Prisma.sql`${from} JOIN "ResponseCategory" fc ON fc."responseId" = r."id"`
      : Prisma.sql`"ResponseCategory" fc JOIN "Response" r ON r."id" = fc."responseId"`;
    where.push(Prisma.sql`${inRounds(Prisma.sql`fc."roundId"`, roundIds)} AND fc."categoryId" = ${f.category.id}`);
  }
  if (f.employerPaid) where.push(Prisma.sql`r."employerPaid" = ${f.employerPaid}`);
  return { from, where: Prisma.join(where, " AND ") };
}

// Answers that break the completeness rule (lib/survey/completeness.ts) stay stored but no figure counts them:
// on Response the stored flag (covered by the [roundId, isComplete] index), on a child table the round's few
// incomplete responses, read once as a set, so the child is still scanned alone by its roundId index.
const isCountedResponse = Prisma.sql`r."isComplete" = TRUE`;
const belongsToCountedResponse = (responseId: Prisma.Sql, roundIds: readonly number[]) =>
  Prisma.sql`${responseId} NOT IN (SELECT x."id" FROM "Response" x WHERE ${inRounds(Prisma.sql`x."roundId"`, roundIds)} AND x."isComplete" = FALSE)`;

/** Stored answers of a round that no figure counts because they break the completeness rule. */
export async function countIncompleteResponses({ reads }: SummarySource, roundId: number): Promise<number> {
  const rows = await reads.all<{ n: unknown }>(Prisma.sql`
    SELECT COUNT(*) AS "n" FROM "Response" WHERE "roundId" = ${roundId} AND "isComplete" = FALSE`);
  return num(rows[0]?.n ?? 0);
}

type ChildTable = "ResponseProject" | "ResponseTeam" | "ResponseCategory" | "ResponsePair";

/**
 * The rows of a child table that belong to the filtered respondents, as a FROM and a WHERE. Unfiltered: the
 * child table alone by its roundId index. Filtered: the respondents' scope joined to the child by its primary
 * key prefix (responseId).
 */
export function childScope(table: ChildTable, alias: string, f: Filters, roundIds: readonly number[]) {
  const child = Prisma.raw(`"${table}" ${alias}`);
  if (!isFiltered(f)) {
    const where = Prisma.sql`${inRounds(Prisma.raw(`${alias}."roundId"`), roundIds)} AND ${
      belongsToCountedResponse(Prisma.raw(`${alias}."responseId"`), roundIds)
    }`;
    return { from: child, where };
  }
  const respondents = respondentScope(f, roundIds);
  return {
    from: Prisma.sql`${respondents.from} JOIN ${child} ON ${Prisma.raw(`${alias}."responseId"`)} = r."id"`,
    where: respondents.where,
  };
}

// PostgreSQL returns COUNT as bigint; SQLite as number.
const num = (value: unknown) => Number(value);

export async function countRespondents({ reads }: SummarySource, f: Filters, roundId: number): Promise<number> {
  const { from, where } = respondentScope(f, [roundId]);
  const rows = await reads.all<{ n: unknown }>(Prisma.sql`SELECT COUNT(*) AS "n" FROM ${from} WHERE ${where}`);
  return num(rows[0]?.n ?? 0);
}

export async function countProjectRespondents(
  { reads }: SummarySource,
  f: Filters,
  roundId: number,
): Promise<ProjectCountRow[]> {
  // (responseId, projectId) is the primary key, so COUNT(*) counts respondents.
  const { from, where } = childScope("ResponseProject", "rp", f, [roundId]);
  const rows = await reads.all<{ projectId: unknown; n: unknown }>(Prisma.sql`
    SELECT rp."projectId" AS "projectId", COUNT(*) AS "n" FROM ${from} WHERE ${where} GROUP BY rp."projectId"`);
  return rows.map((row) => ({ projectId: num(row.projectId), respondents: num(row.n) }));
}

/** Per category: respondents with at least one project in it, and of those, respondents naming each kind there. */
export async function countCategoryKinds(
  { reads }: SummarySource,
  f: Filters,
  roundId: number,
): Promise<CategoryKindRow[]> {
  // ResponseCategory holds one row per (respondent, category) with the kinds named there: plain sums.
  const sums = CONTRIBUTION_KINDS.map((kind) =>
    Prisma.raw(`SUM(CASE WHEN rc."${KIND_COLUMNS[kind]}" THEN 1 ELSE 0 END) AS "${kind}"`),
  );
  const { from, where } = childScope("ResponseCategory", "rc", f, [roundId]);
  const rows = await reads.all<Record<string, unknown>>(Prisma.sql`
    SELECT rc."categoryId" AS "categoryId", COUNT(*) AS "n", ${Prisma.join(sums, ", ")}
    FROM ${from} WHERE ${where} GROUP BY rc."categoryId"`);
  return rows.map((row) => ({
    categoryId: num(row.categoryId),
    respondents: num(row.n),
    kinds: Object.fromEntries(CONTRIBUTION_KINDS.map((kind) => [kind, num(row[kind])])) as Record<
      ContributionKind,
      number
    >,
  }));
}

export async function countProjectsPerRespondent(
  { reads }: SummarySource,
  f: Filters,
  roundId: number,
): Promise<BinRow[]> {
  const top = Prisma.raw(String(HISTOGRAM_TOP_BIN));
  const { from, where } = respondentScope(f, [roundId]);
  const rows = await reads.all<{ bin: unknown; n: unknown }>(Prisma.sql`
    SELECT CASE WHEN r."projectCount" >= ${top} THEN ${top} ELSE r."projectCount" END AS "bin", COUNT(*) AS "n"
    FROM ${from} WHERE ${where} GROUP BY 1`);
  return rows.map((row) => ({ projectCount: num(row.bin), respondents: num(row.n) }));
}

export async function countTeamRespondents(
  { reads }: SummarySource,
  f: Filters,
  roundId: number,
): Promise<TeamCountRow[]> {
  const { from, where } = childScope("ResponseTeam", "rt", f, [roundId]);
  const rows = await reads.all<{ teamId: unknown; n: unknown }>(Prisma.sql`
    SELECT rt."teamId" AS "teamId", COUNT(*) AS "n" FROM ${from} WHERE ${where} GROUP BY rt."teamId"`);
  return rows.map((row) => ({ teamId: num(row.teamId), respondents: num(row.n) }));
}

export async function countTeamCategoryRespondents(
  { reads }: SummarySource,
  f: Filters,
  roundId: number,
): Promise<TeamCategoryRow[]> {
  // (response, team) and (response, category) are both unique, so the join has one row per counted respondent.
  const { from, where } = childScope("ResponseTeam", "rt", f, [roundId]);
  const rows = await reads.all<{ teamId: unknown; categoryId: unknown; n: unknown }>(Prisma.sql`
    SELECT rt."teamId" AS "teamId", rc."categoryId" AS "categoryId", COUNT(*) AS "n"
    FROM ${from} JOIN "ResponseCategory" rc ON rc."responseId" = rt."responseId"
    WHERE ${where}
    GROUP BY rt."teamId", rc."categoryId"`);
  return rows.map((row) => ({ teamId: num(row.teamId), categoryId: num(row.categoryId), respondents: num(row.n) }));
}

/** Respondents per pair of projects (first id < second id), from the pairs derived per response. */
export async function countProjectPairs({ reads }: SummarySource, f: Filters, roundId: number): Promise<PairRow[]> {
  const { from, where } = childScope("ResponsePair", "pr", f, [roundId]);
  const rows = await reads.all<{ firstId: unknown; secondId: unknown; n: unknown }>(Prisma.sql`
    SELECT pr."firstId" AS "firstId", pr."secondId" AS "secondId", COUNT(*) AS "n"
    FROM ${from} WHERE ${where} GROUP BY pr."firstId", pr."secondId"`);
  return rows.map((row) => ({ firstId: num(row.firstId), secondId: num(row.secondId), respondents: num(row.n) }));
}

export async function countRoundRespondents(
  { reads }: SummarySource,
  f: Filters,
  roundIds: readonly number[],
): Promise<RoundCountRow[]> {
  if (roundIds.length === 0) return [];
  const { from, where } = respondentScope(f, roundIds);
  const rows = await reads.all<{ roundId: unknown; n: unknown }>(Prisma.sql`
    SELECT r."roundId" AS "roundId", COUNT(*) AS "n" FROM ${from} WHERE ${where} GROUP BY r."roundId"`);
  return rows.map((row) => ({ roundId: num(row.roundId), respondents: num(row.n) }));
}

export async function countRoundProjectRespondents(
  { reads }: SummarySource,
  f: Filters,
  roundIds: readonly number[],
  projectIds: readonly number[],
): Promise<RoundProjectRow[]> {
  if (roundIds.length === 0 || projectIds.length === 0) return [];
  const { from, where } = childScope("ResponseProject", "rp", f, roundIds);
  const rows = await reads.all<{ roundId: unknown; projectId: unknown; n: unknown }>(Prisma.sql`
    SELECT rp."roundId" AS "roundId", rp."projectId" AS "projectId", COUNT(*) AS "n" FROM ${from}
    WHERE ${where} AND rp."projectId" IN (${Prisma.join(projectIds)})
    GROUP BY rp."roundId", rp."projectId"`);
  return rows.map((row) => ({ roundId: num(row.roundId), projectId: num(row.projectId), respondents: num(row.n) }));
}

/** Responses per UTC day. SQLite stores DateTime as ISO-8601 text in UTC, so the day is its first 10 characters. */
export async function countResponsesPerDay(
  { reads, kind }: SummarySource,
  f: Filters,
  roundId: number,
): Promise<DayRow[]> {
  const day =
    kind === "sqlite" ? Prisma.sql`substr(r."createdAt", 1, 10)` : Prisma.sql`to_char(r."createdAt", 'YYYY-MM-DD')`;
  const { from, where } = respondentScope(f, [roundId]);
  const rows = await reads.all<{ day: unknown; n: unknown }>(Prisma.sql`
    SELECT ${day} AS "day", COUNT(*) AS "n" FROM ${from} WHERE ${where} GROUP BY 1`);
  return rows.map((row) => ({ day: String(row.day), responses: num(row.n) }));
}

/** A summary's counts by counting the round's rows: any filter set. */
export function countsFromRows(source: SummarySource, f: Filters, roundId: number): SummaryCounts {
  const unfiltered = { team: null, category: null, employerPaid: null };
  return {
    respondents: () => countRespondents(source, f, roundId),
    roundRespondents: () => countRespondents(source, unfiltered, roundId),
    projects: () => countProjectRespondents(source, f, roundId),
    categoryKinds: () => countCategoryKinds(source, f, roundId),
    projectsPerRespondent: () => countProjectsPerRespondent(source, f, roundId),
    teams: () => countTeamRespondents(source, f, roundId),
    teamCategories: () => countTeamCategoryRespondents(source, f, roundId),
    pairs: () => countProjectPairs(source, f, roundId),
    responsesPerDay: () => countResponsesPerDay(source, f, roundId),
    rounds: (roundIds) => countRoundRespondents(source, f, roundIds),
    roundProjects: (roundIds, projectIds) => countRoundProjectRespondents(source, f, roundIds, projectIds),
    ...answerCountsFromRows(source, f, roundId),
  };
}

// ---------------------------------------------------------------------------------------------
// The summary: queries run once per request (memoised), shaped and suppressed per chart.

/** The round and filters a figure was computed for, as the page, the APIs and the CSVs name them. */
export function describeSummaryFilters(filters: ResolvedSummaryFilters) {
  return {
    round: {
      slug: filters.round.slug,
      title: filters.round.title,
      status: filters.round.status,
      isDemo: filters.round.isDemo,
    },
    filters: {
      team: filters.team && { slug: filters.team.slug, name: filters.team.name },
      category: filters.category && { slug: filters.category.slug, name: filters.category.name },
      employerPaid: filters.employerPaid,
    },
  };
}

export type SummaryStatus = "ok" | "too-few" | "no-responses";

export interface SummaryOverview {
  status: SummaryStatus;
  k: number;
  round: Pick<SummaryRound, "slug" | "title" | "status" | "isDemo">;
  filters: {
    team: { slug: string; name: string } | null;
    category: { slug: string; name: string } | null;
    employerPaid: EmployerPaid | null;
  };
  /** n, the number of respondents the filters select; "<k" when too few to show anything. */
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
    const respondents = suppressCount(count, k);
    return {
      status: unfiltered === 0 ? "no-responses" : respondents.suppressed ? "too-few" : "ok",
      k,
      ...describeSummaryFilters(filters),
      respondents,
    };
  };

  const overview = () =>
    once("overview", async (): Promise<SummaryOverview> => {
      const counted = await stored("overview", countOverview);
      return { ...counted, asOf: store?.asOf?.toISOString() ?? null };
    });

  const build = async (id: ChartId): Promise<SummaryChartSeries[ChartId]> => {
    // n from the overview (charts are built only when it shows figures), not counted again.
    const [{ respondents }, names] = await Promise.all([overview(), labels()]);
    if (respondents.suppressed) throw new SummaryUnavailable("too-few");
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
        const topIds = rankProjects(await counts.projects(), names)
          .filter((row) => row.respondents >= k)
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

// ---------------------------------------------------------------------------------------------
// From a query string to resolved filters: the one path the page, the API and the CSV downloads share.

export type SummaryRequest =
  | { ok: true; filters: ResolvedSummaryFilters | null; format: ParsedFormat }
  | { ok: false; status: 400 | 404; issues: FilterIssue[] };

type ParsedFormat = Extract<ReturnType<typeof parseSummaryQuery>, { ok: true }>["format"];

export async function resolveSummaryRequest(
  db: Db,
  params: URLSearchParams,
  options: { allowFormat?: boolean } = {},
): Promise<SummaryRequest> {
  const parsed = parseSummaryQuery(params, options);
  if (!parsed.ok) return { ok: false, status: 400, issues: parsed.issues };
  const resolved = await resolveSummaryFilters(db, parsed.filters);
  if (!resolved.ok) return resolved;
  return { ok: true, filters: resolved.filters, format: parsed.format };
}

export interface SummaryFilterOptions {
  rounds: { slug: string; title: string; isDemo: boolean }[];
  teams: { slug: string; name: string }[];
  categories: { slug: string; name: string }[];
}

/** What the filter form offers: every round (newest first), active teams and categories by name/position. */
export async function listSummaryFilterOptions(db: Db): Promise<SummaryFilterOptions> {
  const [rounds, teams, categories] = await Promise.all([
    listRoundsNewestFirst(db),
    db.team.findMany({ where: { isActive: true }, select: { slug: true, name: true }, orderBy: { name: "asc" } }),
    db.category.findMany({
      where: { isActive: true },
      select: { slug: true, name: true },
      orderBy: { position: "asc" },
    }),
  ]);
  return { rounds: rounds.map(({ slug, title, isDemo }) => ({ slug, title, isDemo })), teams, categories };
}
