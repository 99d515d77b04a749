// What the organisers' page of one round shows: its schedule and phase now, and answers per UTC day so far.
import { roundPhase } from "../survey/round-schedule";
import type { Db, DbHandle } from "./client";
import { Prisma } from "./generated/sqlite/client";
import { settleRoundScheduleSoon } from "./round-schedule";

export async function getRoundForOrganiser(db: Db, slug: string, now = new Date()) {
  await settleRoundScheduleSoon(db);
  const round = await db.round.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, status: true, isDemo: true, opensAt: true, closesAt: true },
  });
  return round ? { ...round, phase: roundPhase(round, now) } : null;
}

export interface AnswersOnDay {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  answers: number;
}

/**
 * Answers received per UTC day so far, exact: the page is for signed-in organisers only. Every stored answer
 * counts, complete or not; SQLite stores DateTime as ISO-8601 text in UTC, so the day is its first 10 characters.
 */
export async function countAnswersPerDay(handle: DbHandle, roundId: number): Promise<AnswersOnDay[]> {
  const day =
    handle.kind === "sqlite" ? Prisma.sql`substr("createdAt", 1, 10)` : Prisma.sql`to_char("createdAt", 'YYYY-MM-DD')`;
  const rows = await handle.db.$queryRaw<{ day: unknown; n: unknown }[]>(Prisma.sql`
    SELECT ${day} AS "day", COUNT(*) AS "n" FROM "Response" WHERE "roundId" = ${roundId} GROUP BY 1 ORDER BY 1`);
  return rows.map((row) => ({ day: String(row.day), answers: Number(row.n) }));
}
