// Server-side access checks, used at the top of every /admin page and server action.
// The database decides who is signed in and in which role; the cookie only says which organiser to look up.
import "server-only";
import { forbidden, redirect, unauthorized } from "next/navigation";
import { headers } from "next/headers";
import { recordDenied, type Actor } from "../db/admin-audit";
import { getActiveOrganiser } from "../db/admin-organisers";
import { getDatabase } from "../db/client";
import { isSameOriginRequest } from "./origin";
import { hasRole, type OrganiserRole } from "./roles";
import { getSession, isSessionFresh } from "./session";

export const SIGN_IN_PATH = "/admin/sign-in";

/** The signed-in organiser of this request, or null (no cookie, forged or expired cookie, disabled account). */
export async function getCurrentOrganiser(): Promise<Actor | null> {
  const session = await getSession((await headers()).get("host"));
  if (!session || !isSessionFresh(session)) return null;
  return getActiveOrganiser(getDatabase().db, session.organiserId, session.version);
}

/** For pages: anonymous visitors go to the sign-in page, organisers without the role get the 403 page. */
export async function requireOrganiser(role: OrganiserRole = "analyst", page = "admin"): Promise<Actor> {
  const organiser = await getCurrentOrganiser();
  if (!organiser) redirect(SIGN_IN_PATH);
  if (!hasRole(organiser.role, role)) {
    await recordDenied(getDatabase().db, organiser, `view:${page}`, null, `needs role ${role}`);
    forbidden();
  }
  return organiser;
}

/**
 * For server actions: a cross-site post is refused (403) even before the session is read, anonymous callers get
 * 401, organisers without the role 403 — each denial of a known organiser lands in the audit log.
 */
export async function requireOrganiserForAction(role: OrganiserRole, action: string): Promise<Actor> {
  // Next.js already compares Origin with Host for server actions; this also covers a missing Origin with a
  // cross-site Sec-Fetch-Site and keeps the rule in one place for route handlers and actions alike.
  if (!isSameOriginRequest(await headers())) {
    await recordDenied(getDatabase().db, null, action, null, "cross-site request");
    forbidden();
  }
  const organiser = await getCurrentOrganiser();
  if (!organiser) unauthorized();
  if (!hasRole(organiser.role, role)) {
    await recordDenied(getDatabase().db, organiser, action, null, `needs role ${role}`);
    forbidden();
  }
  return organiser;
}
