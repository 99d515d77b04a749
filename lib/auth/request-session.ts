// Reading an organiser session from a plain Request (route handlers, the raw export), without Next.js request
// APIs, so the same code runs in integration tests. A forged, stale or foreign cookie reads as no session.
import { unsealData } from "iron-session";
import type { Actor } from "../db/admin-audit";
import { endOrganiserSessions, getActiveOrganiser } from "../db/admin-organisers";
import type { Db } from "../db/client";
import { hasRole } from "./roles";

export interface SessionData {
  organiserId?: number;
  role?: string;
  issuedAt?: number;
  /** The organiser's session version when this session was issued; a moved version ends the session. */
  version?: number;
}

export const SESSION_COOKIE = "census_organiser";
export const SESSION_TTL_SECONDS = 8 * 60 * 60;

export function isSessionFresh(session: SessionData, now = Date.now()): session is Required<SessionData> {
  return (
    typeof session.organiserId === "number" &&
    typeof session.issuedAt === "number" &&
    typeof session.version === "number" &&
    now - session.issuedAt < SESSION_TTL_SECONDS * 1000 &&
    session.issuedAt <= now + 60_000
  );
}

export async function readSessionCookie(request: Request, secret: string): Promise<SessionData> {
  const cookie = (request.headers.get("cookie") ?? "")
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) return {};
  try {
    return await unsealData<SessionData>(decodeURIComponent(cookie.slice(SESSION_COOKIE.length + 1)), { password: secret, ttl: SESSION_TTL_SECONDS });
  } catch {
    return {};
  }
}

/** The active organiser a request's cookie names, re-loaded from the database (role and isActive from there). */
export async function findOrganiserForRequest(db: Db, request: Request, secret: string): Promise<Actor | null> {
  const session = await readSessionCookie(request, secret);
  if (!isSessionFresh(session)) return null;
  return getActiveOrganiser(db, session.organiserId, session.version);
}

/** Raw (unsuppressed) responses are for organisers: admins and analysts. */
export async function canExportRaw(db: Db, request: Request, secret: string): Promise<boolean> {
  const organiser = await findOrganiserForRequest(db, request, secret);
  return organiser !== null && hasRole(organiser.role, "analyst");
}

/**
 * "Sign out everywhere else": moves the organiser's session version, which ends every session of the account (other
 * browsers, and any copy of this browser's cookie), and returns this session with the new version, to be sealed
 * into this browser's cookie so that it alone stays signed in (until the end of its 8 hours, as before).
 */
export async function endOtherSessions(db: Db, organiser: Actor, session: SessionData): Promise<SessionData> {
  const version = await endOrganiserSessions(db, organiser, organiser.id, "organiser.sign-out-everywhere");
  return session.organiserId === organiser.id ? { ...session, version } : {};
}
