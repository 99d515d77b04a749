// No secret or server-only code reaches the browser: grep every built client chunk (npm test builds first).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

// Names of secrets and server-side fields; any of them in a client chunk means server code or config leaked.
const FORBIDDEN = [
  "SESSION_SECRET",
  "EXPORT_TOKEN",
  "DATABASE_URL",
  "TEST_POSTGRES_URL",
  "passwordHash",
  "editTokenHash",
  "better-sqlite3",
  "PrismaClient",
  "@node-rs/argon2",
  "postgresql://",
];

describe("the client bundle", () => {
  it("contains no secret, environment variable name or server-only module", () => {
    const dir = join(process.cwd(), ".next", "static");
    expect(existsSync(dir), "run `next build` first").toBe(true);
    const chunks = files(dir).filter((file) => file.endsWith(".js"));
    expect(chunks.length).toBeGreaterThan(0);
    const leaks: string[] = [];
    for (const chunk of chunks) {
      const text = readFileSync(chunk, "utf8");
      for (const word of FORBIDDEN) if (text.includes(word)) leaks.push(`${word} in ${chunk}`);
    }
    expect(leaks).toEqual([]);
  });

  it("holds no server source file: worker threads are bundled, never copied as assets", () => {
    const sources = files(join(process.cwd(), ".next", "static")).filter((file) => /\.(ts|tsx|mts|cts)$/.test(file));
    expect(sources).toEqual([]);
  });
});
