// The one Prisma client, chosen by DATABASE_URL: a SQLite file by default, PostgreSQL by URL.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseKind, getEnv, type DatabaseKind } from "../env";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";

// Both generated clients have the same models and methods; the SQLite one's type stands for both.
export type Db = SqliteClient;

export interface DbHandle {
  db: Db;
  kind: DatabaseKind;
  url: string;
}

/** Absolute path of a `file:` URL, relative paths resolved against the working directory. */
export function sqliteFilePath(url: string): string {
  return resolve(url.slice("file:".length).replace(/\?.*$/, ""));
}

/**
 * better-sqlite3 is built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1: in WAL mode a commit is then not synced, and a
 * power loss can undo answers already acknowledged. synchronous=FULL syncs the WAL at every commit.
 */
class DurableSqliteAdapter extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript("PRAGMA synchronous = FULL");
    return adapter;
  }
}

export function createDb(url: string): DbHandle {
  const kind = databaseKind(url);
  if (kind === "sqlite") {
    const file = sqliteFilePath(url);
    mkdirSync(dirname(file), { recursive: true });
    // timeout is SQLite's busy timeout: another process holding the write lock is waited for, not an error.
    const adapter = new DurableSqliteAdapter({ url: `file:${file}`, timeout: 10_000 });
    return { db: new SqliteClient({ adapter }), kind, url };
  }
  const adapter = new PrismaPg({ connectionString: url, max: 10 });
  return { db: new PostgresClient({ adapter }) as unknown as Db, kind, url };
}

const globalForDb = globalThis as unknown as { censusDb?: DbHandle };

/** The process-wide client; reused across Next.js hot reloads instead of opening a new pool each time. */
export function getDbHandle(): DbHandle {
  globalForDb.censusDb ??= createDb(getEnv().DATABASE_URL);
  return globalForDb.censusDb;
}

export function getDb(): Db {
  return getDbHandle().db;
}
