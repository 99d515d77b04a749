// Interactive transactions that read before they write. The app itself writes a SQLite file through one
// connection, whose transactions Prisma's adapter runs one at a time; another process writing the same file (an
// import, the retention job, a second instance in tests) is what such a transaction can collide with. SQLite (WAL)
// then refuses its first write at once instead of waiting: SQLITE_BUSY while the other holds the write lock,
// SQLITE_BUSY_SNAPSHOT when the other committed after this transaction's first read. Nothing was written by then,
// so the transaction is run again from the start, after a short pause, until SQLite's own busy timeout has passed.
// PostgreSQL's default READ COMMITTED never fails this way.
import type { Db, Tx } from "./client";

/** As long as SQLite's busy timeout (lib/db/client.ts): a write never waits longer for another connection. */
const GIVE_UP_AFTER_MS = 10_000;

export interface TransactionOptions {
  /** How long to wait for the connection (SQLite: for the previous transaction on it), in ms. */
  maxWait?: number;
  /** How long the transaction may run, in ms. */
  timeout?: number;
}

/**
 * The other connection's write lock or commit got in the way. Prisma reports SQLite's busy lock as P1008
 * ("operation has timed out") and a stale snapshot with SQLite's own extended code, both in the public `code` of
 * its PrismaClientKnownRequestError.
 */
export function isWriteCollision(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === "SQLITE_BUSY_SNAPSHOT" || code === "P1008";
}

const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.min(100, 5 * attempt) * (0.5 + Math.random())));

/**
 * Run `work` again from the start, after a short pause, while it collides with another connection's write: a
 * statement or transaction refused that way wrote nothing. Gives up after SQLite's own busy timeout.
 */
export async function retryWriteCollisions<T>(work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isWriteCollision(error) || Date.now() - started >= GIVE_UP_AFTER_MS) throw error;
      await pause(attempt);
    }
  }
}

/** Run `work` in one transaction, again from the start while it collides with another connection's write. */
export function readWriteTransaction<T>(
  db: Db,
  work: (tx: Tx) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  return retryWriteCollisions(() =>
    db.$transaction(work, { maxWait: options.maxWait ?? 10_000, timeout: options.timeout ?? 30_000 }),
  );
}
