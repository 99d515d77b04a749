// The audit log: who did what, when, and what it looked like before and after. Written by the same
// transaction as the change it records, so a change without its entry (or the reverse) cannot exist.
import type { Db } from "./client";

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Who is acting: the organiser re-loaded from the database for this request. */
export interface Actor {
  id: number;
  email: string;
  role: string;
}

export interface AuditEntry {
  action: string;
  target?: string | null;
  before?: unknown;
  after?: unknown;
  outcome?: "ok" | "denied" | "failed";
  /** The ids an undo needs (lib/db/admin-undo.ts); kept out of before/after, which the audit page shows. */
  reversal?: unknown;
}

const toJson = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

export async function writeAudit(tx: Pick<Db, "auditLog">, actor: Actor | null, entry: AuditEntry & { actorEmail?: string | null }): Promise<{ id: number }> {
  return tx.auditLog.create({
    select: { id: true },
    data: {
      organiserId: actor?.id ?? null,
      actorEmail: actor?.email ?? entry.actorEmail ?? null,
      action: entry.action,
      target: entry.target ?? null,
      before: toJson(entry.before),
      after: toJson(entry.after),
      outcome: entry.outcome ?? "ok",
      reversal: toJson(entry.reversal),
    },
  });
}

/** A refused attempt recorded on its own: "denied" for a missing right, "failed" for input that changed nothing. */
export async function recordDenied(
  db: Db,
  actor: Actor | null,
  action: string,
  target?: string | null,
  reason?: string,
  outcome: "denied" | "failed" = "denied",
) {
  await writeAudit(db, actor, { action, target, outcome, after: reason ? { reason } : undefined });
}

export const AUDIT_PAGE_SIZE = 50;

export async function listAuditEntries(db: Db, page = 1) {
  const [entries, total] = await Promise.all([
    db.auditLog.findMany({ orderBy: [{ at: "desc" }, { id: "desc" }], skip: (page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE }),
    db.auditLog.count(),
  ]);
  return { entries, total, pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}
