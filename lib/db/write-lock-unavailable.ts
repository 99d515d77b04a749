// The one error of the write path that the caller should answer as "busy, try again" rather than as a fault.
// In a module of its own, with no imports: the submission thread's client (submission-thread.ts) rebuilds it from a
// worker's reply, and client.ts, which transactions need, imports that client.

/** Another connection held the SQLite file's write lock for the whole busy timeout (lib/db/client.ts). */
export class WriteLockUnavailable extends Error {
  /** Carried across the submission thread's boundary, where the class itself is lost. */
  static readonly code = "WRITE_LOCK_UNAVAILABLE";
  readonly code = WriteLockUnavailable.code;
  constructor(cause: unknown) {
    super("the database was busy with another writer for too long", { cause });
    this.name = "WriteLockUnavailable";
  }
}
