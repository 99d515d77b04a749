// The counts behind the charts of how often, years contributing and employer-paid, for any filter set, counted
// from the round's rows like the other charts' (lib/db/summary-queries.ts).
import type { EmployerPaidRow, FrequencyRow, YearsRow } from "../survey/summary-answers";
import { Prisma } from "./generated/sqlite/client";
import { childScope, respondentScope, type RespondentFilters } from "./respondent-scope";
import type { SummarySource } from "./summary-rounds";

// SUM over no row is NULL; PostgreSQL gives COUNT and SUM as bigint or numeric.
const num = (value: unknown) => Number(value ?? 0);

/** Respondents per (project, frequency): one selection row per respondent and project. */
export async function countProjectFrequencies(
  { reads }: SummarySource,
  f: RespondentFilters,
  roundId: number,
): Promise<FrequencyRow[]> {
  const { from, where } = childScope("ResponseProject", "rp", f, [roundId]);
  const rows = await reads.all<{ projectId: unknown; frequency: unknown; n: unknown; keySum: unknown }>(Prisma.sql`
    SELECT rp."projectId" AS "projectId", rp."frequency" AS "frequency", COUNT(*) AS "n", SUM(r."recordKey") AS "keySum"
    FROM ${from} WHERE ${where} GROUP BY rp."projectId", rp."frequency"`);
  return rows.map((row) => ({
    projectId: num(row.projectId),
    frequency: String(row.frequency),
    respondents: num(row.n),
    keySum: num(row.keySum),
  }));
}

/** Respondents per value of one of Response's own answer columns, the unanswered (NULL) as one more group. */
async function countResponseAnswers(
  { reads }: SummarySource,
  f: RespondentFilters,
  roundId: number,
  column: "yearsContributing" | "employerPaid",
) {
  const { from, where } = respondentScope(f, [roundId]);
  const answer = Prisma.raw(`r."${column}"`); // a column cannot be a bound parameter; it is one of two literals
  const rows = await reads.all<{ answer: unknown; n: unknown; keySum: unknown }>(Prisma.sql`
    SELECT ${answer} AS "answer", COUNT(*) AS "n", SUM(r."recordKey") AS "keySum"
    FROM ${from} WHERE ${where} GROUP BY ${answer}`);
  return rows.map((row) => ({ answer: row.answer, respondents: num(row.n), keySum: num(row.keySum) }));
}

export async function countYearsContributing(
  source: SummarySource,
  f: RespondentFilters,
  roundId: number,
): Promise<YearsRow[]> {
  const rows = await countResponseAnswers(source, f, roundId, "yearsContributing");
  return rows.map(({ answer, ...tally }) => ({ years: answer === null ? null : num(answer), ...tally }));
}

export async function countEmployerPaid(
  source: SummarySource,
  f: RespondentFilters,
  roundId: number,
): Promise<EmployerPaidRow[]> {
  const rows = await countResponseAnswers(source, f, roundId, "employerPaid");
  return rows.map(({ answer, ...tally }) => ({ answer: answer === null ? null : String(answer), ...tally }));
}

/** The three counts for one filter set, by counting rows. */
export function answerCountsFromRows(source: SummarySource, f: RespondentFilters, roundId: number) {
  return {
    frequencies: () => countProjectFrequencies(source, f, roundId),
    years: () => countYearsContributing(source, f, roundId),
    employerPaid: () => countEmployerPaid(source, f, roundId),
  };
}
