// On PostgreSQL the app saves answers on a thread of its own: the same saveResponse (lib/db/submissions.ts, group
// commit included), run by lib/db/submission-worker.ts with a client of its own. Saving on the request thread cost
// it about as much CPU per answer as the whole of a request without a write (most of it Prisma's client and query
// compiler), and every round trip of a batch's transaction waited until that busy thread got back to it:
// submissions went from 0.25-0.30x to 0.37-0.43x the no-write route (docs/benchmarks.md, "2026-12-04 night"). An
// answer is still acknowledged only after the commit that holds it, and the thread keeps nothing between
// transactions.
//
// On SQLite the answer is saved with the app's one connection, on the request thread, as before. A second
// connection would write the same file beside the first (the submission limit counts every post on the request
// thread): SQLite takes one writer at a time, so the request thread would stall in the busy wait while the thread
// commits, and a batch would start again whenever a count committed between its reads and its writes. (Measured
// without the limit, the thread took SQLite from 0.36x to 0.53-0.59x; doing it needs the count on the same
// thread.)
//
// Who saves where is said at the call: the API routes and the form's actions pass saveAppSubmission to the
// functions behind them (lib/db/responses-endpoints.ts, lib/db/survey-submission.ts); scripts and tests call
// saveResponse with their own client.
import { Worker } from "node:worker_threads";
import { databaseKind, getEnv } from "../env";
import type { ResponseInput } from "../survey/response-schema";
import { siblingModule, startSourceWorker } from "./source-worker";
import { getDatabase } from "./client";
import { saveResponse, type SaveResponseResult } from "./submissions";

export interface SubmissionRequest {
  id: number;
  input: ResponseInput;
}
export type SubmissionReply =
  | { id: number; result: SaveResponseResult }
  | { id: number; error: { message: string; code?: string; stack?: string } };

interface Waiting {
  resolve(result: SaveResponseResult): void;
  reject(error: Error): void;
}

/** One saving thread for one database, started on first use. A thread that dies fails what it held; the next save starts a new one. */
export class SubmissionThread {
  #worker: Worker | undefined;
  #waiting = new Map<number, Waiting>();
  #nextId = 0;
  #closed = false;
  constructor(readonly url: string) {}

  save(input: ResponseInput): Promise<SaveResponseResult> {
    if (this.#closed) return Promise.reject(new Error("the submission thread is closed"));
    const worker = this.#worker ?? this.#start();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      // Kept alive while it holds an answer, so a process never exits with one uncommitted.
      worker.ref();
      try {
        worker.postMessage({ id, input } satisfies SubmissionRequest);
      } catch (error) {
        this.#waiting.delete(id);
        if (this.#waiting.size === 0) worker.unref();
        reject(error as Error);
      }
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const worker = this.#worker;
    this.#fail(new Error("the submission thread is closed"));
    await worker?.terminate();
  }

  #start(): Worker {
    const workerData = { url: this.url };
    const worker = process.env.NEXT_RUNTIME
      ? // Next.js bundles the entry as a worker chunk from this exact expression (a path from the project root).
        new Worker("./lib/db/submission-worker.ts", { workerData })
      : startSourceWorker(siblingModule(import.meta.url, "submission-worker.ts"), { workerData });
    worker.on("message", (reply: SubmissionReply) => {
      const waiting = this.#waiting.get(reply.id);
      if (!waiting) return;
      this.#waiting.delete(reply.id);
      if (this.#waiting.size === 0) worker.unref();
      // The thread's error, with its code and the stack where it was thrown (the one logged by the callers).
      if ("error" in reply) waiting.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code, stack: reply.error.stack }));
      else waiting.resolve(reply.result);
    });
    const died = (error: Error) => {
      if (this.#worker === worker) this.#fail(error);
    };
    worker.on("error", died);
    worker.on("exit", (code) => died(new Error(`the submission thread stopped (exit code ${code})`)));
    this.#worker = worker;
    return worker;
  }

  /** Whatever the thread held was not acknowledged: it is answered as failed (a 500 the client may retry). */
  #fail(error: Error): void {
    this.#worker = undefined;
    for (const waiting of this.#waiting.values()) waiting.reject(error);
    this.#waiting.clear();
  }
}

const globalForSubmissions = globalThis as unknown as { censusSubmissionThread?: SubmissionThread };

/**
 * Save an answer to the app's database (DATABASE_URL): on PostgreSQL on the process's submission thread (one per
 * database: a changed DATABASE_URL, as in tests, gets its own), on SQLite with the app's client.
 */
export function saveAppSubmission(input: ResponseInput): Promise<SaveResponseResult> {
  const url = getEnv().DATABASE_URL;
  if (databaseKind(url) === "sqlite") return saveResponse(getDatabase().db, input);
  const current = globalForSubmissions.censusSubmissionThread;
  if (current?.url !== url) {
    void current?.close();
    globalForSubmissions.censusSubmissionThread = new SubmissionThread(url);
  }
  return globalForSubmissions.censusSubmissionThread!.save(input);
}
