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

export async function benchSubmissions(url: string, amount: number, log: (line: string) => void) {
  const { db } = createDb(url);
  const round = await db.round.findUniqueOrThrow({ where: { slug: "bench" } });
  const countStored = () => db.response.count({ where: { roundId: round.id, source: "web" } });
  try {
    const server = await startAppServer(url, { RATE_LIMIT_SUBMISSIONS_PER_MINUTE: "0" });
    let app: LoadResult;
    let noWrite: LoadResult;
    const storedBefore = await countStored();
    try {
      await hammer("warm-up", server.url, "/api/v1/responses/check", Math.min(amount, 500), 10_000_000);
      noWrite = await hammer(
        "Next.js route, validate only (no write)",
        server.url,
        "/api/v1/responses/check",
        amount,
        20_000_000,
      );
      log(`  no-write route: ${noWrite.requestsPerSecond.toFixed(0)} req/s`);
      app = await hammer("POST /api/v1/responses (app)", server.url, "/api/v1/responses", amount, 30_000_000);
      log(`  app: ${app.requestsPerSecond.toFixed(0)} req/s`);
    } finally {
      await server.stop();
    }
    const storedAfterApp = await countStored();

    const port = await freePort();
    const bare = spawn("node_modules/.bin/tsx", ["scripts/bench/bare-insert-server.ts"], {
      env: { ...process.env, DATABASE_URL: url, PORT: String(port) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      bare.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("listening") && resolve());
      bare.once("exit", (code) => reject(new Error(`bare server exited with ${code}`)));
    });
    let bareResult: LoadResult;
    try {
      bareResult = await hammer(
        "bare node:http + same driver insert",
        `http://127.0.0.1:${port}`,
        "/",
        amount,
        40_000_000,
      );
      log(`  bare insert: ${bareResult.requestsPerSecond.toFixed(0)} req/s`);
    } finally {
      bare.kill("SIGTERM");
    }
    return {
      results: [app, noWrite, bareResult],
      storedMatchesAcknowledged: storedAfterApp - storedBefore === app.ok,
      stored: storedAfterApp - storedBefore,
      acknowledged: app.ok,
    };
  } finally {
    await db.$disconnect();
  }
}
