// The submission thread on PostgreSQL (started by lib/db/submission-thread.ts): saveResponse with a client of its own for the
// database it was given, answering each request once the transaction holding it has committed.
import { parentPort, workerData } from "node:worker_threads";
import { createDb } from "./client";
import type { SubmissionReply, SubmissionRequest } from "./submission-thread";
import { saveResponse } from "./submissions";

const port = parentPort;
if (!port) throw new Error("lib/db/submission-worker.ts runs only as a worker thread");
const { db } = createDb((workerData as { url: string }).url);

port.on("message", ({ id, input }: SubmissionRequest) => {
  saveResponse(db, input).then(
    (result) => port.postMessage({ id, result } satisfies SubmissionReply),
    (error: unknown) => {
      const { message = String(error), code, stack } = (error ?? {}) as { message?: string; code?: string; stack?: string };
      port.postMessage({ id, error: { message, code, stack } } satisfies SubmissionReply);
    },
  );
});
