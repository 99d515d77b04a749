// Summary benchmark: latency of the full GET /api/v1/summary through `next start` (unfiltered and two filtered
// views), against the bare SQL of the same aggregates on the driver, same minute. Two app figures per view:
// - stored: p50/p95 over repeated calls while nothing changes, so the stored figures are served;
// - after a change: a real answer is submitted through the API first (the round's counter moves), so the
//   call counts everything afresh, as the first dashboard view after each new answer does in a live round.
// The answers submitted for that are deleted again through the API, so the dataset keeps its size.
import { createDb } from "../../lib/db/client";
import { submissionBody } from "../../lib/survey/synthetic-answers";
import { startAppServer } from "../../tests/helpers/app-server";
import { bareSummaryQueries, openBareRunner, type BareFilters } from "./bare-summary";
import { percentile } from "./http-timing";

export interface SummaryResult {
  view: string;
  appP50: number;
  appP95: number;
  /** p50 of calls made right after an answer was submitted: counted afresh, then stored. */
  changedP50: number;
  changedCalls: number;
  bareP50: number;
  bareP95: number;
  /** The same aggregates bare, over the derived rows the app counts (see bare-summary.ts). */
  bareDerivedP50: number;
}

export const SUMMARY_VIEWS: { view: string; query: string; filters: BareFilters }[] = [
  { view: "unfiltered", query: "round=bench", filters: {} },
  { view: "team=nova", query: "round=bench&team=nova", filters: { teamSlug: "nova" } },
  {
    view: "category=databases, employer pays",
    query: "round=bench&category=databases-and-db-libraries&employerPaid=yes",
    filters: { categorySlug: "databases-and-db-libraries", employerPaid: "yes" },
  },
];

async function timeCalls(calls: number, call: () => Promise<void>, warm = true): Promise<number[]> {
  if (warm) await call(); // warm caches and prepared statements
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

// While the baseline runs, the server closes the idle keep-alive socket (5 s); a request racing that close
// fails with "other side closed" before reaching the server, so it is sent again once.
async function fetchFresh(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    return fetch(url, init);
  }
}

const CHANGED_CALLS = 3;
// The baselines take seconds per call at 1,000,000 responses; their p50 is taken over a few calls.
const BARE_CALLS = 3;

/** Time the summary right after a new answer: submit one (counted afresh), time the call, keep its token. */
async function timeAfterChange(baseUrl: string, query: string, tokens: string[], serial: number): Promise<number> {
  const body = submissionBody(serial, "bench");
  const submitted = await fetchFresh(`${baseUrl}/api/v1/responses`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (submitted.status !== 201)
    throw new Error(`submitting a change answered ${submitted.status}: ${await submitted.text()}`);
  tokens.push(body.token);
  const started = performance.now();
  const response = await fetchFresh(`${baseUrl}/api/v1/summary?${query}`);
  if (!response.ok) throw new Error(`summary ${query} answered ${response.status}`);
  await response.arrayBuffer();
  return performance.now() - started;
}

export async function benchSummary(
  url: string,
  calls: number,
  log: (line: string) => void,
  /** Only these views (by name prefix: "unfiltered", "team", "category"); default all. */
  only?: readonly string[],
  /** False: no bare SQL baselines (NaN), for a size where they take many minutes; compare with another size instead. */
  withBaselines = true,
): Promise<SummaryResult[]> {
  const { db, kind } = createDb(url);
  const round = await db.round.findUniqueOrThrow({ where: { slug: "bench" } });
  await db.$disconnect();
  // No submission limit: the changes are submitted from one client in quick succession.
  const server = await startAppServer(url, { RATE_LIMIT_SUBMISSIONS_PER_MINUTE: "0" });
  const bare = await openBareRunner(url);
  const results: SummaryResult[] = [];
  const changeTokens: string[] = [];
  try {
    for (const [v, { view, query, filters }] of SUMMARY_VIEWS.entries()) {
      if (only && !only.some((name) => view.startsWith(name))) continue;
      const app = await timeCalls(calls, async () => {
        const response = await fetchFresh(`${server.url}/api/v1/summary?${query}`);
        if (!response.ok) throw new Error(`summary ${query} answered ${response.status}: ${await response.text()}`);
        await response.arrayBuffer();
      });
      // After the stored calls, which also warmed the server up for this view.
      const changed: number[] = [];
      for (let i = 0; i < CHANGED_CALLS; i++)
        changed.push(await timeAfterChange(server.url, query, changeTokens, 90_000_000 + v * 100 + i));
      changed.sort((a, b) => a - b);
      const queries = bareSummaryQueries(kind, round.id, filters);
      // One call each at the largest sizes (--calls 1), unwarmed: a bare call there takes minutes.
      const timeBare = (q: typeof queries) =>
        withBaselines ? timeCalls(Math.min(calls, BARE_CALLS), () => bare.run(q), calls > 1) : Promise.resolve([NaN]);
      const baseline = await timeBare(queries);
      const derived = await timeBare(bareSummaryQueries(kind, round.id, filters, "derived"));
      const result = {
        view,
        appP50: percentile(app, 50),
        appP95: percentile(app, 95),
        changedP50: percentile(changed, 50),
        changedCalls: CHANGED_CALLS,
        bareP50: percentile(baseline, 50),
        bareP95: percentile(baseline, 95),
        bareDerivedP50: percentile(derived, 50),
      };
      log(
        `  ${view}: stored p50 ${result.appP50.toFixed(1)} ms / p95 ${result.appP95.toFixed(1)} ms; after a change p50 ${result.changedP50.toFixed(1)} ms; bare SQL p50 ${result.bareP50.toFixed(1)} ms (derived rows ${result.bareDerivedP50.toFixed(1)} ms)`,
      );
      results.push(result);
    }
  } finally {
    try {
      // The dataset keeps its size, even after a failure: the answers submitted above are deleted again.
      for (const token of changeTokens) {
        const deleted = await fetchFresh(`${server.url}/api/v1/responses/${token}`, { method: "DELETE" });
        if (!deleted.ok) throw new Error(`deleting a change answered ${deleted.status}`);
      }
    } finally {
      await bare.close();
      await server.stop();
    }
  }
  return results;
}
