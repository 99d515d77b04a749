import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MISSING_SECRET_MESSAGE, resolveSessionSecret, sessionSecretFile } from "./session-secret";

describe("session secret", () => {
  it("prefers SESSION_SECRET", () => {
    expect(resolveSessionSecret({ DATABASE_URL: "postgresql://h/db", SESSION_SECRET: "x".repeat(32) })).toEqual({ ok: true, secret: "x".repeat(32), source: "env" });
  });

  it("refuses on PostgreSQL without one", () => {
    expect(resolveSessionSecret({ DATABASE_URL: "postgresql://h/db" })).toEqual({ ok: false, message: MISSING_SECRET_MESSAGE });
  });

  it("creates one beside a SQLite file, private to its owner, and keeps it", () => {
    const url = `file:${join(mkdtempSync(join(tmpdir(), "census-secret-")), "census.db")}`;
    const first = resolveSessionSecret({ DATABASE_URL: url });
    expect(first).toMatchObject({ ok: true, source: "file" });
    expect(resolveSessionSecret({ DATABASE_URL: url })).toEqual(first);
    expect(statSync(sessionSecretFile(url)).mode & 0o777).toBe(0o600);
    if (first.ok) expect(first.secret.length).toBeGreaterThanOrEqual(32);
  });
});
