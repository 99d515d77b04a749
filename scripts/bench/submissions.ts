// Submissions benchmark: autocannon (20 connections) against POST /api/v1/responses on `next start`, beside two
// baselines in the same run: a Next.js route that parses and validates the same body but writes nothing (the
// framework's ceiling) and a bare node:http server doing the same insert with the same driver (the database's).
import { spawn } from "node:child_process";
import autocannon from "autocannon";
import { createDb } from "../../lib/db/client";
import { submissionBody } from "../../lib/survey/synthetic-answers";
import { freePort, startAppServer } from "../../tests/helpers/app-server";

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

// A fixed number of requests rather than a duration: autocannon then waits for every answer, so the 2xx count
// can be compared exactly with what was stored (a timed run cuts off the requests still in flight).
async function hammer(name: string, url: string, path: string, amount: number, offset: number): Promise<LoadResult> {
  let n = offset;
  const started = performance.now();
  let lastAnswer = started;
  const result = await autocannon({
    url,
    connections: 20,
    amount,
    requests: [
      {
        method: "POST",
        path,
        headers: { "content-type": "application/json" },
        setupRequest: (request) => ({ ...request, body: JSON.stringify(submissionBody(n++, "bench")) }),
        onResponse: () => {
          lastAnswer = performance.now();
        },
      },
    ],
  });
  // Answers over the time to the last answer: autocannon's per-second average counts whole seconds, and it only
  // notices it is done at its next one-second tick, so its figures for 3,000 requests read 3000/7, 3000/8, ...
  const seconds = (lastAnswer - started) / 1000;
  return {
    name,
    requestsPerSecond: result.requests.total / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result["2xx"],
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

/** One round: the three servers hammered one after the other with the same number of requests. */
export interface SubmissionRound {
  app: LoadResult;
  noWrite: LoadResult;
  bare: LoadResult;
}

const NAMES = {
  app: "POST /api/v1/responses (app)",
  noWrite: "Next.js route, validate only (no write)",
  bare: "bare node:http + same driver insert",
};

/**
 * `rounds` interleaved rounds of (no-write route, app, bare insert), after a warm-up of each: on a shared
 * machine a single run of each drifts with whatever else runs, and interleaving spreads that drift over all
 * three. Afterwards the stored responses are counted against every 2xx the app gave (warm-up included).
 */
export async function benchSubmissions(url: string, amount: number, rounds: number, log: (line: string) => void) {
  const { db } = createDb(url);
  const round = await db.round.findUniqueOrThrow({ where: { slug: "bench" } });
  const countStored = () => db.response.count({ where: { roundId: round.id, source: "web" } });
  let bare: ReturnType<typeof spawn> | undefined;
  let server: Awaited<ReturnType<typeof startAppServer>> | undefined;
  try {
    const storedBefore = await countStored();
    server = await startAppServer(url, { RATE_LIMIT_SUBMISSIONS_PER_MINUTE: "0" });
    const port = await freePort();
    const bareProcess = spawn("node_modules/.bin/tsx", ["scripts/bench/bare-insert-server.ts"], {
      env: { ...process.env, DATABASE_URL: url, PORT: String(port) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    bare = bareProcess;
    await new Promise<void>((resolve, reject) => {
      bareProcess.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("listening") && resolve());
      bareProcess.once("exit", (code) => reject(new Error(`bare server exited with ${code}`)));
    });
    const bareUrl = `http://127.0.0.1:${port}`;
    // Each request gets a body (and edit token) no other request of the run has: the offsets keep them apart.
    let offset = 10_000_000;
    const run = (name: string, target: string, path: string, requests = amount) => {
      offset += 1_000_000;
      return hammer(name, target, path, requests, offset);
    };
    const warmUp = Math.min(amount, 500);
    await run("warm-up", server.url, "/api/v1/responses/check", warmUp);
    const appWarmUp = await run("warm-up", server.url, "/api/v1/responses", warmUp);
    await run("warm-up", bareUrl, "/", warmUp);
    const results: SubmissionRound[] = [];
    for (let n = 1; n <= rounds; n++) {
      const noWrite = await run(NAMES.noWrite, server.url, "/api/v1/responses/check");
      const app = await run(NAMES.app, server.url, "/api/v1/responses");
      const bareResult = await run(NAMES.bare, bareUrl, "/");
      results.push({ app, noWrite, bare: bareResult });
      log(
        `  round ${n}: no-write route ${noWrite.requestsPerSecond.toFixed(0)} req/s, app ${app.requestsPerSecond.toFixed(0)}, bare insert ${bareResult.requestsPerSecond.toFixed(0)}`,
      );
    }
    await server.stop();
    server = undefined;
    const stored = (await countStored()) - storedBefore;
    const acknowledged = appWarmUp.ok + results.reduce((sum, r) => sum + r.app.ok, 0);
    return { rounds: results, storedMatchesAcknowledged: stored === acknowledged, stored, acknowledged };
  } finally {
    bare?.kill("SIGTERM");
    await server?.stop();
    await db.$disconnect();
  }
}
