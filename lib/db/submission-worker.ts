// The submission thread (started by lib/db/submission-thread.ts): with a client of its own for the database it was
// given, it saves answers (saveResponse, answering each once the transaction holding it has committed), folds them
// into the round totals on PostgreSQL (lib/db/round-totals-fold.ts) and counts posts under the submission limit
// (consumeRateLimit, one statement).
import { parentPort, workerData } from "node:worker_threads";
import { createDb } from "./client";
import { consumeRateLimit } from "./rate-limit";
import { PendingTotalsFolder } from "./round-totals-fold";
import type { SubmissionReply, SubmissionRequest, SubmissionWork } from "./submission-thread";
import { saveResponse } from "./submissions";

const port = parentPort;
if (!port) throw new Error("lib/db/submission-worker.ts runs only as a worker thread");
const { db, kind } = createDb((workerData as { url: string }).url);
// On PostgreSQL new answers are added to the round totals in folds after their transactions.
const folder = kind === "postgres" ? new PendingTotalsFolder(db) : undefined;

async function run(work: SubmissionWork) {
  if ("save" in work) {
    const result = await saveResponse(db, work.save);
    if (result.ok) folder?.answerSaved();
    return result;
  }
  const { key, policy, now } = work.count;
  // One statement outside a transaction: on SQLite it waits for another connection's write lock within the busy
  // timeout. Should it run while a batch's transaction is open on this connection (the driver adapter does not
  // queue it), it is committed with the batch, or undone with it: at worst one post goes uncounted.
  return consumeRateLimit(db, key, policy, now);
}

port.on("message", ({ id, ...work }: SubmissionRequest) => {
  run(work).then(
    (result) => port.postMessage({ id, result } satisfies SubmissionReply),
    (error: unknown) => {
      const {
        message = String(error),
        code,
        stack,
      } = (error ?? {}) as { message?: string; code?: string; stack?: string };
      port.postMessage({ id, error: { message, code, stack } } satisfies SubmissionReply);
    },
  );
});
