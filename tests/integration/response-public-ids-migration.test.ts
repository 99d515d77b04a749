// Upgrading a database that holds responses from before the public id existed: every stored response keeps
// its id as its public id too, so files exported earlier and organisers' links still name the same response.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getResponseForOrganiser } from "@/lib/db/admin-responses";
import { createDb, type Db } from "@/lib/db/client";
import { listMigrations, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from "@/lib/db/migrate";
import type { DatabaseKind } from "@/lib/env";
import { describeEachDatabase, POSTGRES_ADMIN_URL } from "../helpers/test-databases";

const PUBLIC_IDS = "20261202030000_response_public_ids";

/** Plain SQL on an unprepared database of either kind, so migrations can be applied one at a time. */
interface RawDatabase {
  url: string;
  run(sql: string, params?: unknown[]): Promise<void>;
  rows<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

async function openRaw(kind: DatabaseKind): Promise<RawDatabase> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "census-upgrade-"));
    const file = join(dir, "census.db");
    const db = new Database(file);
    return {
      url: `file:${file}`,
      async run(sql, params) {
        if (params) db.prepare(sql).run(...params);
        else db.exec(sql);
      },
      async rows<T>(sql: string) {
        return db.prepare(sql).all() as T[];
      },
      async close() {
        db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `census_upgrade_${process.pid}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    url: url.toString(),
    async run(sql, params) {
      await client.query(sql, params);
    },
    async rows<T>(sql: string) {
      return (await client.query(sql)).rows as T[];
    },
    async close() {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

describeEachDatabase("upgrading to public response ids", (kind) => {
  let raw: RawDatabase;
  let db: Db | undefined;
  const oldIds = [randomUUID(), randomUUID()];
  const placeholder = (n: number) => (kind === "sqlite" ? "?" : `$${n}`);

  beforeAll(async () => {
    raw = await openRaw(kind);
    const migrations = listMigrations(kind === "sqlite" ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS);
    const upgrade = migrations.findIndex((m) => m.name === PUBLIC_IDS);
    expect(upgrade).toBeGreaterThan(0);
    for (const migration of migrations.slice(0, upgrade)) await raw.run(migration.sql);

    // Two responses as the previous schema stored them, one with a selection.
    const p = placeholder;
    await raw.run(`INSERT INTO "Category" ("slug", "name") VALUES ('virt', 'Virtualisation')`);
    await raw.run(`INSERT INTO "Project" ("slug", "name", "normalizedName", "categoryId", "updatedAt") VALUES ('qemu', 'QEMU', 'qemu', 1, CURRENT_TIMESTAMP)`);
    await raw.run(`INSERT INTO "Round" ("slug", "title", "status", "questions", "updatedAt") VALUES ('r1', 'R1', 'open', '{}', CURRENT_TIMESTAMP)`);
    for (const id of oldIds) {
      await raw.run(
        `INSERT INTO "Response" ("id", "roundId", "editTokenHash", "projectCount", "updatedAt") VALUES (${p(1)}, 1, ${p(2)}, 1, CURRENT_TIMESTAMP)`,
        [id, `hash-${id}`],
      );
      await raw.run(
        `INSERT INTO "ResponseProject" ("responseId", "roundId", "projectId", "frequency") VALUES (${p(1)}, 1, 1, 'once')`,
        [id],
      );
    }
    await raw.run(migrations[upgrade]!.sql);
    // The client speaks today's schema, so the later migrations follow, as on a real upgrade.
    for (const migration of migrations.slice(upgrade + 1)) await raw.run(migration.sql);
    db = createDb(raw.url).db;
  });
  afterAll(async () => {
    await db?.$disconnect();
    await raw?.close();
  });

  it("gives every stored response its own id as its public id, children untouched", async () => {
    const rows = await raw.rows<{ id: string; publicId: string }>(`SELECT "id", "publicId" FROM "Response" ORDER BY "id"`);
    expect(rows).toEqual([...oldIds].sort().map((id) => ({ id, publicId: id })));
    for (const id of oldIds) {
      const found = await getResponseForOrganiser(db!, id);
      expect(found?.publicId).toBe(id);
      expect(found?.projects.map((s) => s.project.slug)).toEqual(["qemu"]);
    }
  });

  it("refuses a public id already taken, and a row written without one", async () => {
    const p = placeholder;
    const insert = (id: string, publicId: string | null) =>
      publicId === null
        ? raw.run(`INSERT INTO "Response" ("id", "roundId", "editTokenHash", "updatedAt") VALUES (${p(1)}, 1, ${p(2)}, CURRENT_TIMESTAMP)`, [id, `hash-${id}`])
        : raw.run(
            `INSERT INTO "Response" ("id", "publicId", "roundId", "editTokenHash", "updatedAt") VALUES (${p(1)}, ${p(2)}, 1, ${p(3)}, CURRENT_TIMESTAMP)`,
            [id, publicId, `hash-${id}`],
          );
    await expect(insert(randomUUID(), oldIds[0]!)).rejects.toThrow(/unique|duplicate/i);
    if (kind === "postgres") {
      await expect(insert(randomUUID(), null)).rejects.toThrow(/null/i);
    } else {
      // SQLite can only add the column with a default; the blank it gets is taken by the first such row.
      await insert(randomUUID(), null);
      await expect(insert(randomUUID(), null)).rejects.toThrow(/unique/i);
    }
  });
});
