// The one error of the write path that the caller should answer as "busy, try again" rather than as a fault.
// In a module of its own, with no imports: the submission thread's client (submission-thread.ts) rebuilds it from a
// worker's reply, and client.ts, which transactions need, imports that client.

/**
 * A write that could not begin in time, and wrote nothing: another connection held the SQLite file's write lock for
 * the whole busy timeout (lib/db/client.ts), or every connection of the PostgreSQL pool stayed taken for a
 * transaction's whole wait for one (Prisma's P2028, given when a connection comes free after the wait).
 */
export class DatabaseBusy extends Error {
  /** Carried across the submission thread's boundary, where the class itself is lost. */
  static readonly code = "DATABASE_BUSY";
  readonly code = DatabaseBusy.code;
  constructor(cause: unknown) {
    super("the database was too busy to begin this write in time", { cause });
    this.name = "DatabaseBusy";
  }
}
