import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue, readCatalogueFiles } from "@/lib/db/catalogue";
import { listMigrations, POSTGRES_MIGRATIONS } from "@/lib/db/migrate";
import { prepareDatabase } from "@/lib/db/prepare";
import { CatalogueError } from "@/lib/survey/catalogue-csv";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

const run = promisify(execFile);

async function snapshot(db: TestDatabase["db"]) {
  return {
    categories: await db.category.findMany({ orderBy: { id: "asc" } }),
    projects: await db.project.findMany({ orderBy: { id: "asc" } }),
    aliases: await db.projectAlias.findMany({ orderBy: { id: "asc" } }),
    teams: await db.team.findMany({ orderBy: { id: "asc" } }),
    dependencies: await db.dependency.findMany({ orderBy: { id: "asc" } }),
    rounds: await db.round.findMany({ orderBy: { id: "asc" } }),
  };
}

describeEachDatabase("catalogue load", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.drop());

  it("loads the shipped catalogue and opens a first round offering every project", async () => {
    const files = readCatalogueFiles();
    const slugs = (rows: readonly { slug: string }[]) => rows.map((row) => row.slug).sort();
    expect(slugs(await t.db.project.findMany({ select: { slug: true } }))).toEqual(slugs(files.projects));
    expect(slugs(await t.db.category.findMany({ select: { slug: true } }))).toEqual(slugs(files.categories));
    expect(slugs(await t.db.team.findMany({ select: { slug: true } }))).toEqual(slugs(files.teams));
    expect(await t.db.dependency.count()).toBe(files.dependencies.length);
    expect(files.projects.length * files.teams.length * files.dependencies.length).toBeGreaterThan(0);
    const round = await t.db.round.findFirstOrThrow({ where: { status: "open" } });
    expect(await t.db.roundProject.count({ where: { roundId: round.id } })).toBe(files.projects.length);
    const pip = await t.db.project.findUniqueOrThrow({ where: { slug: "pip" }, include: { aliases: true, category: true } });
    expect(pip.aliases.map((a) => a.alias)).toContain("pypa/pip");
    expect(pip.category.name).toBe("packaging & distribution");
  });

  it("changes nothing when loaded again", async () => {
    const before = await snapshot(t.db);
    const report = await loadCatalogue(t.db, readCatalogueFiles());
    expect(report).toEqual({ created: 0, updated: 0, skipped: [] });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("keeps the slug and id of a renamed entry", async () => {
    const files = readCatalogueFiles();
    const before = await t.db.project.findUniqueOrThrow({ where: { slug: "sqlalchemy" } });
    const renamed = {
      ...files,
      projects: files.projects.map((p) => (p.slug === "sqlalchemy" ? { ...p, name: "SQLAlchemy ORM" } : p)),
    };
    expect(await loadCatalogue(t.db, renamed, { missingOnly: true })).toEqual({ created: 0, updated: 0, skipped: [] });
    // The CSV's alias "sqlalchemy" differs from the new name, so it becomes an alias and old answers still match.
    expect(await loadCatalogue(t.db, renamed)).toEqual({ created: 1, updated: 1, skipped: [] });
    const after = await t.db.project.findUniqueOrThrow({ where: { slug: "sqlalchemy" } });
    expect(after).toMatchObject({ id: before.id, name: "SQLAlchemy ORM", normalizedName: "sqlalchemyorm" });
    await loadCatalogue(t.db, files);
  });

  it("writes nothing when a catalogue file is corrupt", async () => {
    const empty = await createTestDatabase(kind, { catalogue: false });
    try {
      const dir = mkdtempSync(join(tmpdir(), "census-catalogue-"));
      cpSync(join(process.cwd(), "prisma", "catalogue"), dir, { recursive: true });
      const file = join(dir, "openstack-teams.csv");
      writeFileSync(file, readFileSync(file, "utf8") + 'broken,"unterminated\n');
      expect(() => readCatalogueFiles(dir)).toThrow(CatalogueError);
      expect(await empty.db.project.count()).toBe(0);
    } finally {
      await empty.drop();
    }
  });

  it("survives a second preparation of the same database (migrations are applied once)", async () => {
    const before = await t.db.project.count();
    await prepareDatabase(t.url, { missingOnly: true });
    expect(await t.db.project.count()).toBe(before);
  });
});

describe("PostgreSQL migrations", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres", { catalogue: false });
  });
  afterAll(async () => t?.drop());

  it("are recorded in _prisma_migrations the way Prisma records them", async () => {
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT migration_name, checksum, applied_steps_count, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name`,
      );
      const expected = listMigrations(POSTGRES_MIGRATIONS);
      expect(rows.map((r) => r.migration_name)).toEqual(expected.map((m) => m.name));
      expect(rows.map((r) => r.checksum)).toEqual(expected.map((m) => m.checksum));
      for (const row of rows) {
        expect(row.applied_steps_count).toBe(1);
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.rolled_back_at).toBeNull();
      }
    } finally {
      await client.end();
    }
  });
});

describe("SQLite database file", () => {
  it("is created in WAL mode with its migrations applied by prisma migrate deploy", async () => {
    const t = await createTestDatabase("sqlite", { catalogue: false });
    try {
      const raw = new Database(t.url.slice("file:".length), { readonly: true });
      expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
      const names = raw.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL").all();
      expect(names).toHaveLength(listMigrations(join(process.cwd(), "prisma", "migrations")).length);
      raw.close();
    } finally {
      await t.drop();
    }
  });
});

describe("start-up errors", () => {
  const prepare = async (env: Record<string, string>) => {
    try {
      await run("node_modules/.bin/tsx", ["scripts/prepare-db.ts"], { env: { ...process.env, ...env } });
      return { code: 0, stderr: "" };
    } catch (error) {
      const e = error as { code: number; stderr: string };
      return { code: e.code, stderr: e.stderr };
    }
  };
  it.each([
    ["a malformed DATABASE_URL", { DATABASE_URL: "mysql://localhost/census" }, /DATABASE_URL must be a SQLite file URL/],
    ["an unreachable server", { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/census" }, /Cannot reach PostgreSQL/],
  ])("stop on %s with one clear line", async (_name, env, message) => {
    const result = await prepare(env);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
