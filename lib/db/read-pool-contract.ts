// What every read pool offers (lib/db/read-pool.ts opens one): its own file, so the SQLite pool
// (lib/db/read-pool-sqlite.ts) implements it without importing the module that opens it.
import type { Prisma } from "./generated/sqlite/client";

export interface ReadPool {
  /** The rows of one SELECT, as plain objects keyed by column name. */
  all<T>(statement: Prisma.Sql): Promise<T[]>;
  /** How many statements run at once; more wait their turn. */
  readonly size: number;
  close(): Promise<void>;
}
