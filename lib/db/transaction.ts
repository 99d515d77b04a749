// Interactive transactions that read before they write, on both databases. On SQLite two connections write the app's
// file: the request thread's and the submission thread's (lib/db/submission-thread.ts), and an import or the
// retention job may add another. SQLite (WAL) takes one writer at a time, and a transaction that read before another
// connection committed is refused at its first write (SQLITE_BUSY_SNAPSHOT): a long read beside a stream of answers
// would be refused again and again. So every such transaction takes the file's write lock with its first
// statement, a write that changes nothing: it waits there, within SQLite's busy timeout, until no other connection
// is writing, and reads a snapshot nobody can make stale before it commits. (Prisma's adapter begins a deferred
// transaction; this is the same as BEGIN IMMEDIATE, through the client's public API.)
//
// PostgreSQL runs writers side by side (READ COMMITTED never refuses a transaction this way, and rows are locked as
// they are written), which is right for answers, each of which changes only its own rows. An organiser's change
// that rewrites the rows of many answers at once (moving a project to another category, merging projects, mapping
// free text to a project, undoing those) must not: an answer written, edited or deleted meanwhile is derived from
// the catalogue as it was, or misses rows the organiser's change is writing, and its category rows and the round
// totals go wrong for good (an outsider's run left the rows of deleted answers counted, 40 times in 40 tries). So
// on PostgreSQL every transaction here first takes the answers' table in ROW EXCLUSIVE mode (writers do not wait for
// each other), and one that rewrites answers takes it, and their selections' table, in EXCLUSIVE mode: it waits for
// the writers in flight, and writers arriving meanwhile wait for it, before anything is read; plain reads never
// wait. Every writer taking its first lock on the same table is also what keeps the two from deadlocking.
import { databaseKindOf, type Db, type Tx } from "./client";
import { DatabaseBusy } from "./database-busy";

export interface TransactionOptions {
  /** How long to wait for the connection (SQLite: for the previous transaction on it), in ms. */
  maxWait?: number;
  /** How long the transaction may run, in ms. */
  timeout?: number;
  /** It rewrites the rows of many answers at once (an organiser's catalogue change): no answer is written meanwhile. */
  rewritesAnswers?: boolean;
}

/** Take the write lock (SQLite) before anything is read. RateLimit has no triggers, so nothing else runs. */
async function takeWriteLock(tx: Tx): Promise<void> {
  try {
    await tx.$executeRaw`UPDATE "RateLimit" SET "count" = "count" WHERE 1 = 0`;
  } catch (error) {
    throw new DatabaseBusy(error);
  }
}

/** PostgreSQL: take the answers' tables for a writer (see above), waiting within the transaction's timeout. */
async function lockAnswers(tx: Tx, rewritesAnswers: boolean): Promise<void> {
  if (rewritesAnswers) await tx.$executeRaw`LOCK TABLE "Response", "ResponseProject" IN EXCLUSIVE MODE`;
  else await tx.$executeRaw`LOCK TABLE "Response" IN ROW EXCLUSIVE MODE`;
}

/** Run `work` in one transaction that holds its write lock from its start (see above). */
export function readWriteTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const isSqlite = databaseKindOf(db) === "sqlite";
  return db
    .$transaction(
      async (tx) => {
        if (isSqlite) await takeWriteLock(tx);
        else await lockAnswers(tx, options.rewritesAnswers ?? false);
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
