// npm run audit:privacy [-- --rounds demo-2025,demo-2026 --responses 400 --seed 2026 --max-adjustment 2 --model cell-key]
// The differencing attack of issue #15 in full: every filter combination of the demo rounds through the public
// API (tests/privacy/), scored against the database. Runs on a throwaway SQLite database filled like `npm run
// demo`, so it never touches real data. Prints the four figures docs/privacy.md records.
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "demo-2025,demo-2026" },
    responses: { type: "string", default: "400" },
    seed: { type: "string", default: "2026" },
    // The cell key's largest adjustment of a count of at least k (docs/privacy.md); unused for exact counts.
    "max-adjustment": { type: "string", default: "2" },
    // How to read the figures: suppression, cell-key, or detected from them (default).
    model: { type: "string" },
    teams: { type: "string" },
    categories: { type: "string" },
    json: { type: "boolean", default: false },
    // Read the CSV downloads of every n-th filter set with figures too (0: none).
    "csv-every": { type: "string", default: "1" },
    // Also solve without each kind of signal in turn: which leaks the derivations rest on.
    "skip-ablation": { type: "boolean", default: false },
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
  const { report, openRound, openRoundOtherSetting, ablation, timings } = await runAttack(
    api,
    demo.db,
    {
      rounds: values.rounds.split(","),
      teams: list(values.teams),
      openRound: { round: "openstack-2026", baseline: 30, maxTargets: 12 },
      ablation: !values["skip-ablation"],
      csvEvery: Number(values["csv-every"]),
      categories: list(values.categories),
      onProgress(done, total) {
        if (Date.now() - lastPrinted > 15_000 || done === total) {
          lastPrinted = Date.now();
          console.error(`crawled ${done}/${total} filter sets (${Math.round((Date.now() - started) / 1000)} s)`);
        }
      },
    },
    {
      k: getEnv().MIN_CELL_SIZE,
      maxAdjustment: Number(values["max-adjustment"]),
      model: values.model as "suppression" | "cell-key" | undefined,
    },
  );
  console.log(
    values.json
      ? JSON.stringify({ report, openRound, openRoundOtherSetting, ablation, timings }, null, 2)
      : formatReport(report),
  );
  if (!values["skip-ablation"] && !values.json)
    console.log(
      `derived exactly without each signal: ${Object.entries(ablation)
        .map(([signal, n]) => `${signal} ${n}`)
        .join(", ")}`,
    );
  if (openRound && !values.json) console.log(formatOpenRound(openRound));
  if (openRoundOtherSetting && !values.json)
    console.log(
      `with publish-while-open switched to ${openRoundOtherSetting.publishWhileOpen}: ${formatOpenRound(openRoundOtherSetting)}`,
    );
  console.log(`crawl ${timings.crawlSeconds.toFixed(0)} s, solve ${timings.solveSeconds.toFixed(0)} s`);
} finally {
  await demo.drop();
}
process.exit(0);
