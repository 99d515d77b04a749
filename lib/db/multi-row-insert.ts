// Multi-row INSERT with bound parameters, for the write paths that add many rows at once (bulk loads and
// batched submissions). Prisma's createMany goes through the query compiler row by row and costs more than
// the database's own work; one raw statement per few thousand rows is what the database is fast at.
// Plain INSERTs into the same tables, so database triggers on them fire exactly as for createMany.
import type { Db } from "./client";
import { Prisma } from "./generated/sqlite/client";

type RawWriter = Pick<Db, "$executeRaw">;

// SQLite binds at most 32,766 parameters per statement, PostgreSQL 65,535: stay under the smaller.
const MAX_PARAMETERS_PER_STATEMENT = 32_000;

/** A value as Prisma binds it: Dates and booleans are stored exactly as createMany stores them. */
export type SqlValue = string | number | boolean | Date | null;

/**
 * INSERT `rows` (each in the order of `columns`) into `table`, as few statements as the parameter limit
 * allows. Names are quoted identifiers from our own code, never input; every value is a bound parameter.
 */
export async function insertRows(
  db: RawWriter,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const head = Prisma.raw(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `);
  const rowsPerStatement = Math.max(1, Math.floor(MAX_PARAMETERS_PER_STATEMENT / columns.length));
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const values = rows.slice(start, start + rowsPerStatement).map((row) => Prisma.sql`(${Prisma.join(row)})`);
    await db.$executeRaw`${head}${Prisma.join(values)}`;
  }
}
