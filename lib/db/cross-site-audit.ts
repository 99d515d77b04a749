// Refused cross-site posts go into the audit log, but a flood of them must not flood it: each client gets one row
// per window, and the limiter counts the rest (lib/db/rate-limit.ts).
import { keyedHash } from "../auth/keyed-hash";
import { writeAudit } from "./admin-audit";
import type { Db } from "./client";
import { consumeRateLimit } from "./rate-limit";

export const CROSS_SITE_AUDIT_WINDOW = { limit: 1, windowMs: 15 * 60_000 };

export async function recordCrossSiteRequest(db: Db, secret: string, client: string, path: string, now = Date.now()): Promise<boolean> {
  const key = `audit:cross-site:${keyedHash(secret, "cross-site-client", client)}`;
  const state = await consumeRateLimit(db, key, CROSS_SITE_AUDIT_WINDOW, now);
  if (state.count !== 1) return false;
  await writeAudit(db, null, {
    action: "cross-site-request",
    target: path.slice(0, 200),
    outcome: "denied",
    after: { reason: "cross-site post refused", client: key, note: "further cross-site posts from this client in this window are counted, not logged" },
  });
  return true;
}
