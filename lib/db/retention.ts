// The retention rule: responses of rounds closed longer than RETENTION_DAYS ago are deleted with every row
// that belonged to them. Their edit links then say "deleted"; aggregates of those rounds are gone too.
import type { Db } from "./client";
import { settleRoundSchedule } from "./round-schedule";
import { readWriteTransaction } from "./transaction";

export interface RetentionReport {
  rounds: string[];
  responsesDeleted: number;
}

/** A round whose answers the rule deletes: closed, not demo data, and closed at or before `cutoff`. */
function isPastRetention(round: { status: string; isDemo: boolean; closesAt: Date | null; updatedAt: Date }, cutoff: Date): boolean {
  return round.status === "closed" && !round.isDemo && (round.closesAt ?? round.updatedAt) <= cutoff;
}

export async function applyRetention(db: Db, retentionDays: number, now = new Date()): Promise<RetentionReport> {
  const report: RetentionReport = { rounds: [], responsesDeleted: 0 };
  if (retentionDays <= 0) return report;
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  // A round closed by its schedule counts from its closing time even if no page view has recorded the close yet.
  await settleRoundSchedule(db);
  const rounds = await db.round.findMany({ where: { status: "closed", isDemo: false }, orderBy: { id: "asc" } });
  for (const round of rounds) {
    if (!isPastRetention(round, cutoff)) continue;
    const deleted = await readWriteTransaction(
      db,
      async (tx) => {
        // Asked again where it is acted on: a round reopened since the list above keeps its answers.
        const current = await tx.round.findUnique({ where: { id: round.id } });
        if (!current || !isPastRetention(current, cutoff)) return 0;
        const hashes = await tx.response.findMany({ where: { roundId: round.id }, select: { editTokenHash: true } });
        if (hashes.length === 0) return 0;
        await tx.responseProject.deleteMany({ where: { roundId: round.id } });
        await tx.responseTeam.deleteMany({ where: { roundId: round.id } });
        await tx.otherEntry.deleteMany({ where: { roundId: round.id } });
        await tx.response.deleteMany({ where: { roundId: round.id } });
        await tx.responseTombstone.createMany({ data: hashes.map((h) => ({ editTokenHash: h.editTokenHash, deletedBy: "retention" })) });
        return hashes.length;
      },
      { timeout: 600_000, maxWait: 30_000 },
    );
    if (deleted > 0) {
      report.rounds.push(round.slug);
      report.responsesDeleted += deleted;
    }
  }
  return report;
}
