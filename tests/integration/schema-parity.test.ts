// The SQLite and PostgreSQL schemas describe the same models, and the migrations of each database build exactly
// what its schema describes: the same tables, columns (type and nullability), primary keys and indexes. Two
// schemas and two migration folders are kept by hand; this is what keeps them from drifting apart.
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqliteFilePath } from "@/lib/db/client";
import type { DatabaseKind } from "@/lib/env";
import { readPrismaSchema, type SchemaIndex, type SchemaModel } from "../helpers/prisma-schema";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

const SCHEMA_FILES: Record<DatabaseKind, string> = { sqlite: "prisma/schema.prisma", postgres: "prisma/postgres/schema.prisma" };

// The column type each database gets for a Prisma scalar type, as it reports it.
const COLUMN_TYPES: Record<DatabaseKind, Record<string, string>> = {
  sqlite: { String: "TEXT", Int: "INTEGER", BigInt: "BIGINT", Boolean: "BOOLEAN", DateTime: "DATETIME", Float: "REAL" },
  postgres: {
    String: "text",
    Int: "integer",
    BigInt: "bigint",
    Boolean: "boolean",
    DateTime: "timestamp without time zone",
    Float: "double precision",
  },
};

/** A table as the database describes it, in the schema's terms. */
interface TableShape {
  columns: { name: string; type: string; optional: boolean }[];
  primaryKey: string[];
  indexes: SchemaIndex[];
}

const byName = <T extends { name: string }>(rows: T[]) => rows.sort((a, b) => a.name.localeCompare(b.name));
const sortIndexes = (indexes: SchemaIndex[]) =>
  indexes.sort((a, b) => a.columns.join().localeCompare(b.columns.join()) || Number(a.unique) - Number(b.unique));

function expectedShape(kind: DatabaseKind, model: SchemaModel): TableShape {
  return {
    columns: byName(model.columns.map((c) => ({ name: c.name, type: COLUMN_TYPES[kind][c.type] ?? c.type, optional: c.optional }))),
    primaryKey: model.primaryKey,
    indexes: sortIndexes([...model.indexes]),
  };
}

function sqliteTables(url: string): Map<string, TableShape> {
  const raw = new Database(sqliteFilePath(url), { readonly: true });
  try {
    const names = raw
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`)
      .all() as { name: string }[];
    return new Map(
      names.map(({ name }) => {
        const columns = raw.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string; notnull: number; pk: number }[];
        const indexes = (raw.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number; origin: string }[])
          .filter((index) => index.origin !== "pk")
          .map((index) => ({
            columns: (raw.prepare(`PRAGMA index_info("${index.name}")`).all() as { seqno: number; name: string }[])
              .sort((a, b) => a.seqno - b.seqno)
              .map((column) => column.name),
            unique: index.unique === 1,
          }));
        return [
          name,
          {
            columns: byName(columns.map((c) => ({ name: c.name, type: c.type, optional: c.notnull === 0 && c.pk === 0 }))),
            primaryKey: columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
            indexes: sortIndexes(indexes),
          },
        ];
      }),
    );
  } finally {
    raw.close();
  }
}

async function postgresTables(url: string): Promise<Map<string, TableShape>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ table: string; name: string; type: string; nullable: string }>(`
      SELECT table_name AS "table", column_name AS "name", data_type AS "type", is_nullable AS "nullable"
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`);
    const indexes = await client.query<{ table: string; unique: boolean; primary: boolean; columns: string[] }>(`
      SELECT t.relname AS "table", ix.indisunique AS "unique", ix.indisprimary AS "primary",
        array_agg(a.attname::text ORDER BY k.ord) AS "columns"
      FROM pg_index ix
      JOIN pg_class t ON t.oid = ix.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
      GROUP BY ix.indexrelid, t.relname, ix.indisunique, ix.indisprimary`);
    const tables = new Map<string, TableShape>();
    for (const column of columns.rows) {
      const table = tables.get(column.table) ?? { columns: [], primaryKey: [], indexes: [] };
      table.columns.push({ name: column.name, type: column.type, optional: column.nullable === "YES" });
      tables.set(column.table, table);
    }
    for (const index of indexes.rows) {
      const table = tables.get(index.table)!;
      if (index.primary) table.primaryKey = index.columns;
      else table.indexes.push({ columns: index.columns, unique: index.unique });
    }
    for (const table of tables.values()) {
      byName(table.columns);
      sortIndexes(table.indexes);
    }
    return tables;
  } finally {
    await client.end();
  }
}

describe("the SQLite and PostgreSQL schemas", () => {
  it("describe the same models: fields, types, optionality, keys and indexes", () => {
    const sqlite = readPrismaSchema(SCHEMA_FILES.sqlite);
    const postgres = readPrismaSchema(SCHEMA_FILES.postgres);
    expect({ sqlite: sqlite.provider, postgres: postgres.provider }).toEqual({ sqlite: "sqlite", postgres: "postgresql" });
    expect(sqlite.models.length).toBeGreaterThan(10);
    expect(postgres.models).toEqual(sqlite.models);
  });
});

describeEachDatabase("a migrated database", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind, { catalogue: false });
  });
  afterAll(async () => t?.drop());

  it("has exactly the tables, columns, keys and indexes its schema describes", async () => {
    const { models } = readPrismaSchema(SCHEMA_FILES[kind]);
    const tables = kind === "sqlite" ? sqliteTables(t.url) : await postgresTables(t.url);
    // Not models: the triggers' own tables on PostgreSQL (changes staged until commit, answers pending until a
    // fold) and the view the totals are read through (RoundTotal plus, on PostgreSQL, the pending answers).
    const triggerOnly = new Set(["RoundTotalChange", "RoundTotalPending", "RoundTotalLive"]);
    expect([...tables.keys()].filter((name) => !triggerOnly.has(name)).sort()).toEqual(models.map((model) => model.name).sort());
    for (const model of models) expect({ [model.name]: tables.get(model.name) }).toEqual({ [model.name]: expectedShape(kind, model) });
  });
});
