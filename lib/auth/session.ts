// Organiser sessions: an iron-session cookie (sealed: signed and encrypted) holding only the organiser's id, role
// and when it was issued. Nothing is kept in server memory, so any instance can read any session; the organiser
// is re-loaded from the database on every request (lib/auth/guard.ts), so disabling an account acts at once.
import "server-only";
import { getIronSession, type SessionOptions } from "iron-session";
import { cookies } from "next/headers";
import { getEnv } from "../env";
import { readSessionCookie, SESSION_COOKIE, SESSION_TTL_SECONDS, type SessionData } from "./request-session";
import { resolveSessionSecret, type SessionSecretResult } from "./session-secret";

export { SESSION_COOKIE, SESSION_TTL_SECONDS, isSessionFresh, type SessionData } from "./request-session";

let cachedSecret: SessionSecretResult | undefined;
export function getSessionSecret(): SessionSecretResult {
  if (!cachedSecret?.ok) cachedSecret = resolveSessionSecret(getEnv());
  return cachedSecret;
}

// Browsers treat http://localhost as secure, but a Secure cookie over plain http to 127.0.0.1 is refused by some;
// production elsewhere is expected behind TLS, where the cookie must never travel in clear.
function isSecureCookie(host: string | null): boolean {
  if (getEnv().NODE_ENV !== "production") return false;
  const name = (host ?? "").replace(/:\d+$/, "");
  return !["localhost", "127.0.0.1", "[::1]"].includes(name);
}

export function sessionOptions(secret: string, host: string | null): SessionOptions {
  return {
    cookieName: SESSION_COOKIE,
    password: secret,
    ttl: SESSION_TTL_SECONDS,
    cookieOptions: { httpOnly: true, sameSite: "lax", secure: isSecureCookie(host), path: "/" },
  };
}

/** The session of the current request, or null when sessions cannot be sealed (no secret on PostgreSQL). */
export async function getSession(host: string | null) {
  const secret = getSessionSecret();
  if (!secret.ok) return null;
  return getIronSession<SessionData>(await cookies(), sessionOptions(secret.secret, host));
}

/** Read a session from a plain Request (route handlers, the export route); a forged or stale cookie reads as empty. */
export async function readSessionFromRequest(request: Request): Promise<SessionData> {
  const secret = getSessionSecret();
  return secret.ok ? readSessionCookie(request, secret.secret) : {};
}
