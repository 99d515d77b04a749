// The rounds the results can show, newest first, each with whether it has figures (lib/survey/round-figures.ts).
import { effectiveStatus } from "../survey/round-schedule";
import { publishTally } from "../survey/cell-key";
import { roundFigures, type RoundChoice } from "../survey/round-figures";
import type { Db } from "./client";
import { settleRoundScheduleSoon } from "./round-schedule";

export interface ResultsRound extends RoundChoice {
  id: number;
}

/** What the results read of a round: enough for its effective status and whether it publishes while open. */
export const roundSelect = {
  id: true,
  slug: true,
  title: true,
  status: true,
  isDemo: true,
  opensAt: true,
  closesAt: true,
  createdAt: true,
  publishWhileOpen: true,
} as const;

/**
 * A round's n as published (the cell key method, docs/privacy.md), from the round's totals (one cell):
 * 0, "<k" or at least k. The round's state follows the published figure, not the true count, so "no responses"
 * and "fewer than k" say no more than the round's n would.
 */
async function publishedRoundN(db: Db, roundId: number, k: number): Promise<number> {
  const rows = await db.$queryRaw<{ n: unknown; keySum: unknown }[]>`
    SELECT "respondents" AS "n", "keySum" FROM "RoundTotalLive"
    WHERE "roundId" = ${roundId} AND "teamId" = 0 AND "cell" = 'n' AND "a" = 0 AND "b" = 0`;
  const cell = publishTally({ count: Number(rows[0]?.n ?? 0), keySum: Number(rows[0]?.keySum ?? 0) }, k);
  // roundFigures reads 0 as none, 1..k-1 as too few: "<k" stands for some count in 1..k-1.
  return cell.suppressed ? 1 : cell.value;
}

/** Every round, newest first (by opening date, or creation for a round never opened), with its figures' state. */
export async function listResultsRounds(db: Db, k: number): Promise<ResultsRound[]> {
  await settleRoundScheduleSoon(db);
  const rounds = await db.round.findMany({ select: roundSelect });
  const now = new Date();
  const time = (round: (typeof rounds)[number]) => (round.opensAt ?? round.createdAt).getTime();
  rounds.sort((a, b) => time(b) - time(a) || b.id - a.id);
  const result: ResultsRound[] = [];
  // One after another: rounds are few, and each is one primary-key read of its totals.
  for (const stored of rounds) {
    // The status by the schedule: a round past its closing time is offered as closed at once.
    const round = { ...stored, status: effectiveStatus(stored, now) };
    // An open round that publishes only after closing is not even counted: nothing about it is shown.
    const hidden = round.status === "draft" || (round.status === "open" && !round.publishWhileOpen);
    const responses = hidden ? 0 : await publishedRoundN(db, round.id, k);
    result.push({
      id: round.id,
      slug: round.slug,
      title: round.title,
      status: round.status,
      isDemo: round.isDemo,
      closesAt: round.closesAt,
      figures: roundFigures(round, responses, k),
    });
  }
  return result;
}
