// The SQLite read pool: counting statements run on worker threads (lib/db/count-worker.ts), each with its own
// read-only connection, so the request thread never runs a count. better-sqlite3 is synchronous: a count of a
// large round run on the request thread holds every other request (health checks, submissions) until it ends.
// One statement per thread at a time; the rest queue here in arrival order.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Prisma } from "./generated/sqlite/client";
import type { ReadPool } from "./read-pool-contract";
import { siblingModule, startSourceWorker } from "./source-worker";

export interface CountWorkerData {
  file: string;
  busyTimeoutMs: number;
}
export interface CountRequest {
  id: number;
  sql: string;
  values: unknown[];
}
export type CountReply =
  | { id: number; rows: Record<string, unknown>[] }
  | { id: number; error: { message: string; code?: string } };

interface Task {
  id: number;
  sql: string;
  values: unknown[];
  resolve(rows: Record<string, unknown>[]): void;
  reject(error: Error): void;
}

/** What the driver binds: numbers, strings, bigints and null. Counting statements bind nothing else. */
function toDriverValue(value: unknown): unknown {
  if (value === null || typeof value === "number" || typeof value === "string" || typeof value === "bigint") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  throw new TypeError(`a counting statement cannot bind a ${typeof value}`);
}

/** Threads: one fewer than the cores (the request thread needs one), at least one, at most four. */
export const defaultSqliteReadThreads = () => Math.max(1, Math.min(4, availableParallelism() - 1));

class CountThread {
  readonly worker: Worker;
  task: Task | undefined;
  constructor(data: CountWorkerData, onReply: (thread: CountThread, reply: CountReply) => void, onExit: (thread: CountThread, error: Error) => void) {
    this.worker = process.env.NEXT_RUNTIME
      ? // Next.js bundles the entry as a worker chunk from this exact expression (a path from the project root).
        new Worker("./lib/db/count-worker.ts", { workerData: data })
      : startSourceWorker(siblingModule(import.meta.url, "count-worker.ts"), { workerData: data });
    // Idle threads never keep a process alive; a thread with a statement does (see SqliteReadPool.#run).
    this.worker.unref();
    this.worker.on("message", (reply: CountReply) => onReply(this, reply));
    this.worker.on("error", (error) => onExit(this, error));
    this.worker.on("exit", (code) => onExit(this, new Error(`a SQLite counting thread stopped (exit code ${code})`)));
  }
}

export class SqliteReadPool implements ReadPool {
  readonly size: number;
  #threads: CountThread[] = [];
  #queue: Task[] = [];
  #nextId = 0;
  #closed = false;

  constructor(
    private readonly data: CountWorkerData,
    size = defaultSqliteReadThreads(),
  ) {
    this.size = size;
  }

  all<T>(statement: Prisma.Sql): Promise<T[]> {
    if (this.#closed) return Promise.reject(new Error("the SQLite read pool is closed"));
    return new Promise((resolve, reject) => {
      let values: unknown[];
      try {
        values = statement.values.map(toDriverValue);
      } catch (error) {
        return reject(error as Error);
      }
      const task: Task = { id: this.#nextId++, sql: statement.sql, values, resolve: resolve as Task["resolve"], reject };
      this.#queue.push(task);
      this.#dispatch();
    });
  }

  /** Statements waiting for a thread (not counting those running). */
  get waiting(): number {
    return this.#queue.length;
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const thread = this.#threads.find((t) => !t.task) ?? this.#startThread();
      if (!thread) return;
      this.#run(thread, this.#queue.shift()!);
    }
  }

  #startThread(): CountThread | undefined {
    if (this.#threads.length >= this.size) return undefined;
    const thread = new CountThread(this.data, (t, reply) => this.#onReply(t, reply), (t, error) => this.#onExit(t, error));
    this.#threads.push(thread);
    return thread;
  }

  #run(thread: CountThread, task: Task): void {
    thread.task = task;
    thread.worker.ref();
    thread.worker.postMessage({ id: task.id, sql: task.sql, values: task.values } satisfies CountRequest);
  }

  #onReply(thread: CountThread, reply: CountReply): void {
    const task = thread.task;
    if (!task || task.id !== reply.id) return;
    thread.task = undefined;
    thread.worker.unref();
    if ("error" in reply) task.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
    else task.resolve(reply.rows);
    this.#dispatch();
  }

  /** A thread that died fails only the statement it held; the next statement starts a new one. */
  #onExit(thread: CountThread, error: Error): void {
    const index = this.#threads.indexOf(thread);
    if (index === -1) return;
    this.#threads.splice(index, 1);
    thread.task?.reject(error);
    thread.task = undefined;
    if (!this.#closed) this.#dispatch();
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#queue.splice(0)) task.reject(new Error("the SQLite read pool is closed"));
    const threads = this.#threads.splice(0);
    for (const thread of threads) thread.task?.reject(new Error("the SQLite read pool is closed"));
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }
}
