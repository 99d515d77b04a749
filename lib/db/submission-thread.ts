// The app saves answers on a thread of its own: the same saveResponse (lib/db/submissions.ts, group commit
// included), run by lib/db/submission-worker.ts with a client of its own for the app's database. The request
// thread then only reads, validates and answers requests. Saving in-process cost the request thread about as much
// CPU per answer as the whole of a request without a write (most of it Prisma's client and query compiler), and
// every round trip of a batch's transaction waited until that busy thread got back to it; on PostgreSQL
// submissions went from 0.26-0.30x to 0.38-0.43x the no-write route with this thread alone (docs/benchmarks.md,
// "2026-12-04 night"). An answer is still acknowledged only after the commit that holds it, and the thread keeps
// nothing between transactions.
//
// Who saves where is said at the call: the API routes and the form's actions pass saveInSubmissionThread to the
// functions behind them (lib/db/responses-endpoints.ts, lib/db/survey-submission.ts); scripts and tests call
// saveResponse with their own client.
import { Worker } from "node:worker_threads";
import { getEnv } from "../env";
import type { ResponseInput } from "../survey/response-schema";
import { siblingModule, startSourceWorker } from "./source-worker";
import type { SaveResponseResult } from "./submissions";

export interface SubmissionRequest {
  id: number;
  input: ResponseInput;
}
export type SubmissionReply = { id: number; result: SaveResponseResult } | { id: number; error: { message: string; code?: string } };

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
  constructor(private readonly url: string) {}

  save(input: ResponseInput): Promise<SaveResponseResult> {
    if (this.#closed) return Promise.reject(new Error("the submission thread is closed"));
    const worker = this.#worker ?? this.#start();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      // Kept alive while it holds an answer: a script's last save is still committed before it exits.
      worker.ref();
      worker.postMessage({ id, input } satisfies SubmissionRequest);
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
      if ("error" in reply) waiting.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
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

/** Save an answer to the app's database (DATABASE_URL) on the process's submission thread. */
export function saveInSubmissionThread(input: ResponseInput): Promise<SaveResponseResult> {
  globalForSubmissions.censusSubmissionThread ??= new SubmissionThread(getEnv().DATABASE_URL);
  return globalForSubmissions.censusSubmissionThread.save(input);
}
