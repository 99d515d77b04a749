// Transactions straight on the SQLite driver adapter, for the submission writer thread: the same raw
// statements as Prisma's $queryRaw and $executeRaw send, through the same adapter (so the same argument
// conversion, locking and error kinds), without the client's planning of every statement in its WebAssembly
// query compiler, which took about a quarter of the writer thread's time.
import type { SqliteDriverAdapter } from "./client";
import { Prisma } from "./generated/sqlite/client";
import { MODEL_CODE_OF_DRIVER_ERROR } from "./multi-row-insert";
import type { RawTx, Transact } from "./responses";

type AdapterTx = Awaited<ReturnType<SqliteDriverAdapter["startTransaction"]>>;

const asQuery = (statement: Prisma.Sql) => ({
  sql: statement.sql,
  args: statement.values,
  argTypes: statement.values.map(() => ({ scalarType: "unknown" as const, arity: "scalar" as const })),
});

/** The adapter's error as the client would give it: the database's own message, and the code callers retry on. */
function withPrismaCode(error: unknown): unknown {
  const cause = (error as { cause?: { kind?: string; originalMessage?: string } } | null)?.cause;
  if (cause?.kind === undefined) return error;
  return Object.assign(new Error(cause.originalMessage ?? cause.kind, { cause: error }), { code: MODEL_CODE_OF_DRIVER_ERROR[cause.kind] });
}

/** $queryRaw and $executeRaw (as template tags) over one adapter transaction. */
function rawTxOf(tx: AdapterTx): RawTx {
  const queryRaw = async (strings: TemplateStringsArray, ...values: unknown[]) => {
    try {
      const { columnNames, rows } = await tx.queryRaw(asQuery(Prisma.sql(strings, ...values)));
      return rows.map((row) => Object.fromEntries(columnNames.map((name, i) => [name, row[i]])));
    } catch (error) {
      throw withPrismaCode(error);
    }
  };
  const executeRaw = async (strings: TemplateStringsArray, ...values: unknown[]) => {
    try {
      return await tx.executeRaw(asQuery(Prisma.sql(strings, ...values)));
    } catch (error) {
      throw withPrismaCode(error);
    }
  };
  // Only the template-tag forms are used by the batch writer (lib/db/responses.ts); their result types are
  // the same as the client's for the statements it sends.
  return { $queryRaw: queryRaw, $executeRaw: executeRaw } as unknown as RawTx;
}

const statement = (sql: string) => ({ sql, args: [], argTypes: [] });

/** Runs work in one transaction on the adapter's connection, committed or rolled back as Prisma would. */
export function adapterTransaction(adapter: SqliteDriverAdapter): Transact {
  return async (work) => {
    const tx = await adapter.startTransaction();
    let result;
    try {
      result = await work(rawTxOf(tx));
    } catch (error) {
      // SQLite may have rolled back already (a busy lock, a full disk): the original error is the one to report.
      await tx.executeRaw(statement("ROLLBACK")).catch(() => undefined);
      await tx.rollback();
      throw error;
    }
    try {
      await tx.executeRaw(statement("COMMIT"));
    } catch (error) {
      // A failed COMMIT (a full disk, say) leaves the transaction open in SQLite: end it before handing on.
      await tx.executeRaw(statement("ROLLBACK")).catch(() => undefined);
      await tx.rollback();
      throw withPrismaCode(error);
    }
    await tx.commit();
    return result;
  };
}
