// The one Prisma client, chosen by DATABASE_URL: a SQLite file by default, PostgreSQL by URL. getDatabase() is
// the app's only way to it; scripts and tests open their own with createDb().
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseKind, getEnv, type DatabaseKind } from "../env";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { closeAppSubmissionThread } from "./submission-thread";

// Both generated clients have the same models and methods; the SQLite one's type stands for both.
export type Db = SqliteClient;
/** The client inside an interactive transaction. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** A client with what the few dialect-specific queries need to know: which database it talks to. */
export interface DbHandle {
  db: Db;
  kind: DatabaseKind;
  url: string;
}

/** Absolute path of a `file:` URL, relative paths resolved against the working directory. */
export function sqliteFilePath(url: string): string {
  return resolve(url.slice("file:".length).replace(/\?.*$/, ""));
}

/** SQLite's busy timeout: another connection holding the write lock is waited for this long, not an error. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/** What the client needs of an adapter factory: the public part of the SQLite adapter's. */
type SqliteAdapterFactory = Pick<PrismaBetterSQLite3, "provider" | "adapterName" | "connect">;

/**
 * The SQLite adapter, with every connection it opens set to synchronous=FULL. better-sqlite3 is built with
 * SQLITE_DEFAULT_WAL_SYNCHRONOUS=1: in WAL mode a commit is then not synced, and a power loss could undo answers
 * already acknowledged. FULL syncs the WAL at every commit. The setting is per connection, so it is applied to
 * each one as it is opened, through the adapter's public executeScript.
 */
function durableSqliteAdapter(url: string): SqliteAdapterFactory {
  const file = sqliteFilePath(url);
  mkdirSync(dirname(file), { recursive: true });
  const factory = new PrismaBetterSQLite3({ url: `file:${file}`, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      await adapter.executeScript("PRAGMA synchronous = FULL");
      return adapter;
    },
  };
}

// A response's record key (the cell key method, docs/privacy.md) is read by the counting queries' SQL only: no
// Prisma query returns it, so no page, export or API answer built from one can carry it.
const omit = { response: { recordKey: true } } as const;

export function createDb(url: string): DbHandle {
  const kind = databaseKind(url);
  // The omission changes only what queries return; the client's type stays the shared Db.
  const db =
    kind === "sqlite"
      ? (new SqliteClient({ adapter: durableSqliteAdapter(url), omit }) as unknown as Db)
      : (new PostgresClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }), omit }) as unknown as Db);
  kindOfClient.set(db, kind);
  return { db, kind, url };
}

// Which database each client createDb made talks to, for the write steps that differ between the two and are
// handed only a client (a transaction's first statement, folding new answers into the totals). Kept on globalThis
// like the app's client below: a route bundle evaluating this module again must still know the app's client.
const kindOfClient = ((globalThis as unknown as { censusClientKinds?: WeakMap<Db, DatabaseKind> }).censusClientKinds ??=
  new WeakMap<Db, DatabaseKind>());

/** The database a client made by createDb talks to. */
export function databaseKindOf(db: Db): DatabaseKind {
  const kind = kindOfClient.get(db);
  if (!kind) throw new Error("databaseKindOf: this client was not made by createDb");
  return kind;
}

const globalForDb = globalThis as unknown as { censusDatabase?: DbHandle };

/**
 * The app's database, opened on first use. Kept on globalThis so that Next.js, which may evaluate this module once
 * per route bundle and again on every hot reload, still opens one client (one SQLite connection, one PostgreSQL pool).
 */
export function getDatabase(): DbHandle {
  globalForDb.censusDatabase ??= createDb(getEnv().DATABASE_URL);
  return globalForDb.censusDatabase;
}

/**
 * Closes the app's database and forgets it, the submission thread's client included: the next getDatabase() opens
 * DATABASE_URL afresh (tests that switch databases).
 */
export async function closeDatabase(): Promise<void> {
  const open = globalForDb.censusDatabase;
  globalForDb.censusDatabase = undefined;
  await Promise.all([open?.db.$disconnect(), closeAppSubmissionThread()]);
}
