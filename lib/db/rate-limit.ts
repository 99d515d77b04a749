// The one limiter for every limited action (sign-in, submissions): fixed-window counters in the RateLimit table,
// so every app instance sees the same counts. Keys are keyed hashes made by the caller (lib/auth/keyed-hash.ts);
// this module never sees an IP or an email.
//
// Counting is one SQL statement per attempt: INSERT ... ON CONFLICT DO UPDATE ... RETURNING adds the attempt and
// reads the new count atomically, on SQLite (one writer at a time) and on PostgreSQL (the upsert locks the row until
// the statement commits). An attempt is therefore counted before anything it guards runs, and no burst can slip
// between a check and its increment. Why not rate-limiter-flexible: see docs/security.md ("The limiter").
import type { Db } from "./client";
import { Prisma } from "./generated/sqlite/client";

export interface RateLimitPolicy {
  limit: number;
  windowMs: number;
}

export interface RateLimitCount {
  key: string;
  /** Attempts in the current window, this one included. */
  count: number;
  /** When the current window ends (ms since the epoch). */
  resetAt: number;
}

export interface RateLimitState extends RateLimitCount {
  isLimited: boolean;
  retryAfterSeconds: number;
}

type RawDb = Pick<Db, "$queryRaw" | "$executeRaw">;

export const retryAfterSeconds = (resetAt: number, now: number) => Math.max(1, Math.ceil((resetAt - now) / 1000));

export function limitState(counted: RateLimitCount, policy: RateLimitPolicy, now: number): RateLimitState {
  return { ...counted, isLimited: counted.count > policy.limit, retryAfterSeconds: retryAfterSeconds(counted.resetAt, now) };
}

/**
 * Count one attempt under each key, in one statement: a window that has ended starts again at 1. Keys are
 * written in sorted order, so two statements on PostgreSQL lock shared rows in the same order and never deadlock.
 */
export async function countAttempts(db: RawDb, keys: readonly { key: string; windowMs: number }[], now = Date.now()): Promise<Map<string, RateLimitCount>> {
  const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const values = sorted.map(({ key, windowMs }) => Prisma.sql`(${key}, 1, ${BigInt(now + windowMs)})`);
  const rows = await db.$queryRaw<{ key: string; count: number | bigint; resetAt: number | bigint }[]>`
    INSERT INTO "RateLimit" ("key", "count", "resetAt") VALUES ${Prisma.join(values)}
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."resetAt" <= ${BigInt(now)} THEN 1 ELSE "RateLimit"."count" + 1 END,
      "resetAt" = CASE WHEN "RateLimit"."resetAt" <= ${BigInt(now)} THEN excluded."resetAt" ELSE "RateLimit"."resetAt" END
    RETURNING "key", "count", "resetAt"`;
  return new Map(rows.map((row) => [row.key, { key: row.key, count: Number(row.count), resetAt: Number(row.resetAt) }]));
}

/** Count one attempt under `key` and say whether it is over the policy's limit (then it must be refused). */
export async function consumeRateLimit(db: RawDb, key: string, policy: RateLimitPolicy, now = Date.now()): Promise<RateLimitState> {
  const counted = (await countAttempts(db, [{ key, windowMs: policy.windowMs }], now)).get(key);
  if (!counted) throw new Error(`the rate-limit count for ${key} was not returned`);
  return limitState(counted, policy, now);
}

/** The current count without changing it; an ended window counts as empty. */
export async function peekRateLimit(db: Db, key: string, policy: RateLimitPolicy, now = Date.now()): Promise<RateLimitState> {
  const row = await db.rateLimit.findUnique({ where: { key } });
  if (!row || Number(row.resetAt) <= now) return { key, count: 0, resetAt: now, isLimited: false, retryAfterSeconds: 0 };
  return limitState({ key, count: row.count, resetAt: Number(row.resetAt) }, policy, now);
}

/** Give back attempts that turned out legitimate (a successful sign-in), so only failures keep counting. */
export async function refundAttempts(db: Pick<Db, "rateLimit">, keys: readonly string[]): Promise<void> {
  await db.rateLimit.updateMany({ where: { key: { in: [...keys] }, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
}

export async function clearRateLimit(db: Pick<Db, "rateLimit">, key: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key } });
}

/** Housekeeping: ended windows are dead weight. */
export async function purgeExpiredRateLimits(db: Pick<Db, "rateLimit">, now = Date.now()): Promise<number> {
  return (await db.rateLimit.deleteMany({ where: { resetAt: { lte: BigInt(now) } } })).count;
}
