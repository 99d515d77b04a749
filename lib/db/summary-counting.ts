// Every figure of the results dashboard, counted by the database. Nothing here loads responses into JavaScript:
// each query returns one row per group (project, category, team, day...) with its respondents and the sum of
// their record keys (the cell key method, docs/privacy.md), and lib/survey/summary-shape.ts publishes the rows.
// Not marked server-only: the benchmark script imports it too.
//
// SQL. Table and column names are the Prisma names, double-quoted, so the same text runs on SQLite and
// PostgreSQL. Every query joins its rows to Response (alias `r`) by primary key: the record key lives there, and
// with it whether the answer is counted. ResponseCategory and ResponsePair are derived from ResponseProject by
// triggers (one row per response and category, and per pair of projects), so no figure needs a distinct set per
// group or a self-join of every selection. Each group has one row per respondent, so SUM(r."recordKey") sums each
// respondent's key once.
import { CONTRIBUTION_KINDS, type ContributionKind } from "../survey/answer-codes";
import type { Tally } from "../survey/cell-key";
import { HISTOGRAM_TOP_BIN } from "../survey/summary-shape";
import type {
  BinRow,
  CategoryKindRow,
  DayRow,
  PairRow,
  ProjectCountRow,
  RoundCountRow,
  RoundProjectRow,
  TeamCategoryRow,
  TeamCountRow,
} from "../survey/summary-rows";
import { KIND_COLUMNS } from "./kind-columns";
import { childScope, respondentScope, type RespondentFilters } from "./respondent-scope";
import { answerCountsFromRows } from "./summary-answer-counts";
import { Prisma } from "./generated/sqlite/client";
import type { SummaryCounts } from "./summary-counts";
import type { SummarySource } from "./summary-rounds";

type Filters = RespondentFilters;

/** Stored answers of a round that no figure counts because they break the completeness rule. */
export async function countIncompleteResponses({ reads }: SummarySource, roundId: number): Promise<number> {
  const rows = await reads.all<{ n: unknown }>(Prisma.sql`
    SELECT COUNT(*) AS "n" FROM "Response" WHERE "roundId" = ${roundId} AND "isComplete" = FALSE`);
  return num(rows[0]?.n ?? 0);
}

// PostgreSQL returns COUNT and SUM as bigint (or numeric); SQLite as number. SUM over no row is NULL.
const num = (value: unknown) => Number(value ?? 0);
/** The count and key sum of a group, as every query below selects them. */
export const TALLY = Prisma.sql`COUNT(*) AS "n", SUM(r."recordKey") AS "keySum"`;
const counted = (row: { n: unknown; keySum: unknown }) => ({ respondents: num(row.n), keySum: num(row.keySum) });
type TallyRow = { n: unknown; keySum: unknown };

export async function countRespondentTally({ reads }: SummarySource, f: Filters, roundId: number): Promise<Tally> {
  const { from, where } = respondentScope(f, [roundId]);
  const rows = await reads.all<TallyRow>(Prisma.sql`SELECT ${TALLY} FROM ${from} WHERE ${where}`);
  const row = rows[0];
  return row ? { count: num(row.n), keySum: num(row.keySum) } : { count: 0, keySum: 0 };
}

/** The true number of respondents a filter set selects (tests and gates that publish nothing of it). */
export async function countRespondents(source: SummarySource, f: Filters, roundId: number): Promise<number> {
  return (await countRespondentTally(source, f, roundId)).count;
}

export async function countProjectRespondents(
  { reads }: SummarySource,
  f: Filters,
  roundId: number,
): Promise<ProjectCountRow[]> {
  // (responseId, projectId) is the primary key, so COUNT(*) counts respondents.
  const { from, where } = childScope("ResponseProject", "rp", f, [roundId]);
  const rows = await reads.all<TallyRow & { projectId: unknown }>(Prisma.sql`
    SELECT rp."projectId" AS "projectId", ${TALLY} FROM ${from} WHERE ${where} GROUP BY rp."projectId"`);
  return rows.map((row) => ({ projectId: num(row.projectId), ...counted(row) }));
}

/** Per category: respondents with at least one project in it, and of those, respondents naming each kind there. */
export async function countCategoryKinds(
  { reads }: SummarySource,
  f: Filters,
  roundId: number,
): Promise<CategoryKindRow[]> {
  // ResponseCategory holds one row per (respondent, category) with the kinds named there: plain sums.
  const sums = CONTRIBUTION_KINDS.map((kind) =>
    Prisma.raw(
      `SUM(CASE WHEN rc."${KIND_COLUMNS[kind]}" THEN 1 ELSE 0 END) AS "${kind}", ` +
        `SUM(CASE WHEN rc."${KIND_COLUMNS[kind]}" THEN r."recordKey" ELSE 0 END) AS "${kind}Key"`,
    ),
  );
  const { from, where } = childScope("ResponseCategory", "rc", f, [roundId]);
  const rows = await reads.all<Record<string, unknown>>(Prisma.sql`
    SELECT rc."categoryId" AS "categoryId", ${TALLY}, ${Prisma.join(sums, ", ")}
    FROM ${from} WHERE ${where} GROUP BY rc."categoryId"`);
  return rows.map((row) => ({
    categoryId: num(row.categoryId),
    ...counted(row as TallyRow),
    kinds: Object.fromEntries(
      CONTRIBUTION_KINDS.map((kind) => [kind, { count: num(row[kind]), keySum: num(row[`${kind}Key`]) }]),
    ) as Record<ContributionKind, Tally>,
  }));
}

export async function countProjectsPerRespondent(
  { reads }: SummarySource,
  f: Filters,
  roundId: number,
): Promise<BinRow[]> {
  const top = Prisma.raw(String(HISTOGRAM_TOP_BIN));
  const { from, where } = respondentScope(f, [roundId]);
  const rows = await reads.all<TallyRow & { bin: unknown }>(Prisma.sql`
    SELECT CASE WHEN r."projectCount" >= ${top} THEN ${top} ELSE r."projectCount" END AS "bin", ${TALLY}
    FROM ${from} WHERE ${where} GROUP BY 1`);
  return rows.map((row) => ({ projectCount: num(row.bin), ...counted(row) }));
}

export async function countTeamRespondents(
  { reads }: SummarySource,
  f: Filters,
  roundId: number,
): Promise<TeamCountRow[]> {
  const { from, where } = childScope("ResponseTeam", "rt", f, [roundId]);
  const rows = await reads.all<TallyRow & { teamId: unknown }>(Prisma.sql`
    SELECT rt."teamId" AS "teamId", ${TALLY} FROM ${from} WHERE ${where} GROUP BY rt."teamId"`);
  return rows.map((row) => ({ teamId: num(row.teamId), ...counted(row) }));
}

export async function countTeamCategoryRespondents(
  { reads }: SummarySource,
  f: Filters,
  roundId: number,
): Promise<TeamCategoryRow[]> {
  // (response, team) and (response, category) are both unique, so the join has one row per counted respondent.
  const { from, where } = childScope("ResponseTeam", "rt", f, [roundId]);
  const rows = await reads.all<TallyRow & { teamId: unknown; categoryId: unknown }>(Prisma.sql`
    SELECT rt."teamId" AS "teamId", rc."categoryId" AS "categoryId", ${TALLY}
    FROM ${from} JOIN "ResponseCategory" rc ON rc."responseId" = rt."responseId"
    WHERE ${where}
    GROUP BY rt."teamId", rc."categoryId"`);
  return rows.map((row) => ({ teamId: num(row.teamId), categoryId: num(row.categoryId), ...counted(row) }));
}

/** Respondents per pair of projects (first id < second id), from the pairs derived per response. */
export async function countProjectPairs({ reads }: SummarySource, f: Filters, roundId: number): Promise<PairRow[]> {
  const { from, where } = childScope("ResponsePair", "pr", f, [roundId]);
  const rows = await reads.all<TallyRow & { firstId: unknown; secondId: unknown }>(Prisma.sql`
    SELECT pr."firstId" AS "firstId", pr."secondId" AS "secondId", ${TALLY}
    FROM ${from} WHERE ${where} GROUP BY pr."firstId", pr."secondId"`);
  return rows.map((row) => ({ firstId: num(row.firstId), secondId: num(row.secondId), ...counted(row) }));
}

export async function countRoundRespondents(
  { reads }: SummarySource,
  f: Filters,
  roundIds: readonly number[],
): Promise<RoundCountRow[]> {
  if (roundIds.length === 0) return [];
  const { from, where } = respondentScope(f, roundIds);
  const rows = await reads.all<TallyRow & { roundId: unknown }>(Prisma.sql`
    SELECT r."roundId" AS "roundId", ${TALLY} FROM ${from} WHERE ${where} GROUP BY r."roundId"`);
  return rows.map((row) => ({ roundId: num(row.roundId), ...counted(row) }));
}

export async function countRoundProjectRespondents(
  { reads }: SummarySource,
  f: Filters,
  roundIds: readonly number[],
  projectIds: readonly number[],
): Promise<RoundProjectRow[]> {
  if (roundIds.length === 0 || projectIds.length === 0) return [];
  const { from, where } = childScope("ResponseProject", "rp", f, roundIds);
  const rows = await reads.all<TallyRow & { roundId: unknown; projectId: unknown }>(Prisma.sql`
    SELECT rp."roundId" AS "roundId", rp."projectId" AS "projectId", ${TALLY} FROM ${from}
    WHERE ${where} AND rp."projectId" IN (${Prisma.join(projectIds)})
    GROUP BY rp."roundId", rp."projectId"`);
  return rows.map((row) => ({ roundId: num(row.roundId), projectId: num(row.projectId), ...counted(row) }));
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
  const rows = await reads.all<TallyRow & { day: unknown }>(Prisma.sql`
    SELECT ${day} AS "day", ${TALLY} FROM ${from} WHERE ${where} GROUP BY 1`);
  return rows.map((row) => ({ day: String(row.day), ...counted(row) }));
}

/** A summary's counts by counting the round's rows: any filter set. */
export function countsFromRows(source: SummarySource, f: Filters, roundId: number): SummaryCounts {
  const unfiltered = { team: null, category: null, employerPaid: null };
  return {
    respondents: () => countRespondentTally(source, f, roundId),
    roundRespondents: () => countRespondentTally(source, unfiltered, roundId),
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
