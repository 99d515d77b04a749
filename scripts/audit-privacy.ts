// npm run audit:privacy [-- --rounds demo-2025,demo-2026 --responses 400 --seed 2026 --max-adjustment 0]
// The differencing attack of issue #15 in full: every filter combination of the demo rounds through the public
// API (tests/privacy/), scored against the database. Runs on a throwaway SQLite database filled like `npm run
// demo`, so it never touches real data. Prints the four figures docs/privacy.md records.
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "demo-2025,demo-2026" },
    responses: { type: "string", default: "400" },
    seed: { type: "string", default: "2026" },
    "max-adjustment": { type: "string", default: "0" },
    teams: { type: "string" },
    categories: { type: "string" },
    json: { type: "boolean", default: false },
  },
});

const { createDemoDatabase, runAttack } = await import("../tests/privacy/harness");
const demo = await createDemoDatabase({ responses: Number(values.responses), seed: Number(values.seed) });
process.env.DATABASE_URL = demo.url;
process.env.RATE_LIMIT_SUBMISSIONS_PER_MINUTE = "0";
const { inProcessApi } = await import("../tests/privacy/api");
const { formatOpenRound, formatReport } = await import("../tests/privacy/report");
const { getEnv } = await import("../lib/env");
const api = await inProcessApi();
const list = (text: string | undefined) => (text ? text.split(",").map((s) => (s === "none" ? null : s)) : undefined);
const started = Date.now();
let lastPrinted = 0;
try {
  const { report, openRound, timings } = await runAttack(
    api,
    demo.db,
    {
      rounds: values.rounds.split(","),
      teams: list(values.teams),
      openRound: { round: "openstack-2026", baseline: 30, maxTargets: 12 },
      categories: list(values.categories),
      onProgress(done, total) {
        if (Date.now() - lastPrinted > 15_000 || done === total) {
          lastPrinted = Date.now();
          console.error(`crawled ${done}/${total} filter sets (${Math.round((Date.now() - started) / 1000)} s)`);
        }
      },
    },
    { k: getEnv().MIN_CELL_SIZE, maxAdjustment: Number(values["max-adjustment"]) },
  );
  console.log(values.json ? JSON.stringify({ report, openRound, timings }, null, 2) : formatReport(report));
  if (openRound && !values.json) console.log(formatOpenRound(openRound));
  console.log(`crawl ${timings.crawlSeconds.toFixed(0)} s, solve ${timings.solveSeconds.toFixed(0)} s`);
} finally {
  await demo.drop();
}
process.exit(0);
