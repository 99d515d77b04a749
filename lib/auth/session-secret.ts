// The secret that seals session cookies and keys the rate limiter's hashes. SESSION_SECRET wins; on SQLite
// without it, one is generated once and kept beside the database file (mode 0600), so `npm start` needs no
// configuration. On PostgreSQL several instances must share one secret, so it has to be set explicitly.
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { databaseKind } from "../env";

export type SessionSecretResult = { ok: true; secret: string; source: "env" | "file" } | { ok: false; message: string };

export const MISSING_SECRET_MESSAGE =
  "Organiser sign-in is disabled: set SESSION_SECRET (at least 32 characters, the same on every instance) when the database is PostgreSQL, then restart.";

export function sessionSecretFile(sqliteUrl: string): string {
  const path = sqliteUrl.slice("file:".length).replace(/\?.*$/, "");
  return join(dirname(path), "session-secret");
}

function readSecretFile(file: string): string | null {
  try {
    const secret = readFileSync(file, "utf8").trim();
    return secret.length >= 32 ? secret : null;
  } catch {
    return null;
  }
}

export function resolveSessionSecret(env: { DATABASE_URL: string; SESSION_SECRET?: string }): SessionSecretResult {
  if (env.SESSION_SECRET) return { ok: true, secret: env.SESSION_SECRET, source: "env" };
  if (databaseKind(env.DATABASE_URL) !== "sqlite") return { ok: false, message: MISSING_SECRET_MESSAGE };
  const file = sessionSecretFile(env.DATABASE_URL);
  const existing = readSecretFile(file);
  if (existing) return { ok: true, secret: existing, source: "file" };
  try {
    // "wx" fails if another process created the file first; then that process's secret is the one to use.
    writeFileSync(file, `${randomBytes(48).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
      return { ok: false, message: `Organiser sign-in is disabled: cannot write ${file} (${(error as Error).message}); set SESSION_SECRET instead.` };
    }
  }
  const created = readSecretFile(file);
  return created ? { ok: true, secret: created, source: "file" } : { ok: false, message: `Organiser sign-in is disabled: ${file} holds no usable secret; delete it or set SESSION_SECRET.` };
}
