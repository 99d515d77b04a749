// The counts of a summary read from RoundTotalLive: the exact totals that database triggers keep
// (prisma/migrations/20261203055000_round_totals), with, on PostgreSQL, the answers not yet folded into them
// (lib/db/round-totals-fold.ts). For the whole round and for one team (the filter sets a live round's dashboard
// is mostly asked for), a summary is then one indexed range read of a few thousand rows, whatever the round's
// size, instead of counts over all its rows.
import { addTallies, EMPTY_TALLY, type Tally } from "../survey/cell-key";
import { CONTRIBUTION_KINDS, type ContributionKind } from "../survey/answer-codes";
import { HISTOGRAM_TOP_BIN } from "../survey/summary-shape";
import type { CategoryKindRow } from "../survey/summary-rows";
import { Prisma } from "./generated/sqlite/client";
import type { ReadPool } from "./read-pool-contract";
import type { SummaryCounts } from "./summary-counts";
import { EMPLOYER_PAID_SERIES, FREQUENCY_SERIES, NO_ANSWER, NOT_ASKED } from "../survey/summary-answers";

/** The scope of the totals: every respondent of a round (teamId 0), or those who chose one team. */
export interface TotalsScope {
  roundId: number;
  teamId: number | null;
}

interface Cell {
  roundId: number;
  cell: string;
  a: number;
  b: number;
  respondents: number;
  /** The sum of those respondents' record keys (the cell key method, docs/privacy.md). */
  keySum: number;
}

const num = (value: unknown) => Number(value);

/** The non-zero cells of some rounds in one scope, optionally of some kinds of cell only. */
export async function readTotals(
  reads: ReadPool,
  roundIds: readonly number[],
  teamId: number | null,
  cells?: readonly string[],
): Promise<Cell[]> {
  if (roundIds.length === 0) return [];
  const onlyCells = cells ? Prisma.sql`AND "cell" IN (${Prisma.join(cells)})` : Prisma.empty;
  const rows = await reads.all<Record<string, unknown>>(Prisma.sql`
    SELECT "roundId", "cell", "a", "b", "respondents", "keySum" FROM "RoundTotalLive"
    WHERE "roundId" IN (${Prisma.join(roundIds)}) AND "teamId" = ${teamId ?? 0} ${onlyCells} AND "respondents" <> 0`);
  return rows.map((row) => ({
    roundId: num(row.roundId),
    cell: String(row.cell),
    a: num(row.a),
    b: num(row.b),
    respondents: num(row.respondents),
    keySum: num(row.keySum),
  }));
}

/** yyyymmdd as stored in a 'day' cell, back to the ISO date the counting queries give. */
const isoDay = (yyyymmdd: number) => {
  const text = String(yyyymmdd).padStart(8, "0");
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
};

const counted = (c: Cell) => ({ respondents: c.respondents, keySum: c.keySum });
const tallyOf = (c: Cell | undefined): Tally => (c ? { count: c.respondents, keySum: c.keySum } : EMPTY_TALLY);

/** A summary's counts for one round and scope, from its totals: read once, then sorted out per chart. */
export function countsFromTotals(reads: ReadPool, scope: TotalsScope): SummaryCounts {
  let read: Promise<Cell[]> | undefined;
  const cellsOf = async (cell: string) => (await (read ??= readTotals(reads, [scope.roundId], scope.teamId))).filter((c) => c.cell === cell);
  // The round's own n (scope 0) tells "no responses" from "too few match"; for a team it is one more cell.
  const roundN = async () => {
    if (scope.teamId === null) return tallyOf((await cellsOf("n"))[0]);
    return tallyOf((await readTotals(reads, [scope.roundId], null, ["n"]))[0]);
  };
  return {
    respondents: async () => tallyOf((await cellsOf("n"))[0]),
    roundRespondents: roundN,
    projects: async () => (await cellsOf("project")).map((c) => ({ projectId: c.a, ...counted(c) })),
    async categoryKinds() {
      const rows = new Map<number, CategoryKindRow>();
      const rowOf = (categoryId: number) => {
        let row = rows.get(categoryId);
        if (!row) {
          const kinds = Object.fromEntries(CONTRIBUTION_KINDS.map((kind) => [kind, EMPTY_TALLY])) as Record<ContributionKind, Tally>;
          rows.set(categoryId, (row = { categoryId, respondents: 0, keySum: 0, kinds }));
        }
        return row;
      };
      for (const c of await cellsOf("category")) Object.assign(rowOf(c.a), counted(c));
      for (const c of await cellsOf("kind")) rowOf(c.a).kinds[CONTRIBUTION_KINDS[c.b]!] = tallyOf(c);
      return [...rows.values()];
    },
    async projectsPerRespondent() {
      // The top bin holds every count from HISTOGRAM_TOP_BIN up, as the counting query's CASE does.
      const bins = new Map<number, Tally>();
      for (const c of await cellsOf("bin")) {
        const bin = Math.min(c.a, HISTOGRAM_TOP_BIN);
        bins.set(bin, addTallies(bins.get(bin) ?? EMPTY_TALLY, tallyOf(c)));
      }
      return [...bins].map(([projectCount, t]) => ({ projectCount, respondents: t.count, keySum: t.keySum }));
    },
    teams: async () => (await cellsOf("team")).map((c) => ({ teamId: c.a, ...counted(c) })),
    teamCategories: async () =>
      (await cellsOf("team-category")).map((c) => ({ teamId: c.a, categoryId: c.b, ...counted(c) })),
    pairs: async () => (await cellsOf("pair")).map((c) => ({ firstId: c.a, secondId: c.b, ...counted(c) })),
    responsesPerDay: async () => (await cellsOf("day")).map((c) => ({ day: isoDay(c.a), ...counted(c) })),
    rounds: async (roundIds) =>
      (await readTotals(reads, roundIds, scope.teamId, ["n"])).map((c) => ({ roundId: c.roundId, ...counted(c) })),
    async roundProjects(roundIds, projectIds) {
      if (projectIds.length === 0) return [];
      const wanted = new Set(projectIds);
      return (await readTotals(reads, roundIds, scope.teamId, ["project"]))
        .filter((c) => wanted.has(c.a))
        .map((c) => ({ roundId: c.roundId, projectId: c.a, ...counted(c) }));
    },
    // The answers charted beside the projects (migration 20261204060000_round_totals_answers), coded as numbers.
    frequencies: async () =>
      (await cellsOf("frequency")).map((c) => ({
        projectId: c.a,
        frequency: FREQUENCY_SERIES[c.b] ?? NOT_ASKED,
        ...counted(c),
      })),
    years: async () => (await cellsOf("years")).map((c) => ({ years: c.a < 0 ? null : c.a, ...counted(c) })),
    employerPaid: async () =>
      (await cellsOf("paid")).map((c) => {
        const answer = EMPLOYER_PAID_SERIES[c.a] ?? NO_ANSWER;
        return { answer: answer === NO_ANSWER ? null : answer, ...counted(c) };
      }),
  };
}
