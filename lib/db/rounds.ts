import "server-only";
import { effectiveStatus } from "../survey/round-schedule";
import { getDatabase } from "./client";
import { settleRoundScheduleSoon } from "./round-schedule";

/** The round open now, by its schedule as much as by hand (lib/survey/round-schedule.ts). */
export async function getOpenRound() {
  const { db } = getDatabase();
  await settleRoundScheduleSoon(db);
  const now = new Date();
  const rounds = await db.round.findMany({ where: { status: { in: ["draft", "open"] } }, orderBy: [{ opensAt: "desc" }, { id: "desc" }] });
  const open = rounds.find((round) => effectiveStatus(round, now) === "open");
  return open ? { ...open, status: "open" } : null;
}
