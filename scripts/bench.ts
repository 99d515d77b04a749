// npm run bench [-- --size 100000[,1000000] --db sqlite,postgres --parts summary,submissions,writes,export --requests 3000 --rounds 3 --calls 30 --views unfiltered,team --fresh --smoke]
// Builds the datasets through the app's bulk path, measures each part against a bare baseline in the same
// run, prints the results and writes them to docs/benchmarks.md (unless --smoke, which only checks the harness).
import { cpus, totalmem } from "node:os";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { databaseKind, type DatabaseKind } from "../lib/env";
import { buildDataset, databaseUrlFor, type Dataset } from "./bench/dataset";
import { benchExport, type ExportResult } from "./bench/export";
import { benchReadLoad, readLoadLines, type ReadLoadResult } from "./bench/read-load";
import { benchSubmissions, type LoadResult } from "./bench/submissions";
import { benchWritePath, type WritePathRound } from "./bench/write-path";
import { benchSummary, type SummaryResult } from "./bench/summary";
import { prepareDatabase } from "../lib/db/prepare";
import { createDb } from "../lib/db/client";
import { DEFAULT_QUESTIONS } from "../lib/survey/questions";

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "100000" },
    db: { type: "string" },
    parts: { type: "string", default: "summary,submissions,writes,export" },
    requests: { type: "string", default: "3000" },
    rounds: { type: "string", default: "3" },
    calls: { type: "string", default: "30" },
    // Summary views to measure, by name: unfiltered, team, category (default all three).
    views: { type: "string" },
    readers: { type: "string", default: "48" },
    "read-seconds": { type: "string", default: "20" },
    fresh: { type: "boolean", default: false },
    smoke: { type: "boolean", default: false },
    out: { type: "string", default: "docs/benchmarks.md" },
  },
});
const smoke = values.smoke;
// Several sizes in one run: --size 100000,1000000. Submissions go to their own small database, so they run once
// per database kind, with the first size.
const sizes = smoke ? [2000] : values.size.split(",").map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n <= 0))
  throw new Error(`--size takes positive whole numbers, not "${values.size}"`);
const requests = smoke ? 200 : Number(values.requests);
const rounds = smoke ? 1 : Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds takes a whole number from 1, not "${values.rounds}"`);
const calls = smoke ? 3 : Number(values.calls);
const parts = new Set(values.parts.split(","));
const readers = smoke ? 4 : Number(values.readers);
const readSeconds = smoke ? 2 : Number(values["read-seconds"]);
const postgresUrl =
  process.env.DATABASE_URL && databaseKind(process.env.DATABASE_URL) === "postgres"
    ? process.env.DATABASE_URL
    : undefined;
const kinds = (values.db ?? (postgresUrl ? "sqlite,postgres" : "sqlite")).split(",") as DatabaseKind[];
const log = (line: string) => console.log(line);

interface KindReport {
  dataset: Dataset;
  summary?: SummaryResult[];
  submissions?: Awaited<ReturnType<typeof benchSubmissions>>;
  writes?: WritePathRound[];
  exports?: ExportResult[];
  reads?: ReadLoadResult;
}

/** Submissions go to a fresh small database, so the dataset used by the other parts stays as it was built. */
async function submissionsDatabase(kind: DatabaseKind, name = "bench-submissions"): Promise<string> {
  const url = await databaseUrlFor(kind, name, postgresUrl, true);
  await prepareDatabase(url);
  const { db } = createDb(url);
  try {
    const round = await db.round.create({
      data: {
        slug: "bench",
        title: "Benchmark submissions",
        status: "open",
        questions: JSON.stringify(DEFAULT_QUESTIONS),
      },
    });
    const projects = await db.project.findMany({ orderBy: { position: "asc" } });
    await db.roundProject.createMany({
      data: projects.map((p, position) => ({ roundId: round.id, projectId: p.id, position })),
    });
  } finally {
    await db.$disconnect();
  }
  return url;
}

const reports: KindReport[] = [];
for (const kind of kinds)
  for (const [sizeIndex, size] of sizes.entries()) {
    log(`\n## ${kind}: building ${size.toLocaleString("en")} responses`);
    const dataset = await buildDataset(kind, size, postgresUrl, values.fresh || smoke, log);
    const report: KindReport = { dataset };
    if (parts.has("summary")) {
      log(`summary (${calls} calls per view)`);
      report.summary = await benchSummary(dataset.url, calls, log, values.views?.split(","));
    }
    if (parts.has("reads") && sizeIndex === 0) {
      log(`reads (${readers} clients asking for filter sets nobody asked before, ${readSeconds} s, with a probe)`);
      report.reads = await benchReadLoad(dataset.url, { clients: readers, seconds: readSeconds }, log);
    }
    if (parts.has("export")) {
      log("export");
      report.exports = await benchExport(dataset.url, log);
    }
    if (parts.has("writes") && sizeIndex === 0) {
      log(`write path in-process (20 writers, ${requests} answers each way, ${rounds} interleaved rounds)`);
      report.writes = await benchWritePath(await submissionsDatabase(kind, "bench-writes"), requests, rounds, log);
    }
    if (parts.has("submissions") && sizeIndex === 0) {
      log(`submissions (autocannon, 20 connections, ${requests} requests each, ${rounds} interleaved rounds)`);
      report.submissions = await benchSubmissions(await submissionsDatabase(kind), requests, rounds, log);
      if (!report.submissions.storedMatchesAcknowledged) {
        console.error(
          `stored ${report.submissions.stored} responses but acknowledged ${report.submissions.acknowledged}`,
        );
        process.exitCode = 1;
      }
    }
    reports.push(report);
  }

const ms = (value: number) => `${value.toFixed(1)} ms`;
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
// Two decimals, or two significant digits for ratios far below 1 (a stored figure against a count from scratch).
const ratio = (a: number, b: number) => `${a / b >= 0.1 ? (a / b).toFixed(2) : (a / b).toPrecision(2)}×`;
const lines: string[] = [
  "# Benchmarks",
  "",
  `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`,
  `Command: \`npm run bench -- --size ${sizes.join(",")} --db ${kinds.join(",")} --parts ${[...parts].join(",")} --requests ${requests} --rounds ${rounds} --calls ${calls}\``,
  "",
  "Absolute times on this shared machine are noisy; the ratios against the bare baseline measured in the same run are the figures to compare.",
];
for (const { dataset, summary, submissions, writes, exports, reads } of reports) {
  lines.push(
    "",
    `## ${dataset.kind}: ${dataset.responses.toLocaleString("en")} responses, ${dataset.selections.toLocaleString("en")} project selections`,
  );
  if (dataset.buildSeconds !== null)
    lines.push(
      "",
      `Built through the bulk path in ${dataset.buildSeconds.toFixed(0)} s (${(dataset.responses / dataset.buildSeconds).toFixed(0)} responses/s).`,
    );
  if (summary) {
    lines.push(
      "",
      "### Summary: GET /api/v1/summary vs the same aggregates as bare SQL",
      "",
      `Stored: repeated calls while nothing changes (the stored figures are served). After a change: p50 of ${summary[0]?.changedCalls ?? 0} calls each made right after a new answer was submitted, so everything is counted afresh. Bare SQL on the driver, same aggregates: over the base tables (distinct counts, a self-join for pairs), and over the derived rows the app counts (ResponseCategory, ResponsePair).`,
      "",
      "| view | stored p50 | stored p95 | after a change p50 | bare SQL p50 (base tables) | bare SQL p50 (derived rows) | stored / bare base | after a change / bare base | after a change / bare derived |",
      "|---|---|---|---|---|---|---|---|---|",
    );
    for (const s of summary)
      lines.push(
        `| ${s.view} | ${ms(s.appP50)} | ${ms(s.appP95)} | ${ms(s.changedP50)} | ${ms(s.bareP50)} | ${ms(s.bareDerivedP50)} | ${ratio(s.appP50, s.bareP50)} | ${ratio(s.changedP50, s.bareP50)} | ${ratio(s.changedP50, s.bareDerivedP50)} |`,
      );
  }
  if (reads) lines.push("", ...readLoadLines(reads));
  if (submissions) {
    const { rounds: runs } = submissions;
    lines.push(
      "",
      `### Submissions: autocannon, 20 connections, ${requests} requests per server and round, ${runs.length} interleaved round${runs.length === 1 ? "" : "s"}`,
      "",
      "| round | server | requests/s | p50 | p99 | 2xx | errors |",
      "|---|---|---|---|---|---|---|",
    );
    runs.forEach((run, i) => {
      for (const r of [run.app, run.noWrite, run.bare] as LoadResult[])
        lines.push(
          `| ${i + 1} | ${r.name} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50} ms | ${r.p99} ms | ${r.ok} | ${r.failed} |`,
        );
    });
    const vsNoWrite = runs.map((run) => run.app.requestsPerSecond / run.noWrite.requestsPerSecond);
    const vsBare = runs.map((run) => run.app.requestsPerSecond / run.bare.requestsPerSecond);
    const each = (values: number[]) => values.map((v) => `${v.toFixed(2)}×`).join(", ");
    lines.push(
      "",
      `App vs no-write route: **${median(vsNoWrite).toFixed(2)}×** median of the rounds (${each(vsNoWrite)}); app vs bare insert: **${median(vsBare).toFixed(2)}×** (${each(vsBare)}). Worst app p99: ${Math.max(...runs.map((run) => run.app.p99))} ms. Stored responses after the run: ${submissions.stored}; acknowledged (2xx, warm-up included): ${submissions.acknowledged}${submissions.storedMatchesAcknowledged ? " (equal)" : " — MISMATCH"}.`,
    );
  }
  if (writes) {
    lines.push(
      "",
      `### Write path: group commit vs a transaction per answer, in-process, 20 writers, ${requests} answers each way per round`,
      "",
      "| round | write path | answers/s | p50 | p99 |",
      "|---|---|---|---|---|",
    );
    writes.forEach((round, i) => {
      for (const r of [round.grouped, round.alone])
        lines.push(`| ${i + 1} | ${r.name} | ${r.answersPerSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} |`);
    });
    const gains = writes.map((round) => round.grouped.answersPerSecond / round.alone.answersPerSecond);
    lines.push("", `Group commit vs a transaction per answer: **${median(gains).toFixed(2)}×** median of the rounds (${gains.map((g) => `${g.toFixed(2)}×`).join(", ")}).`);
  }
  if (exports) {
    const bare = exports.at(-1)!;
    lines.push(
      "",
      "### Export: CSV through next start vs a bare cursor dump",
      "",
      "| export | rows | rows/s | first byte | peak RSS | vs bare |",
      "|---|---|---|---|---|---|",
    );
    for (const e of exports)
      lines.push(
        `| ${e.name} | ${e.rows.toLocaleString("en")} | ${e.rowsPerSecond.toFixed(0)} | ${ms(e.firstByteMs)} | ${e.peakRssMb.toFixed(0)} MB | ${ratio(e.rowsPerSecond, bare.rowsPerSecond)} |`,
      );
  }
}
const text = lines.join("\n") + "\n";
console.log(`\n${text}`);
// The hand-written analysis below the marker survives a new run; the tables above it are replaced.
const ANALYSIS_MARKER = "<!-- analysis: kept across runs -->";
const previous = existsSync(values.out) ? readFileSync(values.out, "utf8") : "";
const analysis = previous.includes(ANALYSIS_MARKER) ? previous.slice(previous.indexOf(ANALYSIS_MARKER)) : "";
if (!smoke) writeFileSync(values.out, analysis ? `${text}\n${analysis}` : text);
