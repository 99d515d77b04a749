// Bringing rounds' stored status in line with their schedule. Whether a round is open never waits for this:
// every reader computes it from the stored times (lib/survey/round-schedule.ts). This step records the change,
// with one audit entry, exactly once however many instances run it at the same moment: the update is
// conditional on the status it read, so only one transaction changes the row and writes the entry.
import { dueTransition } from "../survey/round-schedule";
import { writeAudit } from "./admin-audit";
import type { Db } from "./client";
import { readWriteTransaction } from "./transaction";

export interface SettledRound {
  slug: string;
  status: "open" | "closed";
}

/** Apply every transition due at `now`: closings first, so a round closing as the next opens never overlaps it. */
export async function settleRoundSchedule(db: Db, now = new Date()): Promise<SettledRound[]> {
  const candidates = await db.round.findMany({
    where: {
      OR: [
        { status: "draft", opensAt: { lte: now } },
        { status: { in: ["draft", "open"] }, closesAt: { lte: now } },
      ],
    },
    select: { id: true, slug: true, status: true, opensAt: true, closesAt: true },
    orderBy: { id: "asc" },
  });
  const due = candidates
    .map((round) => ({ round, to: dueTransition(round, now) }))
    .filter((item): item is { round: (typeof candidates)[number]; to: "open" | "closed" } => item.to !== null)
    .sort((a, b) => (a.to === b.to ? 0 : a.to === "closed" ? -1 : 1));
  const settled: SettledRound[] = [];
  for (const { round, to } of due) {
    const changed = await readWriteTransaction(db, async (tx) => {
      const { count } = await tx.round.updateMany({
        where: { id: round.id, status: round.status, opensAt: round.opensAt, closesAt: round.closesAt },
        data: { status: to },
      });
      if (count !== 1) return false; // another instance (or an organiser) got there first
      const at = to === "open" ? round.opensAt : round.closesAt;
      await writeAudit(tx, null, {
        actorEmail: null,
        action: to === "open" ? "round.open" : "round.close",
        target: `round:${round.slug}`,
        before: { status: round.status },
        after: { status: to, by: "schedule", at: at?.toISOString() ?? null },
      });
      return true;
    });
    if (changed) settled.push({ slug: round.slug, status: to });
  }
  return settled;
}

// Page views settle the schedule at most this often per process; readers never depend on it having run.
const CHECK_EVERY_MS = 15_000;
let lastCheck = 0;

/** settleRoundSchedule from a page view: cheap to call, a failure never breaks the page. */
export async function settleRoundScheduleSoon(db: Db): Promise<void> {
  const now = Date.now();
  if (now - lastCheck < CHECK_EVERY_MS) return;
  lastCheck = now;
  try {
    await settleRoundSchedule(db, new Date(now));
  } catch (error) {
    lastCheck = 0;
    console.warn(`upstream-census: round schedule not recorded yet: ${(error as Error).message}`);
  }
}
