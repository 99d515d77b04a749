// Signing in from a request: shared by the sign-in page's server action and the POST /api/admin/sign-in route.
import "server-only";
import { writeAudit } from "../db/admin-audit";
import { signIn, type SignInResult } from "../db/admin-organisers";
import { getDatabase } from "../db/client";
import { signInSchema } from "./credentials";
import { clientAddress, type HeaderSource } from "./origin";
import { getSession, getSessionSecret, readSessionFromRequest, type SessionData } from "./session";

export type SignInOutcome = SignInResult | { ok: false; reason: "bad-input" | "unavailable"; message: string };

export async function signInFromRequest(headers: HeaderSource, fields: { email: unknown; password: unknown }): Promise<SignInOutcome> {
  const secret = getSessionSecret();
  if (!secret.ok) return { ok: false, reason: "unavailable", message: secret.message };
  const parsed = signInSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, reason: "bad-input", message: parsed.error.issues[0]?.message ?? "Enter your email and password" };
  const result = await signIn(getDatabase().db, { ...parsed.data, client: clientAddress(headers), secret: secret.secret });
  if (!result.ok) return result;
  const session = await getSession(headers.get("host"));
  if (!session) return { ok: false, reason: "unavailable", message: "Sessions are not available" };
  // Only who and when: the role here is a hint; every request re-reads it from the database.
  session.organiserId = result.organiser.id;
  session.role = result.organiser.role;
  session.issuedAt = Date.now();
  await session.save();
  return result;
}

export async function signOutFromRequest(request: Request): Promise<void> {
  const known: SessionData = await readSessionFromRequest(request);
  const session = await getSession(request.headers.get("host"));
  session?.destroy();
  if (typeof known.organiserId === "number") {
    const organiser = await getDatabase().db.organiser.findUnique({ where: { id: known.organiserId }, select: { id: true, email: true, role: true } });
    if (organiser) await writeAudit(getDatabase().db, organiser, { action: "sign-out", target: `organiser:${organiser.id}` });
  }
}
