// The SQLite writer thread (started by lib/db/submission-thread.ts). One connection to the database file, used
// by saveResponse's batch writer through the driver adapter directly (lib/db/adapter-transaction.ts).
import { parentPort, workerData } from "node:worker_threads";
import { adapterTransaction } from "./adapter-transaction";
import { connectSqliteShared } from "./client";
import { submissionsThrough } from "./responses";
import type { WriterReply, WriterRequest } from "./submission-thread";

const port = parentPort;
if (!port) throw new Error("lib/db/submission-worker.ts runs only as a worker thread");
const connected = connectSqliteShared((workerData as { url: string }).url).then(({ adapter }) => ({
  saveResponse: submissionsThrough(adapterTransaction(adapter)),
}));

async function perform(request: WriterRequest): Promise<unknown> {
  const { saveResponse } = await connected;
  return saveResponse(request.input);
}

port.on("message", (request: WriterRequest) => {
  perform(request).then(
    (value) => port.postMessage({ id: request.id, value } satisfies WriterReply),
    (error: unknown) => {
      const { message = String(error), code } = (error ?? {}) as { message?: string; code?: string };
      port.postMessage({ id: request.id, error: { message, code } } satisfies WriterReply);
    },
  );
});
