// Where counting statements run. Counting a round reads every one of its rows; the app's other reads are
// indexed lookups of a few rows. The two are kept apart: lookups go through the request thread's Prisma client,
// counts through a ReadPool, named explicitly by every counting function (lib/db/summary-queries.ts).
// - SQLite: worker threads with read-only connections (lib/db/read-pool-sqlite.ts), because the driver is
//   synchronous and a count on the request thread stalls every other request;
// - PostgreSQL: a small pool of read-only connections of its own, so counts never take the connections that
//   submissions and health checks need.
import pg from "pg";
import { databaseKind, getEnv, type DatabaseKind } from "../env";
import { sqliteFilePath, type Db } from "./client";
import type { Prisma } from "./generated/sqlite/client";
import type { ReadPool } from "./read-pool-contract";
import { defaultSqliteReadThreads, SqliteReadPool } from "./read-pool-sqlite";
import { RecountGate } from "./recount-gate";

export interface ReadPoolOptions {
  /** Threads (SQLite) or connections (PostgreSQL). Default: one fewer than the cores on SQLite, 3 on PostgreSQL. */
  size?: number;
}

const POSTGRES_READ_CONNECTIONS = 3;

export function openReadPool(database: { kind: DatabaseKind; url: string }, options: ReadPoolOptions = {}): ReadPool {
  if (database.kind === "sqlite")
    return new SqliteReadPool({ file: sqliteFilePath(database.url), busyTimeoutMs: 10_000 }, options.size ?? defaultSqliteReadThreads());
  const size = options.size ?? POSTGRES_READ_CONNECTIONS;
  const pool = new pg.Pool({
    connectionString: database.url,
    max: size,
    // A counting connection cannot write, whatever it is sent.
    options: "-c default_transaction_read_only=on",
    // Idle connections do not keep a script running.
    allowExitOnIdle: true,
  });
  // A connection the server ends while it is idle here (a restart, an idle timeout) is reported by the pool, which
  // has already dropped it; the next count opens another. Unheard, the event would end the process.
  pool.on("error", (error) => console.warn(`upstream-census: a counting connection was closed: ${error.message}`));
  return {
    size,
    async all<T>(statement: Prisma.Sql) {
      return (await pool.query(statement.text, statement.values)).rows as T[];
    },
    close: () => pool.end(),
  };
}

/**
 * The same interface over the client's own $queryRaw, on the calling thread: the reference the pools are
 * tested against, and the baseline of the read-load benchmark. Not what the app serves with.
 */
export function inThreadReads(db: Db): ReadPool {
  return {
    size: 1,
    all: <T>(statement: Prisma.Sql) => db.$queryRaw<T[]>(statement),
    close: async () => undefined,
  };
}

/** Where counts run, and the bound on how many summary parts are counted at once (one slot per thread or connection). */
export interface Counting {
  reads: ReadPool;
  recounts: RecountGate;
}

export function openCounting(database: { kind: DatabaseKind; url: string }, options: ReadPoolOptions = {}): Counting {
  const reads = openReadPool(database, options);
  return { reads, recounts: new RecountGate(reads.size) };
}

const globalForCounting = globalThis as unknown as { censusCounting?: Counting };

/** The process's counting for DATABASE_URL, started on first use and reused across Next.js hot reloads. */
export function getCounting(): Counting {
  const url = getEnv().DATABASE_URL;
  globalForCounting.censusCounting ??= openCounting({ kind: databaseKind(url), url });
  return globalForCounting.censusCounting;
}
