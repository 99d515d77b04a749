// Public reads of figures (the results pages and the summary, dependency and aggregate APIs) wait in line at the
// edge, before Next.js spends anything on them: at most FIGURE_READ_SLOTS are being answered at once in this
// process. Answering one, even from stored figures, is a few milliseconds of the request thread's time; forty-eight
// clients asking without pause kept that thread busy, and health checks and submissions queued behind them (health
// p50 190 ms). Waiting in line costs the thread nothing, so with the line, other requests find it nearly idle
// (docs/benchmarks.md, "Reads under load"). Counting itself has its own bound (lib/db/recount-gate.ts).
// The line is per process and holds only requests in flight: nothing another instance would need.
import type { IncomingMessage, ServerResponse } from "node:http";
import pLimit from "p-limit";

/** Two: one being answered while the other waits for a count, so the thread never idles with a line waiting. */
export const FIGURE_READ_SLOTS = 2;
/** Beyond this many waiting, a new figure read is refused at once (503, Retry-After) rather than queued. */
export const FIGURE_READ_QUEUE_LIMIT = 256;

const FIGURE_PATH = /^\/(?:results|api\/v1\/summary|api\/v1\/dependencies|api\/export\/aggregates)(?:\/|$)/;

export function isFigureRead(method: string | undefined, path: string): boolean {
  return (method === "GET" || method === "HEAD") && FIGURE_PATH.test(path);
}

export type LineOutcome = "answered" | "line-full" | "client-gone";

export interface FigureReadLine {
  /** Answer the request when a slot frees. */
  answer(request: IncomingMessage, response: ServerResponse, handler: () => Promise<void>): Promise<LineOutcome>;
  readonly active: number;
  readonly waiting: number;
}

export function createFigureReadLine(slots = FIGURE_READ_SLOTS, queueLimit = FIGURE_READ_QUEUE_LIMIT): FigureReadLine {
  const limit = pLimit(slots);
  return {
    get active() {
      return limit.activeCount;
    },
    get waiting() {
      return limit.pendingCount;
    },
    answer(request, response, handler) {
      if (limit.pendingCount >= queueLimit) return Promise.resolve("line-full");
      return limit(async (): Promise<LineOutcome> => {
        // A client that gave up while waiting is not answered: its slot goes to the next in line.
        if (request.destroyed || response.destroyed) return "client-gone";
        // The slot is held until Next.js's handler resolves (for the APIs, once the answer is written; for a page,
        // once it is rendered) or the connection closes, whichever comes first: a handler that never settles for
        // a client long gone must not keep its slot.
        let closed: () => void = () => undefined;
        const onClose = new Promise<void>((resolve) => (closed = resolve));
        response.once("close", closed);
        try {
          await Promise.race([handler(), onClose]);
        } finally {
          response.off("close", closed);
        }
        return "answered";
      });
    },
  };
}
