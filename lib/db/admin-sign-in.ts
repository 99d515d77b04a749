// Signing in, slowed down the way OWASP ASVS's anti-automation guidance asks, without letting strangers lock an
// organiser out. Every attempt is counted under three keyed hashes before the password is verified, in the one
// statement that also reads the counts back (lib/db/rate-limit.ts), so a parallel burst cannot outrun the limits:
// - the account and client pair: a few tries for typos, then that pair waits for its window to end;
// - the client: one address cannot spray many accounts;
// - the account, over every client: past this ceiling the account is under attack, so clients with recent tries
//   at it wait, while a client with none is only delayed, never refused: the owner still gets in.
// Refused attempts are counted, not each written to the audit log: the log gets one row when a window first
// goes over its limit.
import { SIGN_IN_FAILED_MESSAGE, tooManyAttemptsMessage } from "../auth/credentials";
import { keyedHash } from "../auth/keyed-hash";
import { getDummyHash, verifyPassword } from "../auth/password";
import { isOrganiserRole } from "../auth/roles";
import { writeAudit, type Actor } from "./admin-audit";
import type { Db } from "./client";
import { clearRateLimit, countAttempts, purgeExpiredRateLimits, refundAttempts, retryAfterSeconds, type RateLimitCount, type RateLimitPolicy } from "./rate-limit";

const FIFTEEN_MINUTES = 15 * 60_000;

export const SIGN_IN_POLICY = {
  pair: { limit: 5, windowMs: FIFTEEN_MINUTES },
  // An office behind one address can still sign in; one machine cannot try many accounts.
  client: { limit: 30, windowMs: FIFTEEN_MINUTES },
  account: { limit: 20, windowMs: FIFTEEN_MINUTES },
} satisfies Record<string, RateLimitPolicy>;

/** How long a client with no recent tries waits while its account is over the ceiling. */
export const ACCOUNT_CEILING_DELAY_MS = 1_000;

type Scope = keyof typeof SIGN_IN_POLICY;

export interface SignInRequest {
  email: string;
  password: string;
  /** Whatever identifies the client (its address); only keyed hashes of it are stored. */
  client: string;
  secret: string;
  now?: number;
  /** How a delay is waited out; tests pass one that records it. */
  wait?: (ms: number) => Promise<void>;
}

export type SignInResult =
  | { ok: true; organiser: Actor; sessionVersion: number }
  | { ok: false; reason: "invalid"; message: string }
  | { ok: false; reason: "rate-limited"; message: string; retryAfterSeconds: number };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function signInKeys(secret: string, email: string, client: string): Record<Scope, string> {
  return {
    pair: `sign-in:pair:${keyedHash(secret, "sign-in-pair", `${email}\u0000${client}`)}`,
    client: `sign-in:client:${keyedHash(secret, "sign-in-client", client)}`,
    account: `sign-in:account:${keyedHash(secret, "sign-in-email", email)}`,
  };
}

type Decision = { allow: true; delayMs: number } | { allow: false; scope: Scope; resetAt: number };

/** What the counts (this attempt included) allow. */
export function decideSignIn(counts: Record<Scope, RateLimitCount>): Decision {
  const over = (scope: Scope) => counts[scope].count > SIGN_IN_POLICY[scope].limit;
  if (over("pair")) return { allow: false, scope: "pair", resetAt: counts.pair.resetAt };
  if (over("client")) return { allow: false, scope: "client", resetAt: counts.client.resetAt };
  if (!over("account")) return { allow: true, delayMs: 0 };
  // Over the ceiling: a client that already tried this account recently waits until its own tries expire (or
  // the ceiling's window ends); a client with no recent try is slowed down, never refused.
  if (counts.pair.count > 1) return { allow: false, scope: "account", resetAt: Math.min(counts.pair.resetAt, counts.account.resetAt) };
  return { allow: true, delayMs: ACCOUNT_CEILING_DELAY_MS };
}

/** One audit row per limited window: written by the one attempt that first went over the limit. */
async function auditLimitsReached(db: Db, counts: Record<Scope, RateLimitCount>) {
  for (const scope of Object.keys(SIGN_IN_POLICY) as Scope[]) {
    const { key, count, resetAt } = counts[scope];
    if (count !== SIGN_IN_POLICY[scope].limit + 1) continue;
    await writeAudit(db, null, {
      action: "sign-in.limit-reached",
      target: key,
      outcome: "denied",
      after: { scope, limit: SIGN_IN_POLICY[scope].limit, windowEndsAt: new Date(resetAt).toISOString(), note: "further attempts in this window are counted, not logged" },
    });
  }
}

export async function signIn(db: Db, request: SignInRequest): Promise<SignInResult> {
  const now = request.now ?? Date.now();
  const email = request.email.trim().toLowerCase();
  const keys = signInKeys(request.secret, email, request.client);
  const counted = await countAttempts(
    db,
    (Object.keys(keys) as Scope[]).map((scope) => ({ key: keys[scope], windowMs: SIGN_IN_POLICY[scope].windowMs })),
    now,
  );
  const counts = Object.fromEntries((Object.keys(keys) as Scope[]).map((scope) => [scope, counted.get(keys[scope])!])) as Record<Scope, RateLimitCount>;
  await auditLimitsReached(db, counts);
  const decision = decideSignIn(counts);
  if (!decision.allow) {
    const seconds = retryAfterSeconds(decision.resetAt, now);
    return { ok: false, reason: "rate-limited", message: tooManyAttemptsMessage(seconds), retryAfterSeconds: seconds };
  }
  if (decision.delayMs > 0) await (request.wait ?? sleep)(decision.delayMs);

  const organiser = await db.organiser.findUnique({ where: { email } });
  // An unknown email still costs one argon2 verification, so timing does not tell which emails exist.
  const isPasswordCorrect = await verifyPassword(organiser?.passwordHash ?? (await getDummyHash()), request.password);
  if (organiser && organiser.isActive && isOrganiserRole(organiser.role) && isPasswordCorrect) {
    // The pair's earlier tries were the owner's own typos: they start afresh. This attempt is given back to the
    // client and account counts, which then count failures: an office's organisers never use up its address.
    await clearRateLimit(db, keys.pair);
    await refundAttempts(db, [keys.client, keys.account]);
    // Housekeeping on the rare successful path keeps the table to live windows without a cron job.
    await purgeExpiredRateLimits(db, now);
    const actor = { id: organiser.id, email: organiser.email, role: organiser.role };
    await writeAudit(db, actor, { action: "sign-in", target: `organiser:${organiser.id}` });
    return { ok: true, organiser: actor, sessionVersion: organiser.sessionVersion };
  }
  // The email is recorded only as its keyed hash: a typo'd password pasted into the email field stays private.
  await writeAudit(db, null, { action: "sign-in", target: keys.account, outcome: "failed" });
  return { ok: false, reason: "invalid", message: SIGN_IN_FAILED_MESSAGE };
}
