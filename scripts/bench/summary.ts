// Summary benchmark: latency of the full GET /api/v1/summary through `next start` (unfiltered and two filtered
// views, p50/p95 over repeated calls), against the bare SQL of the same aggregates on the driver, same minute.
import { createDb } from "../../lib/db/client";
import { startAppServer } from "../../tests/helpers/app-server";
import { bareSummaryQueries, openBareRunner, type BareFilters } from "./bare-summary";
import { percentile } from "./http-timing";

export interface SummaryResult {
  view: string;
  appP50: number;
  appP95: number;
  bareP50: number;
  bareP95: number;
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

async function timeCalls(calls: number, call: () => Promise<void>): Promise<number[]> {
  await call(); // warm caches and prepared statements
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
async function fetchFresh(url: string): Promise<Response> {
  try {
    return await fetch(url);
  } catch {
    return fetch(url);
  }
}

export async function benchSummary(url: string, calls: number, log: (line: string) => void): Promise<SummaryResult[]> {
  const { db, kind } = createDb(url);
  const round = await db.round.findUniqueOrThrow({ where: { slug: "bench" } });
  await db.$disconnect();
  const server = await startAppServer(url);
  const bare = await openBareRunner(url);
  const results: SummaryResult[] = [];
  try {
    for (const { view, query, filters } of SUMMARY_VIEWS) {
      const app = await timeCalls(calls, async () => {
        const response = await fetchFresh(`${server.url}/api/v1/summary?${query}`);
        if (!response.ok) throw new Error(`summary ${query} answered ${response.status}: ${await response.text()}`);
        await response.arrayBuffer();
      });
      const queries = bareSummaryQueries(kind, round.id, filters);
      const baseline = await timeCalls(calls, () => bare.run(queries));
      const result = { view, appP50: percentile(app, 50), appP95: percentile(app, 95), bareP50: percentile(baseline, 50), bareP95: percentile(baseline, 95) };
      log(`  ${view}: app p50 ${result.appP50.toFixed(1)} ms / p95 ${result.appP95.toFixed(1)} ms; bare SQL p50 ${result.bareP50.toFixed(1)} ms`);
      results.push(result);
    }
  } finally {
    await bare.close();
    await server.stop();
  }
  return results;
}
