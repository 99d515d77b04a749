// "Where to help", counted by the database: for the round's external dependencies (the load in force for the
// round, see dependency-history.ts), the respondents of each OpenStack team who contribute to each, the previous
// round's contributors, and how widely OpenStack uses each dependency. lib/survey/where-to-help.ts shapes and
// suppresses; counts go through the same small-cell functions as every other dependency figure.
import type { DependencyCountRow, NeedsHelpRow } from "../survey/dependency-shape";
import { publishTally, type Tally } from "../survey/cell-key";
import {
  rankWhereToHelp,
  shapeRoundChanges,
  shapeTeamDependencies,
  type DependencyUse,
  type PreviousRound,
  type RoundChange,
  type TeamDependencies,
  type TeamDependencyCount,
  type TeamTotal,
  type WhereToHelpRow,
} from "../survey/where-to-help";
import type { Db } from "./client";
import { findRoundDependencyLoad } from "./dependency-history";
import { countDependencyRespondents } from "./dependency-queries";
import { Prisma } from "./generated/sqlite/client";
import {
  countRespondentTally,
  type ResolvedSummaryFilters,
  type SummarySource,
} from "./summary-queries";
import { childScope, type RespondentFilters } from "./respondent-scope";

// SUM over no row is NULL; PostgreSQL gives COUNT and SUM as bigint or numeric.
const num = (value: unknown) => Number(value ?? 0);

/** Per (team, dependency project): the filtered respondents who chose the team and contribute to the project. */
export async function countTeamDependencyRespondents(
  { reads }: SummarySource,
  f: RespondentFilters,
  roundId: number,
  loadId: number | null,
): Promise<TeamDependencyCount[]> {
  const { from, where } = childScope("ResponseProject", "rp", f, [roundId]);
  // One row per (respondent, team, project): each group sums each respondent's record key once.
  const rows = await reads.all<{ teamId: unknown; projectId: unknown; n: unknown; keySum: unknown }>(Prisma.sql`
    SELECT rt."teamId" AS "teamId", rp."projectId" AS "projectId", COUNT(*) AS "n", SUM(r."recordKey") AS "keySum"
    FROM ${from} JOIN "ResponseTeam" rt ON rt."responseId" = rp."responseId"
    WHERE ${where} AND rp."projectId" IN (
      SELECT d."projectId" FROM "Dependency" d JOIN "DependencyListing" l ON l."dependencyId" = d."id"
      WHERE l."loadId" = ${loadId ?? -1} AND d."origin" = 'external' AND d."projectId" IS NOT NULL
    )
    GROUP BY rt."teamId", rp."projectId"`);
  return rows.map((row) => ({
    teamId: num(row.teamId),
    projectId: num(row.projectId),
    respondents: num(row.n),
    keySum: num(row.keySum),
  }));
}

/** Per team: the filtered respondents who chose it (a team's own n, the gate for showing its figures). */
export async function countTeamRespondents(
  { db, reads }: SummarySource,
  f: RespondentFilters,
  roundId: number,
): Promise<TeamTotal[]> {
  const { from, where } = childScope("ResponseTeam", "rt", f, [roundId]);
  const rows = await reads.all<{ teamId: unknown; n: unknown; keySum: unknown }>(Prisma.sql`
    SELECT rt."teamId" AS "teamId", COUNT(*) AS "n", SUM(r."recordKey") AS "keySum"
    FROM ${from} WHERE ${where} GROUP BY rt."teamId"`);
  const teams = await db.team.findMany({ select: { id: true, slug: true, name: true }, orderBy: { position: "asc" } });
  const counts = new Map(rows.map((row) => [num(row.teamId), { respondents: num(row.n), keySum: num(row.keySum) }]));
  return teams.map((team) => ({ ...team, ...(counts.get(team.id) ?? { respondents: 0, keySum: 0 }) }));
}

/** The round before this one (by opening, else creation, time), or null. */
export async function findPreviousRound(db: Db, roundId: number) {
  const rounds = await db.round.findMany({
    select: { id: true, slug: true, title: true, opensAt: true, createdAt: true },
  });
  const time = (r: (typeof rounds)[number]) => (r.opensAt ?? r.createdAt).getTime();
  const current = rounds.find((r) => r.id === roundId);
  if (!current) return null;
  const earlier = rounds.filter(
    (r) => r.id !== roundId && (time(r) < time(current) || (time(r) === time(current) && r.id < roundId)),
  );
  earlier.sort((a, b) => time(b) - time(a) || b.id - a.id);
  return earlier[0] ?? null;
}

/** The previous round's n and its respondents per dependency project of this round's list (same filters). */
export async function countPreviousRound(
  source: SummarySource,
  f: RespondentFilters,
  previousRoundId: number,
  loadId: number | null,
  k: number,
): Promise<{ n: Tally; counts: DependencyCountRow[] }> {
  const n = await countRespondentTally(source, f, previousRoundId);
  // No figure of a round whose n is not shown is counted, as on its own page.
  const shown = publishTally(n, k);
  return {
    n,
    counts: !shown.suppressed && shown.value > 0 ? await countDependencyRespondents(source, f, previousRoundId, loadId) : [],
  };
}

/**
 * How OpenStack uses each dependency project: whether any of its packages is a run-time requirement (a section
 * other than testing or docs) in this load, and in how many of the loaded lists it appears (how long OpenStack
 * has depended on it). Public facts of the requirements files, not respondent data.
 */
export async function listDependencyUse(
  db: Db,
  loadId: number | null,
): Promise<{ use: DependencyUse[]; loads: number }> {
  const [listings, loads] = await Promise.all([
    db.dependencyListing.findMany({
      where: { dependency: { origin: "external", projectId: { not: null } } },
      select: { loadId: true, section: true, dependency: { select: { projectId: true } } },
    }),
    db.dependencyLoad.count(),
  ]);
  const byProject = new Map<number, { loads: Set<number>; runtime: boolean }>();
  for (const listing of listings) {
    const projectId = listing.dependency.projectId;
    if (projectId === null) continue;
    const entry = byProject.get(projectId) ?? { loads: new Set<number>(), runtime: false };
    entry.loads.add(listing.loadId);
    if (listing.loadId === loadId && !/test|doc/.test(listing.section)) entry.runtime = true;
    byProject.set(projectId, entry);
  }
  return {
    use: [...byProject].map(([projectId, entry]) => ({
      projectId,
      runtime: entry.runtime,
      listedIn: entry.loads.size,
    })),
    loads,
  };
}

export interface WhereToHelpResult {
  previousRound: PreviousRound | null;
  /** Per project slug: the previous round's contributors and the change. */
  changes: Record<string, RoundChange>;
  teams: TeamDependencies[];
  ranking: WhereToHelpRow[];
  /** How many lists have been loaded: the denominator of "listed in". */
  loads: number;
}

/** The three "where to help" views for a report whose figures are shown (status "ok"). */
export async function getWhereToHelp(
  source: SummarySource,
  filters: ResolvedSummaryFilters,
  rows: readonly NeedsHelpRow[],
  k: number,
): Promise<WhereToHelpResult> {
  const roundId = filters.round.id;
  const round = await source.db.round.findUniqueOrThrow({
    where: { id: roundId },
    select: { status: true, closesAt: true },
  });
  const loadId = await findRoundDependencyLoad(source.db, round);
  const { use, loads } = await listDependencyUse(source.db, loadId);
  const teamTotals = await countTeamRespondents(source, filters, roundId);
  const teamCounts = await countTeamDependencyRespondents(source, filters, roundId, loadId);
  const previous = await findPreviousRound(source.db, roundId);
  let previousRound: PreviousRound | null = null;
  let changes = new Map<number, RoundChange>();
  if (previous) {
    const counted = await countPreviousRound(source, filters, previous.id, loadId, k);
    previousRound = { slug: previous.slug, title: previous.title, respondents: publishTally(counted.n, k) };
    changes = shapeRoundChanges(rows, counted.counts, counted.n, k);
  }
  return {
    previousRound,
    changes: Object.fromEntries(
      rows.flatMap((row) => (changes.has(row.projectId) ? [[row.slug, changes.get(row.projectId)!]] : [])),
    ),
    teams: shapeTeamDependencies(teamTotals, teamCounts, rows, k),
    ranking: rankWhereToHelp(rows, use),
    loads,
  };
}
