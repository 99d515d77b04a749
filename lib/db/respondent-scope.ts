// Which rows a filter set counts, as SQL: the respondents it selects (Response aliased `r`), and the rows of a
// child table that belong to them. Every counting query (lib/db/summary-counting.ts, summary-answer-counts.ts,
// where-to-help-queries.ts, dependency-queries.ts) starts from these, so all count the same respondents.
import { Prisma } from "./generated/sqlite/client";
import type { ResolvedSummaryFilters } from "./summary-rounds";

export type RespondentFilters = Pick<ResolvedSummaryFilters, "team" | "category" | "employerPaid">;

const inRounds = (column: Prisma.Sql, roundIds: readonly number[]) =>
  roundIds.length === 1 ? Prisma.sql`${column} = ${roundIds[0]}` : Prisma.sql`${column} IN (${Prisma.join(roundIds)})`;

// Answers that break the completeness rule (lib/survey/completeness.ts) stay stored but no figure counts them.
const isCountedResponse = Prisma.sql`r."isComplete" = TRUE`;

/**
 * The respondents a filter set selects, as a FROM and a WHERE over Response aliased `r`. A team or category
 * filter joins its own rows ([roundId, teamId] on ResponseTeam, [roundId, categoryId, ...] on ResponseCategory,
 * both one row per respondent), so a narrow filter reads only its own respondents instead of testing every
 * response of the round; with both, the category is a primary-key probe per team member.
 */
export function respondentScope(f: RespondentFilters, roundIds: readonly number[]): { from: Prisma.Sql; where: Prisma.Sql } {
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
  // "unanswered" is a value like the others, so nobody is only reachable by subtraction.
  if (f.employerPaid === "unanswered") where.push(Prisma.sql`r."employerPaid" IS NULL`);
  else if (f.employerPaid) where.push(Prisma.sql`r."employerPaid" = ${f.employerPaid}`);
  return { from, where: Prisma.join(where, " AND ") };
}

type ChildTable = "ResponseProject" | "ResponseTeam" | "ResponseCategory" | "ResponsePair";

/**
 * The rows of a child table that belong to the filtered respondents, as a FROM and a WHERE, with the response
 * as `r`. Unfiltered: the child table by its roundId index, each row joined to its response by primary key.
 * Filtered: the respondents' scope joined to the child by its primary key prefix (responseId).
 */
export function childScope(table: ChildTable, alias: string, f: RespondentFilters, roundIds: readonly number[]) {
  const child = Prisma.raw(`"${table}" ${alias}`);
  const responseId = Prisma.raw(`${alias}."responseId"`);
  if (f.team === null && f.category === null && f.employerPaid === null) {
    return {
      from: Prisma.sql`${child} JOIN "Response" r ON r."id" = ${responseId}`,
      where: Prisma.sql`${inRounds(Prisma.raw(`${alias}."roundId"`), roundIds)} AND ${isCountedResponse}`,
    };
  }
  const respondents = respondentScope(f, roundIds);
  return { from: Prisma.sql`${respondents.from} JOIN ${child} ON ${responseId} = r."id"`, where: respondents.where };
}
