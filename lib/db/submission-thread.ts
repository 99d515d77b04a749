// The app's submission writes run on a thread of their own, on both databases: saving an answer (the same
// saveResponse of lib/db/submissions.ts, group commit included) and counting a post against the submission limit,
// run by lib/db/submission-worker.ts with a client of its own. Saving on the request thread cost it about as much
// CPU per answer as the whole of a request without a write (Prisma's client and query compiler, and on SQLite the
// driver's statements, triggers and synced commit, which run on the calling thread), and every round trip of a
// batch's transaction waited until that busy thread got back to it (docs/benchmarks.md, "2026-12-04 night" and
// "2026-12-05"). An answer is still acknowledged only after the commit that holds it, and the thread keeps nothing
// between transactions.
//
// The limit's count goes to the same thread because on SQLite it is a write on every post, and the file takes one
// writer at a time: on the request thread it would wait, synchronously, for the thread's commits. The app's other
// writes (organisers' changes, deletions, sign-in counts, stored figures) stay on the request thread's client: they
// are rare beside answers. Those that read before they write run in readWriteTransaction (lib/db/transaction.ts),
// which takes the file's write lock first, so a commit of the thread can delay them (by one batch, holding the
// request thread meanwhile: SQLite waits synchronously) but never make them fail.
//
// Who saves where is said at the call: the API routes and the form's actions pass saveAppSubmission to the
// functions behind them (lib/db/responses-endpoints.ts, lib/db/survey-submission.ts), and the submission limit
// counts with countAppSubmissionAttempt; scripts and tests call saveResponse with their own client.
import { Worker } from "node:worker_threads";
import { getEnv } from "../env";
import type { ResponseInput } from "../survey/response-schema";
import type { RateLimitPolicy, RateLimitState } from "./rate-limit";
import { siblingModule, startSourceWorker } from "./source-worker";
import { DatabaseBusy } from "./database-busy";
import type { SaveResponseResult } from "./submissions";

/** What the thread is asked: save an answer, or count one post under a limit's key. */
export type SubmissionWork = { save: ResponseInput } | { count: { key: string; policy: RateLimitPolicy; now: number } };
export type SubmissionRequest = { id: number } & SubmissionWork;
export type SubmissionReply =
  | { id: number; result: SaveResponseResult | RateLimitState }
  | { id: number; error: { message: string; code?: string; stack?: string } };

interface Waiting {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/** One submission thread for one database, started on first use. A thread that dies fails what it held; the next request starts a new one. */
export class SubmissionThread {
  #worker: Worker | undefined;
  #waiting = new Map<number, Waiting>();
  #nextId = 0;
  #closed = false;
  constructor(readonly url: string) {}

  /** Save an answer; resolves after the commit that holds it. */
  save(input: ResponseInput): Promise<SaveResponseResult> {
    return this.#ask({ save: input }) as Promise<SaveResponseResult>;
  }

  /** Count one post under `key` and say whether it is over `policy` (lib/db/rate-limit.ts, consumeRateLimit). */
  countAttempt(key: string, policy: RateLimitPolicy, now = Date.now()): Promise<RateLimitState> {
    return this.#ask({ count: { key, policy, now } }) as Promise<RateLimitState>;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const worker = this.#worker;
    this.#fail(new Error("the submission thread is closed"));
    await worker?.terminate();
  }

  #ask(work: SubmissionWork): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error("the submission thread is closed"));
    const worker = this.#worker ?? this.#start();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      // Kept alive while it holds work, so a process never exits with an answer uncommitted.
      worker.ref();
      try {
        worker.postMessage({ id, ...work } satisfies SubmissionRequest);
      } catch (error) {
        this.#waiting.delete(id);
        if (this.#waiting.size === 0) worker.unref();
        reject(error as Error);
      }
    });
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
      // The thread's error, with its code and the stack where it was thrown (the one logged by the callers); a busy
      // database as the error the callers answer "try again" to.
      if ("error" in reply) {
        const { message, code, stack } = reply.error;
        const error = code === DatabaseBusy.code ? new DatabaseBusy(new Error(message)) : new Error(message);
        waiting.reject(Object.assign(error, { code, stack }));
      } else waiting.resolve(reply.result);
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

/** The process's submission thread for the app's database (DATABASE_URL; a changed one, as in tests, gets its own). */
function appSubmissionThread(): SubmissionThread {
  const url = getEnv().DATABASE_URL;
  const current = globalForSubmissions.censusSubmissionThread;
  if (current?.url === url) return current;
  void current?.close();
  return (globalForSubmissions.censusSubmissionThread = new SubmissionThread(url));
}

/** Stop the app's submission thread, failing whatever it still held (closeDatabase, for tests that switch databases). */
export async function closeAppSubmissionThread(): Promise<void> {
  const current = globalForSubmissions.censusSubmissionThread;
  globalForSubmissions.censusSubmissionThread = undefined;
  await current?.close();
}

/** Save an answer to the app's database on the submission thread. */
export function saveAppSubmission(input: ResponseInput): Promise<SaveResponseResult> {
  return appSubmissionThread().save(input);
}

/** Count one post under the submission limit's `key` on the submission thread, and say whether it is over `policy`. */
export function countAppSubmissionAttempt(key: string, policy: RateLimitPolicy, now = Date.now()): Promise<RateLimitState> {
  return appSubmissionThread().countAttempt(key, policy, now);
}
