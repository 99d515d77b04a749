// `npm test` on a machine with no PostgreSQL running: the suites' global setup (tests/helpers/postgres-server.ts)
// must start a throwaway real server, hand out a working admin URL, and leave nothing running or on disk after.
// Run here even where a server answers, so the path a fresh machine takes is exercised on every run.
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import type { TestProject } from "vitest/node";
import { freePort } from "../helpers/app-server";

const configured = process.env.TEST_POSTGRES_URL;
afterAll(() => {
  if (configured === undefined) delete process.env.TEST_POSTGRES_URL;
  else process.env.TEST_POSTGRES_URL = configured;
});

const dataDirectories = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith("census-postgres-")));

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

it("starts a throwaway PostgreSQL when none answers at TEST_POSTGRES_URL, and removes it afterwards", async () => {
  process.env.TEST_POSTGRES_URL = `postgresql://postgres@127.0.0.1:${await freePort()}/postgres`;
  const { default: setup } = await import("../helpers/postgres-server");
  const before = dataDirectories();
  let adminUrl: string | undefined;
  // The one method of Vitest's project the setup uses.
  const project = { provide: (_key: string, value: string) => void (adminUrl = value) } as unknown as TestProject;
  const teardown = await setup(project);
  expect(teardown).toBeTypeOf("function");
  expect(adminUrl).toMatch(/^postgresql:\/\/postgres:postgres@127\.0\.0\.1:\d+\/postgres$/);
  try {
    // A real server that can do what every test file does: create and drop its own database.
    expect(await query(adminUrl!, "SELECT current_setting('server_version_num')::int >= 170000 AS recent")).toEqual([{ recent: true }]);
    await query(adminUrl!, 'CREATE DATABASE "census_fallback_check"');
    await query(adminUrl!, 'DROP DATABASE "census_fallback_check"');
    expect([...dataDirectories()].filter((name) => !before.has(name))).toHaveLength(1);
  } finally {
    await teardown!();
  }
  await expect(query(adminUrl!, "SELECT 1")).rejects.toThrow();
  expect([...dataDirectories()].filter((name) => !before.has(name))).toEqual([]);
});
