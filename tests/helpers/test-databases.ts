// Real databases for integration tests: a temporary SQLite file and a fresh PostgreSQL database per test
// file, dropped afterwards. The PostgreSQL server is the one tests/helpers/postgres-server.ts provides (the configured
// one, or a throwaway one started for the run), so the PostgreSQL suite always runs.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, inject } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/prepare";
import type { DatabaseKind } from "@/lib/env";

export const POSTGRES_ADMIN_URL = inject("postgresAdminUrl");
export const TEST_DB_KINDS: DatabaseKind[] = ["sqlite", "postgres"];

export interface TestDatabase {
  kind: DatabaseKind;
  url: string;
  db: Db;
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Load the shipped catalogue and open the first round (default true). */
  catalogue?: boolean;
}

export async function createTestDatabase(kind: DatabaseKind, options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const url = kind === "sqlite" ? createSqliteUrl() : await createPostgresDatabase();
  const report = await prepareDatabase(url, { loadCatalogue: options.catalogue ?? true });
  // Start-up only reports data problems; a test database must start from the complete shipped data.
  if (report && report.problems.length > 0) throw new Error(`catalogue data problems: ${report.problems.join("; ")}`);
  const { db } = createDb(url);
  return {
    kind,
    url,
    db,
    async drop() {
      await db.$disconnect();
      if (kind === "sqlite") rmSync(join(url.slice("file:".length), ".."), { recursive: true, force: true });
      else await dropPostgresDatabase(url);
    },
  };
}

function createSqliteUrl(): string {
  const dir = mkdtempSync(join(tmpdir(), "census-test-"));
  return `file:${join(dir, "census.db")}`;
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function createPostgresDatabase(): Promise<string> {
  const name = `census_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await withAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropPostgresDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** describe() once per database kind, with the kind as the suite's name. */
export function describeEachDatabase(title: string, body: (kind: DatabaseKind) => void): void {
  for (const kind of TEST_DB_KINDS) describe(`${title} [${kind}]`, () => body(kind));
}
