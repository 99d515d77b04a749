// What the organisers' page of one round shows: its schedule and phase now, and answers per UTC day so far.
import { roundPhase } from "../survey/round-schedule";
import type { Db } from "./client";
import { settleRoundScheduleSoon } from "./round-schedule";

export async function getRoundForOrganiser(db: Db, slug: string, now = new Date()) {
  await settleRoundScheduleSoon(db);
  const round = await db.round.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, status: true, isDemo: true, opensAt: true, closesAt: true },
  });
  return round ? { ...round, phase: roundPhase(round, now) } : null;
}
