// Fixed-window counters in the RateLimit table, so every app instance sees the same count. Keys are keyed
// hashes made by the caller (lib/auth/keyed-hash.ts); this module never sees an IP or an email.
import type { Db } from "./client";

export interface RateLimitPolicy {
  limit: number;
  windowMs: number;
}

export interface RateLimitState {
  count: number;
  isLimited: boolean;
  retryAfterSeconds: number;
}

const state = (count: number, expiresAt: Date, policy: RateLimitPolicy, now: Date): RateLimitState => ({
  count,
  isLimited: count >= policy.limit,
  retryAfterSeconds: Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000)),
});

/** The current count without changing it; an expired window counts as empty. */
export async function peekRateLimit(db: Db, key: string, policy: RateLimitPolicy, now = new Date()): Promise<RateLimitState> {
  const row = await db.rateLimit.findUnique({ where: { key } });
  if (!row || row.expiresAt <= now) return { count: 0, isLimited: false, retryAfterSeconds: 0 };
  return state(row.count, row.expiresAt, policy, now);
}

/** Count one more event in the key's window, starting a new window when the old one has expired. */
export async function hitRateLimit(db: Db, key: string, policy: RateLimitPolicy, now = new Date()): Promise<RateLimitState> {
  const expiresAt = new Date(now.getTime() + policy.windowMs);
  for (let attempt = 0; ; attempt++) {
    try {
      // Dropping an expired row first makes the upsert below start a fresh window; both run atomically.
      const [, row] = await db.$transaction([
        db.rateLimit.deleteMany({ where: { key, expiresAt: { lte: now } } }),
        db.rateLimit.upsert({ where: { key }, create: { key, count: 1, expiresAt }, update: { count: { increment: 1 } } }),
      ]);
      return state(row.count, row.expiresAt, policy, now);
    } catch (error) {
      // Two instances created the same key at once: the second retries and increments.
      if (attempt < 2 && (error as { code?: string }).code === "P2002") continue;
      throw error;
    }
  }
}

export async function clearRateLimit(db: Db, key: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key } });
}

/** Housekeeping: expired windows are dead weight. */
export async function purgeExpiredRateLimits(db: Db, now = new Date()): Promise<number> {
  return (await db.rateLimit.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}
