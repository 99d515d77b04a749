// How many rows hold answers, so a test can say that something wrote nothing (or exactly so much).
import type { Db } from "@/lib/db/client";

export async function countAnswerRows(db: Db) {
  return {
    responses: await db.response.count(),
    projects: await db.responseProject.count(),
    teams: await db.responseTeam.count(),
    others: await db.otherEntry.count(),
  };
}
