// Organiser accounts and signing in. The password never leaves this module except as an argon2id hash;
// failed attempts are counted per email and per client (keyed hashes) in the database.
import { createOrganiserSchema, SIGN_IN_FAILED_MESSAGE, tooManyAttemptsMessage, type CreateOrganiserInput } from "../auth/credentials";
import { keyedHash } from "../auth/keyed-hash";
import { getDummyHash, hashPassword, verifyPassword } from "../auth/password";
import { isOrganiserRole, type OrganiserRole } from "../auth/roles";
import { writeAudit, type Actor } from "./admin-audit";
import { clearRateLimit, hitRateLimit, peekRateLimit, purgeExpiredRateLimits, type RateLimitPolicy } from "./admin-rate-limit";
import type { Db } from "./client";

export class OrganiserInputError extends Error {
  override name = "OrganiserInputError";
}

/** Create (or, with `replace`, reset the password and role of) an organiser. */
export async function createOrganiser(db: Db, input: CreateOrganiserInput, options: { replace?: boolean } = {}) {
  const parsed = createOrganiserSchema.safeParse(input);
  if (!parsed.success) throw new OrganiserInputError(parsed.error.issues.map((issue) => issue.message).join("; "));
  const { email, password, role } = parsed.data;
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const existing = await tx.organiser.findUnique({ where: { email } });
    if (existing && !options.replace) throw new OrganiserInputError(`An organiser with the email ${email} already exists.`);
    const organiser = existing
      ? await tx.organiser.update({ where: { id: existing.id }, data: { passwordHash, role, isActive: true } })
      : await tx.organiser.create({ data: { email, passwordHash, role } });
    await writeAudit(tx, null, {
      action: existing ? "organiser.reset" : "organiser.create",
      target: `organiser:${organiser.id}`,
      actorEmail: "cli",
      before: existing ? { role: existing.role, isActive: existing.isActive } : undefined,
      after: { email, role },
    });
    return { id: organiser.id, email: organiser.email, role: organiser.role as OrganiserRole };
  });
}

/** The organiser a session names, if the account still exists and is active; the role comes from here, not the cookie. */
export async function getActiveOrganiser(db: Db, id: number): Promise<Actor | null> {
  const organiser = await db.organiser.findUnique({ where: { id }, select: { id: true, email: true, role: true, isActive: true } });
  if (!organiser || !organiser.isActive || !isOrganiserRole(organiser.role)) return null;
  return { id: organiser.id, email: organiser.email, role: organiser.role };
}

export async function setOrganiserActive(db: Db, actor: Actor | null, id: number, isActive: boolean) {
  return db.$transaction(async (tx) => {
    const before = await tx.organiser.findUniqueOrThrow({ where: { id } });
    await tx.organiser.update({ where: { id }, data: { isActive } });
    await writeAudit(tx, actor, { action: isActive ? "organiser.enable" : "organiser.disable", target: `organiser:${id}`, before: { isActive: before.isActive }, after: { isActive } });
  });
}

export const SIGN_IN_LIMITS = {
  // Per account: enough for typos, far too few for guessing.
  email: { limit: 5, windowMs: 15 * 60_000 },
  // Per client: an office behind one address can still sign in; one machine cannot spray many accounts.
  client: { limit: 20, windowMs: 15 * 60_000 },
} satisfies Record<string, RateLimitPolicy>;

export interface SignInRequest {
  email: string;
  password: string;
  /** Whatever identifies the client (an address); only its keyed hash is stored. */
  client: string;
  secret: string;
  now?: Date;
}

export type SignInResult =
  | { ok: true; organiser: Actor }
  | { ok: false; reason: "invalid"; message: string }
  | { ok: false; reason: "rate-limited"; message: string; retryAfterSeconds: number };

export async function signIn(db: Db, request: SignInRequest): Promise<SignInResult> {
  const now = request.now ?? new Date();
  const email = request.email.trim().toLowerCase();
  const emailKey = `sign-in:email:${keyedHash(request.secret, "sign-in-email", email)}`;
  const clientKey = `sign-in:client:${keyedHash(request.secret, "sign-in-client", request.client)}`;
  const [byEmail, byClient] = await Promise.all([
    peekRateLimit(db, emailKey, SIGN_IN_LIMITS.email, now),
    peekRateLimit(db, clientKey, SIGN_IN_LIMITS.client, now),
  ]);
  if (byEmail.isLimited || byClient.isLimited) {
    const retryAfterSeconds = Math.max(byEmail.isLimited ? byEmail.retryAfterSeconds : 0, byClient.isLimited ? byClient.retryAfterSeconds : 0);
    await writeAudit(db, null, { action: "sign-in", target: emailKey, outcome: "denied", after: { reason: "rate-limited" } });
    return { ok: false, reason: "rate-limited", message: tooManyAttemptsMessage(retryAfterSeconds), retryAfterSeconds };
  }

  const organiser = await db.organiser.findUnique({ where: { email } });
  // An unknown email still costs one argon2 verification, so timing does not tell which emails exist.
  const isPasswordCorrect = await verifyPassword(organiser?.passwordHash ?? (await getDummyHash()), request.password);
  if (organiser && organiser.isActive && isOrganiserRole(organiser.role) && isPasswordCorrect) {
    await clearRateLimit(db, emailKey);
    // Housekeeping on the rare successful path keeps the table to live windows without a cron job.
    await purgeExpiredRateLimits(db, now);
    await writeAudit(db, { id: organiser.id, email: organiser.email, role: organiser.role }, { action: "sign-in", target: `organiser:${organiser.id}` });
    return { ok: true, organiser: { id: organiser.id, email: organiser.email, role: organiser.role } };
  }
  await hitRateLimit(db, emailKey, SIGN_IN_LIMITS.email, now);
  await hitRateLimit(db, clientKey, SIGN_IN_LIMITS.client, now);
  // The email is recorded only as its keyed hash: a typo'd password pasted into the email field stays private.
  await writeAudit(db, null, { action: "sign-in", target: emailKey, outcome: "failed" });
  return { ok: false, reason: "invalid", message: SIGN_IN_FAILED_MESSAGE };
}
