// A counting thread of the SQLite read pool (lib/db/read-pool-sqlite.ts): one read-only connection to the
// database file, running the statements it is sent one at a time. In WAL mode it reads a consistent snapshot
// per statement while the app's writers go on; it can never write. Plain better-sqlite3, not Prisma: the
// statements arrive already built, and the client's query compiler would cost more than many counts.
import Database from "better-sqlite3";
import { parentPort, workerData } from "node:worker_threads";
import type { CountReply, CountRequest, CountWorkerData } from "./read-pool-sqlite";

const port = parentPort;
if (!port) throw new Error("lib/db/count-worker.ts runs only as a worker thread");
const { file, busyTimeoutMs } = workerData as CountWorkerData;

const db = new Database(file, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
// Prepared once per statement text: a dashboard sends the same few shapes again and again.
const statements = new Map<string, Database.Statement>();
const prepare = (sql: string) => {
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
};

port.on("message", ({ id, sql, values }: CountRequest) => {
  let reply: CountReply;
  try {
    reply = { id, rows: prepare(sql).all(...values) as Record<string, unknown>[] };
  } catch (error) {
    const { message = String(error), code } = (error ?? {}) as { message?: string; code?: string };
    reply = { id, error: { message, code } };
  }
  port.postMessage(reply);
});
