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

export async function countYearsContributing(
  { reads }: SummarySource,
  f: RespondentFilters,
  roundId: number,
): Promise<YearsRow[]> {
  const { from, where } = respondentScope(f, [roundId]);
  const rows = await reads.all<{ years: unknown; n: unknown; keySum: unknown }>(Prisma.sql`
    SELECT r."yearsContributing" AS "years", COUNT(*) AS "n", SUM(r."recordKey") AS "keySum"
    FROM ${from} WHERE ${where} GROUP BY r."yearsContributing"`);
  return rows.map((row) => ({
    years: row.years === null ? null : num(row.years),
    respondents: num(row.n),
    keySum: num(row.keySum),
  }));
}

export async function countEmployerPaid(
  { reads }: SummarySource,
  f: RespondentFilters,
  roundId: number,
): Promise<EmployerPaidRow[]> {
  const { from, where } = respondentScope(f, [roundId]);
  const rows = await reads.all<{ answer: unknown; n: unknown; keySum: unknown }>(Prisma.sql`
    SELECT r."employerPaid" AS "answer", COUNT(*) AS "n", SUM(r."recordKey") AS "keySum"
    FROM ${from} WHERE ${where} GROUP BY r."employerPaid"`);
  return rows.map((row) => ({
    answer: row.answer === null ? null : String(row.answer),
    respondents: num(row.n),
    keySum: num(row.keySum),
  }));
}

/** The three counts for one filter set, by counting rows. */
export function answerCountsFromRows(source: SummarySource, f: RespondentFilters, roundId: number) {
  return {
    frequencies: () => countProjectFrequencies(source, f, roundId),
    years: () => countYearsContributing(source, f, roundId),
    employerPaid: () => countEmployerPaid(source, f, roundId),
  };
}
