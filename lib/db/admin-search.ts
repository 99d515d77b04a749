// The organisers' searches run against the database: the audit log by organiser and action, its options, and
// the entries an audit CSV export holds. (Responses are searched by lib/db/admin-responses.ts listResponses.)
import { NO_ORGANISER, type AuditSearch } from "../survey/admin-search";
import { AUDIT_PAGE_SIZE, writeAudit, type Actor } from "./admin-audit";
import type { Db } from "./client";
import { readWriteTransaction } from "./transaction";

/** Most rows one audit export holds, newest first: enough for any review, bounded for the server. */
export const AUDIT_EXPORT_LIMIT = 100_000;

function auditWhere(search: AuditSearch) {
  return {
    ...(search.organiser === NO_ORGANISER ? { organiserId: null } : search.organiser ? { organiserId: search.organiser } : {}),
    ...(search.action ? { action: search.action } : {}),
  };
}

export async function searchAuditEntries(db: Db, search: AuditSearch) {
  const where = auditWhere(search);
  const total = await db.auditLog.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(Math.max(1, search.page ?? 1), pageCount);
  const entries = await db.auditLog.findMany({
    where,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
  });
  return { entries, total, page, pageCount };
}

/** Organisers (also disabled ones: their entries stay) and every action the log holds, for the filter form. */
export async function listAuditFilterOptions(db: Db) {
  const [organisers, actions] = await Promise.all([
    db.organiser.findMany({ orderBy: { email: "asc" }, select: { id: true, email: true } }),
    db.auditLog.findMany({ distinct: ["action"], orderBy: { action: "asc" }, select: { action: true } }),
  ]);
  return { organisers, actions: actions.map((row) => row.action) };
}

/** The entries a search matches, for the CSV, and the export itself as an audit entry in the same transaction. */
export async function exportAuditEntries(db: Db, actor: Actor, search: AuditSearch) {
  return readWriteTransaction(db, async (tx) => {
    const entries = await tx.auditLog.findMany({
      where: auditWhere(search),
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: AUDIT_EXPORT_LIMIT,
      select: { at: true, actorEmail: true, action: true, target: true, outcome: true, before: true, after: true },
    });
    await writeAudit(tx, actor, {
      action: "audit.export",
      after: { organiser: search.organiser ?? null, action: search.action ?? null, rows: entries.length },
    });
    return entries;
  });
}
