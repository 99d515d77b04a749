// Interactive transactions that read before they write, on both databases. On SQLite two connections write the app's
// file: the request thread's and the submission thread's (lib/db/submission-thread.ts), and an import or the
// retention job may add another. SQLite (WAL) takes one writer at a time, and a transaction that read before another
// connection committed is refused at its first write (SQLITE_BUSY_SNAPSHOT): a long read beside a stream of answers
// would be refused again and again. So every such transaction takes the file's write lock with its first
// statement, a write that changes nothing: it waits there, within SQLite's busy timeout, until no other connection
// is writing, and reads a snapshot nobody can make stale before it commits. (Prisma's adapter begins a deferred
// transaction; this is the same as BEGIN IMMEDIATE, through the client's public API.) PostgreSQL needs no such
// step: READ COMMITTED never fails this way, and rows are locked as they are written.
import { databaseKindOf, type Db, type Tx } from "./client";
import { DatabaseBusy } from "./database-busy";

export interface TransactionOptions {
  /** How long to wait for the connection (SQLite: for the previous transaction on it), in ms. */
  maxWait?: number;
  /** How long the transaction may run, in ms. */
  timeout?: number;
}

/** Take the write lock (SQLite) before anything is read. RateLimit has no triggers, so nothing else runs. */
async function takeWriteLock(tx: Tx): Promise<void> {
  try {
    await tx.$executeRaw`UPDATE "RateLimit" SET "count" = "count" WHERE 1 = 0`;
  } catch (error) {
    throw new DatabaseBusy(error);
  }
}

/** Run `work` in one transaction that holds the write lock from its start (see above). */
export function readWriteTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const locksFirst = databaseKindOf(db) === "sqlite";
  return db
    .$transaction(
      async (tx) => {
        if (locksFirst) await takeWriteLock(tx);
        return work(tx);
      },
      { maxWait: options.maxWait ?? 10_000, timeout: options.timeout ?? 30_000 },
    )
    .catch((error: unknown) => {
      // Prisma's public error code for a transaction that could not start in time (on PostgreSQL: it got a pooled
      // connection only after maxWait; the pool itself waits without limit) or ran past its timeout and was rolled
      // back: either way nothing was written, and the caller may try again.
      if ((error as { code?: unknown } | null)?.code === "P2028") throw new DatabaseBusy(error);
      throw error;
    });
}
