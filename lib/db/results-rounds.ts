// The rounds the results can show, newest first, each with whether it has figures (lib/survey/round-figures.ts).
import { effectiveStatus } from "../survey/round-schedule";
import { roundFigures, type RoundChoice } from "../survey/round-figures";
import type { Db } from "./client";
import { settleRoundScheduleSoon } from "./round-schedule";

export interface ResultsRound extends RoundChoice {
  id: number;
}

/**
 * Responses a round's figures count (complete ones, lib/survey/completeness.ts), counted only up to `limit`: an
 * index probe of at most k rows ([roundId, isComplete]), whatever the round's size.
 */
async function countResponsesUpTo(db: Db, roundId: number, limit: number): Promise<number> {
  const rows = await db.$queryRaw<{ n: unknown }[]>`
    SELECT COUNT(*) AS "n"
    FROM (SELECT 1 FROM "Response" WHERE "roundId" = ${roundId} AND "isComplete" = TRUE LIMIT ${limit}) probe`;
  return Number(rows[0]?.n ?? 0);
}

/** Every round, newest first (by opening date, or creation for a round never opened), with its figures' state. */
export async function listResultsRounds(db: Db, k: number): Promise<ResultsRound[]> {
  await settleRoundScheduleSoon(db);
  const rounds = await db.round.findMany({
    select: { id: true, slug: true, title: true, status: true, isDemo: true, opensAt: true, closesAt: true, createdAt: true },
  });
  const now = new Date();
  const time = (round: (typeof rounds)[number]) => (round.opensAt ?? round.createdAt).getTime();
  rounds.sort((a, b) => time(b) - time(a) || b.id - a.id);
  const result: ResultsRound[] = [];
  // One after another: rounds are few, and each probe reads at most k index entries.
  for (const stored of rounds) {
    // The status by the schedule: a round past its closing time is offered as closed at once.
    const round = { ...stored, status: effectiveStatus(stored, now) };
    const responses = round.status === "draft" ? 0 : await countResponsesUpTo(db, round.id, Math.max(k, 1));
    result.push({
      id: round.id,
      slug: round.slug,
      title: round.title,
      status: round.status,
      isDemo: round.isDemo,
      figures: roundFigures(round, responses, k),
    });
  }
  return result;
}
