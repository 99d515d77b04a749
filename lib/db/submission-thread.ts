// On SQLite, submissions are written by a worker thread. better-sqlite3 runs every statement, the triggers that
// keep the derived rows, and the commit on the thread that calls it; in the app that was the one thread serving
// every request, and about a third of its time under load went to writing. The writer thread does the same
// work (saveResponse with its group commit, lib/db/responses.ts) on its
// own connection while the request thread goes on parsing and answering. An answer is acknowledged only after
// the writer's commit, as before, and the thread keeps nothing between transactions. PostgreSQL needs none of
// this: its driver already waits for the server without blocking.
import { Worker } from "node:worker_threads";
import type { ResponseInput } from "../survey/response-schema";
import { getDbHandle, type Db, type DbHandle } from "./client";
import { delegatedWritesOf, delegateWrites } from "./delegated-writes";
import type { SaveResponseResult } from "./responses";

export type WriterRequest = { id: number; op: "saveResponse"; input: ResponseInput };
export type WriterReply = { id: number; value: unknown } | { id: number; error: { message: string; code?: string } };

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

const loadFromSource = (entry: string) =>
  `import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;

/** One writer thread for one database file, started on first use; a thread that dies fails what it held and is started anew. */
class WriterThread {
  #worker: Worker | undefined;
  #pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  #nextId = 0;
  constructor(private readonly url: string) {}

  send(request: WithoutId<WriterRequest>): Promise<unknown> {
    const worker = this.#worker ?? this.#start();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      try {
        worker.postMessage({ ...request, id } as WriterRequest);
      } catch (error) {
        this.#pending.delete(id);
        reject(error as Error);
      }
    });
  }

  #start(): Worker {
    const workerData = { url: this.url };
    const worker = process.env.NEXT_RUNTIME
      ? // Next.js bundles the entry as a worker chunk from this exact expression (a path from the project root;
        // the `new URL(..., import.meta.url)` form also copied this file's source into the public assets).
        new Worker("./lib/db/submission-worker.ts", { workerData })
      : // Run from source (tests, scripts), the thread loads the entry through tsx, which a worker's execArgv
        // cannot register.
        new Worker(loadFromSource(import.meta.url.replace(/submission-thread\.ts$/, "submission-worker.ts")), {
          eval: true,
          workerData,
        });
    // Never what keeps a process alive: a server has its socket, and a script ends when its own work does.
    worker.unref();
    worker.on("message", (reply: WriterReply) => {
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      if ("error" in reply) pending.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
      else pending.resolve(reply.value);
    });
    const fail = (error: Error) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the SQLite writer thread stopped (exit code ${code})`)));
    this.#worker = worker;
    return worker;
  }
}

/** Send this client's submissions to a writer thread (SQLite only; PostgreSQL is left as is). */
export function writeSubmissionsInThread(handle: DbHandle): void {
  if (handle.kind !== "sqlite" || delegatedWritesOf(handle.db)) return;
  const thread = new WriterThread(handle.url);
  delegateWrites(handle.db, {
    saveResponse: (input) => thread.send({ op: "saveResponse", input }) as Promise<SaveResponseResult>,
  });
}

/**
 * The app's database, its submissions written off the request thread: for the code that saves answers. From the
 * first call on, every saveResponse on the app's client goes through the thread, whoever calls it.
 */
export function getSubmissionDb(): Db {
  const handle = getDbHandle();
  writeSubmissionsInThread(handle);
  return handle.db;
}
