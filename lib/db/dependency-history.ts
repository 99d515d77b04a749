// The history of the dependency list: every load (which file, when, what changed) and, for a round, the load
// that was in force when it ended, so a round is compared against the dependencies of its own time.
import type { Db } from "./client";

export interface RoundTime {
  status: string;
  closesAt: Date | null;
}

export async function listDependencyLoads(db: Db) {
  return db.dependencyLoad.findMany({ orderBy: [{ at: "asc" }, { id: "asc" }] });
}

/**
 * The load whose list a round is compared against: the latest one made before the round ended (a closed round's
 * closing time; an open or draft round is compared against the current list). A round that ended before the
 * first recorded load takes the first one, the oldest list known. Null when no list was ever loaded.
 */
export async function findRoundDependencyLoad(db: Db, round: RoundTime, now = new Date()): Promise<number | null> {
  const end = round.status === "closed" && round.closesAt && round.closesAt < now ? round.closesAt : now;
  const inForce = await db.dependencyLoad.findFirst({
    where: { at: { lte: end } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  if (inForce) return inForce.id;
  const first = await db.dependencyLoad.findFirst({ orderBy: [{ at: "asc" }, { id: "asc" }], select: { id: true } });
  return first?.id ?? null;
}
