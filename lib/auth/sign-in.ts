// Signing in and out from a request: shared by the sign-in page's server action and the POST /api/admin/sign-in
// route, the sign-out button and route, and the account page's "sign out everywhere else".
import "server-only";
import { endOrganiserSessions } from "../db/admin-organisers";
import type { Actor } from "../db/admin-audit";
import { signIn, type SignInResult } from "../db/admin-sign-in";
import { getDatabase } from "../db/client";
import { signInSchema } from "./credentials";
import { clientAddressFromHeaders } from "../http/client-address";
import type { HeaderSource } from "./origin";
import { endOtherSessions, findOrganiserForRequest } from "./request-session";
import { getSession, getSessionSecret } from "./session";

export type SignInOutcome = SignInResult | { ok: false; reason: "bad-input" | "unavailable"; message: string };

export async function signInFromRequest(headers: HeaderSource, fields: { email: unknown; password: unknown }): Promise<SignInOutcome> {
  const secret = getSessionSecret();
  if (!secret.ok) return { ok: false, reason: "unavailable", message: secret.message };
  const parsed = signInSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, reason: "bad-input", message: parsed.error.issues[0]?.message ?? "Enter your email and password" };
  const result = await signIn(getDatabase().db, { ...parsed.data, client: clientAddressFromHeaders(headers), secret: secret.secret });
  if (!result.ok) return result;
  const session = await getSession(headers.get("host"));
  if (!session) return { ok: false, reason: "unavailable", message: "Sessions are not available" };
  // Only who and when: the role here is a hint; every request re-reads it from the database.
  session.organiserId = result.organiser.id;
  session.role = result.organiser.role;
  session.issuedAt = Date.now();
  session.version = result.sessionVersion;
  await session.save();
  return result;
}

/**
 * Sign-out ends the organiser's sessions in the database, not only this browser's cookie: a copy of the cookie
 * taken before is refused from then on. The session must still be current to do so (a stale cookie has nothing
 * left to end).
 */
export async function signOutFromRequest(request: Request): Promise<void> {
  const secret = getSessionSecret();
  const organiser = secret.ok ? await findOrganiserForRequest(getDatabase().db, request, secret.secret) : null;
  (await getSession(request.headers.get("host")))?.destroy();
  if (organiser) await endOrganiserSessions(getDatabase().db, organiser, organiser.id, "sign-out");
}

/** The account page's "sign out everywhere else": every other session ends, this browser's cookie is re-sealed. */
export async function signOutEverywhereElse(organiser: Actor, host: string | null): Promise<void> {
  const session = await getSession(host);
  if (!session) return;
  const kept = await endOtherSessions(getDatabase().db, organiser, { ...session });
  if (kept.version === undefined) return session.destroy();
  session.version = kept.version;
  await session.save();
}
