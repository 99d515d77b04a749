// No secret or server-only code reaches the browser: every file the build serves publicly (all of .next/static,
// chunks, media and anything else) is checked; npm test builds first.
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

// Source files are never public assets: a server module referenced as a URL (a worker entry, say) would be
// copied into static/media and served as it is.
const SOURCE_FILE = /\.(ts|tsx|mts|cts|jsx)$/;
// Binary assets cannot hold a leaked name in readable form; everything else is read as text.
const BINARY_FILE = /\.(png|jpe?g|gif|webp|avif|ico|woff2?|ttf|otf|eot)$/i;

describe("the public assets", () => {
  const dir = join(process.cwd(), ".next", "static");
  const served = () => {
    expect(existsSync(dir), "run `next build` first").toBe(true);
    return files(dir);
  };

  it("contain no secret, environment variable name or server-only module, in any file", () => {
    const assets = served().filter((file) => !BINARY_FILE.test(file));
    expect(assets.filter((file) => file.endsWith(".js")).length).toBeGreaterThan(0);
    const leaks: string[] = [];
    for (const asset of assets) {
      const text = readFileSync(asset, "utf8");
      for (const word of FORBIDDEN) if (text.includes(word)) leaks.push(`${word} in ${asset}`);
    }
    expect(leaks).toEqual([]);
  });

  it("include no source file", () => {
    expect(served().filter((file) => SOURCE_FILE.test(file))).toEqual([]);
  });
});
