// Organiser accounts and their sessions. The password never leaves this module except as an argon2id hash
// (signing in: lib/db/admin-sign-in.ts). Each organiser has a session version, sealed into every session cookie
// and compared on every request; moving it ends all of that organiser's sessions at once.
import { createOrganiserSchema, type CreateOrganiserInput } from "../auth/credentials";
import { hashPassword } from "../auth/password";
import { isOrganiserRole, type OrganiserRole } from "../auth/roles";
import { writeAudit, type Actor } from "./admin-audit";
import type { Db } from "./client";
import { readWriteTransaction } from "./transaction";

export class OrganiserInputError extends Error {
  override name = "OrganiserInputError";
}

/** Create (or, with `replace`, reset the password and role of) an organiser; a reset ends the old sessions. */
export async function createOrganiser(db: Db, input: CreateOrganiserInput, options: { replace?: boolean } = {}) {
  const parsed = createOrganiserSchema.safeParse(input);
  if (!parsed.success) throw new OrganiserInputError(parsed.error.issues.map((issue) => issue.message).join("; "));
  const { email, password, role } = parsed.data;
  const passwordHash = await hashPassword(password);
  return readWriteTransaction(db, async (tx) => {
    const existing = await tx.organiser.findUnique({ where: { email } });
    if (existing && !options.replace) throw new OrganiserInputError(`An organiser with the email ${email} already exists.`);
    const organiser = existing
      ? await tx.organiser.update({ where: { id: existing.id }, data: { passwordHash, role, isActive: true, sessionVersion: { increment: 1 } } })
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

/**
 * The organiser a session names, if the account still exists, is active and the session's version is current;
 * the role comes from here, not the cookie.
 */
export async function getActiveOrganiser(db: Db, id: number, sessionVersion: number): Promise<Actor | null> {
  const organiser = await db.organiser.findUnique({ where: { id }, select: { id: true, email: true, role: true, isActive: true, sessionVersion: true } });
  if (!organiser || !organiser.isActive || !isOrganiserRole(organiser.role) || organiser.sessionVersion !== sessionVersion) return null;
  return { id: organiser.id, email: organiser.email, role: organiser.role };
}

/**
 * End every session of an organiser: sign-out (a copied cookie must die with the one signed out) and "sign out
 * everywhere" on the account page. `actor` is who did it, for the audit log. Returns the new session version, which
 * the caller may seal into its own cookie to stay signed in.
 */
export async function endOrganiserSessions(db: Db, actor: Actor | null, id: number, action: "sign-out" | "organiser.sign-out-everywhere"): Promise<number> {
  return readWriteTransaction(db, async (tx) => {
    const { sessionVersion } = await tx.organiser.update({ where: { id }, data: { sessionVersion: { increment: 1 } }, select: { sessionVersion: true } });
    await writeAudit(tx, actor, { action, target: `organiser:${id}` });
    return sessionVersion;
  });
}

export async function setOrganiserActive(db: Db, actor: Actor | null, id: number, isActive: boolean) {
  return readWriteTransaction(db, async (tx) => {
    const before = await tx.organiser.findUniqueOrThrow({ where: { id } });
    // Disabling ends the sessions at once; enabling again never revives the old ones.
    await tx.organiser.update({ where: { id }, data: { isActive, sessionVersion: { increment: 1 } } });
    await writeAudit(tx, actor, { action: isActive ? "organiser.enable" : "organiser.disable", target: `organiser:${id}`, before: { isActive: before.isActive }, after: { isActive } });
  });
}
