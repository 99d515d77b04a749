// The one Prisma client, chosen by DATABASE_URL: a SQLite file by default, PostgreSQL by URL.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";
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
    beginTransactionsImmediately(adapter);
    return adapter;
  }
}

/**
 * Two connections write the app's file: the request thread's and the submission writer thread's
 * (lib/db/submission-thread.ts). A deferred transaction that reads before it writes fails at once with
 * SQLITE_BUSY_SNAPSHOT when the other connection committed in between, and no busy timeout helps. Every
 * transaction the app opens writes, so each takes the write lock at BEGIN, waiting for it within the busy
 * timeout. The adapter opens transactions with a literal "BEGIN" and has no option for this.
 *
 * The adapter takes its own lock before BEGIN and does not release it if BEGIN throws, which a deferred BEGIN
 * never did: an IMMEDIATE one still busy when the timeout runs out would leave the connection locked for good.
 * So that case falls back to a deferred BEGIN, and the transaction's first write then fails on the busy lock
 * and rolls back the ordinary way, releasing the adapter's lock.
 */
function beginTransactionsImmediately(adapter: object): void {
  const database = (adapter as { client?: BetterSqlite3.Database }).client;
  if (!database) throw new Error("the SQLite driver adapter no longer exposes its connection; see beginTransactionsImmediately");
  const prepare = database.prepare.bind(database);
  const begin = {
    run() {
      try {
        return prepare("BEGIN IMMEDIATE").run();
      } catch (error) {
        if (!String((error as { code?: unknown }).code).startsWith("SQLITE_BUSY")) throw error;
        return prepare("BEGIN").run();
      }
    },
  };
  database.prepare = ((source: string) => (source === "BEGIN" ? begin : prepare(source))) as typeof database.prepare;
}

/** SQLite's busy timeout: another connection holding the write lock is waited for this long, not an error. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

interface SqliteOptions {
  sqliteBusyTimeoutMs?: number;
}

/** The adapter factory for a SQLite file, its directory created if missing. */
function sqliteAdapterFactory(url: string, options: SqliteOptions): DurableSqliteAdapter {
  const file = sqliteFilePath(url);
  mkdirSync(dirname(file), { recursive: true });
  return new DurableSqliteAdapter({ url: `file:${file}`, timeout: options.sqliteBusyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS });
}

export function createDb(url: string, options: SqliteOptions = {}): DbHandle {
  const kind = databaseKind(url);
  if (kind === "sqlite") return { db: new SqliteClient({ adapter: sqliteAdapterFactory(url, options) }), kind, url };
  const adapter = new PrismaPg({ connectionString: url, max: 10 });
  return { db: new PostgresClient({ adapter }) as unknown as Db, kind, url };
}

/**
 * One SQLite connection used two ways: by a Prisma client and directly through its driver adapter, which skips
 * the client's query planning for raw statements (lib/db/submission-worker.ts). Both open transactions through
 * the adapter, whose lock keeps them from interleaving on the one connection.
 */
export async function connectSqliteShared(url: string, options: SqliteOptions = {}) {
  const factory = sqliteAdapterFactory(url, options);
  const adapter = await factory.connect();
  const sharedFactory = { provider: "sqlite" as const, adapterName: factory.adapterName, connect: async () => adapter };
  return { adapter, db: new SqliteClient({ adapter: sharedFactory }) };
}

export type SqliteDriverAdapter = Awaited<ReturnType<typeof connectSqliteShared>>["adapter"];

const globalForDb = globalThis as unknown as { censusDb?: DbHandle };

/** The process-wide client; reused across Next.js hot reloads instead of opening a new pool each time. */
export function getDbHandle(): DbHandle {
  globalForDb.censusDb ??= createDb(getEnv().DATABASE_URL);
  return globalForDb.censusDb;
}

export function getDb(): Db {
  return getDbHandle().db;
}
