// npm run bench:export -- [--responses 50000] [--url file:/tmp/x.db|postgresql://...] [--layout wide|long|both] [--batch 500] [--keep]
// Builds a large round through the app's bulk path, then measures the raw CSV export (the same code the route
// streams) in a fresh child process per run, so peak RSS is the export's alone: time to first byte, time to the
// first data row, rows per second and peak RSS, beside a bare cursor dump of the same rows on the same driver.
// A benchmark, not a test: it asserts nothing about speed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { createDb, sqliteFilePath, type Db } from "../lib/db/client";
import { prepareDatabase } from "../lib/db/prepare";
import { insertResponsesBulk } from "../lib/db/responses";
import { prepareResponsesExport, responsesCsvStream } from "../lib/db/responses-export";
import { databaseKind } from "../lib/env";
import { generateDemoResponses } from "../lib/survey/demo-generator";
import { hashEditToken } from "../lib/survey/edit-token";
import { DEFAULT_QUESTIONS } from "../lib/survey/questions";

const BENCH_ROUND = "bench-export";
const { values } = parseArgs({
  options: {
    responses: { type: "string", default: "50000" },
    url: { type: "string" },
    layout: { type: "string", default: "both" },
    measure: { type: "string" },
    baseline: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    batch: { type: "string", default: "500" },
  },
});

interface Measurement {
  run: string;
  rows: number;
  bytes: number;
  firstByteMs: number;
  firstRowMs: number;
  totalMs: number;
  peakRssMb: number;
  /** Resident size of the connected process before the run. */
  idleRssMb?: number;
}

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** Child process: export one layout through responsesCsvStream into nowhere, timing it. */
async function measureExport(url: string, layout: "wide" | "long", batchSize: number): Promise<Measurement> {
  const { db } = createDb(url);
  await db.round.count(); // connect first: the process's resident size before the export is reported beside its peak
  const idleRssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  const started = performance.now();
  const prepared = await prepareResponsesExport(db, { round: BENCH_ROUND, layout, bom: false });
  if (!prepared.ok) throw new Error(prepared.message);
  const reader = responsesCsvStream(db, prepared.plan, { batchSize }).getReader();
  let firstByteMs = 0;
  let firstRowMs = 0;
  let bytes = 0;
  let lineBreaks = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    const now = performance.now() - started;
    if (bytes === 0) firstByteMs = now;
    else if (firstRowMs === 0) firstRowMs = now;
    bytes += chunk.value.byteLength;
    // Bench data has no line breaks inside cells, so every CRLF ends a row.
    for (let i = 0; i < chunk.value.length; i++) if (chunk.value[i] === 0x0a) lineBreaks++;
  }
  const totalMs = performance.now() - started;
  await db.$disconnect();
  return { run: `export ${layout}`, rows: lineBreaks - 1, bytes, firstByteMs, firstRowMs, totalMs, peakRssMb: peakRssMb(), idleRssMb };
}

const BASELINE_SQL = `
  SELECT r."id", r."createdAt", r."employerPaid", r."yearsContributing", p."slug", rp."frequency",
         rp."kindCode", rp."kindReview", rp."kindBugs", rp."kindDocs", rp."kindMaintainer"
  FROM "Response" r
  JOIN "Round" ro ON ro."id" = r."roundId"
  JOIN "ResponseProject" rp ON rp."responseId" = r."id"
  JOIN "Project" p ON p."id" = rp."projectId"
  WHERE ro."slug" = $1`;

/** Child process: the bare driver dumping the long layout's selection rows as naive CSV — the ceiling to compare with. */
async function measureBaseline(url: string): Promise<Measurement> {
  const started = performance.now();
  let rows = 0;
  let bytes = 0;
  let firstByteMs = 0;
  const sink = (line: string) => {
    if (bytes === 0) firstByteMs = performance.now() - started;
    bytes += Buffer.byteLength(line);
    rows++;
  };
  const toLine = (row: Record<string, unknown>) => Object.values(row).map(String).join(",") + "\r\n";
  if (databaseKind(url) === "sqlite") {
    const raw = new Database(sqliteFilePath(url), { readonly: true });
    for (const row of raw.prepare(`${BASELINE_SQL.replace("$1", "?")} ORDER BY r."id"`).iterate(BENCH_ROUND)) sink(toLine(row as Record<string, unknown>));
    raw.close();
  } else {
    // pg has no server cursor without an extra package: keyset pages of 10,000 responses, the same access pattern as the export.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    let after = "";
    for (;;) {
      const ids = await client.query<{ id: string }>(
        `SELECT r."id" FROM "Response" r JOIN "Round" ro ON ro."id" = r."roundId" WHERE ro."slug" = $1 AND r."id" > $2 ORDER BY r."id" LIMIT 10000`,
        [BENCH_ROUND, after],
      );
      const last = ids.rows.at(-1);
      if (!last) break;
      const page = await client.query(`${BASELINE_SQL} AND r."id" > $2 AND r."id" <= $3 ORDER BY r."id"`, [BENCH_ROUND, after, last.id]);
      for (const row of page.rows) sink(toLine(row as Record<string, unknown>));
      after = last.id;
    }
    await client.end();
  }
  const totalMs = performance.now() - started;
  return { run: "bare cursor dump (selections)", rows, bytes, firstByteMs, firstRowMs: firstByteMs, totalMs, peakRssMb: peakRssMb() };
}

/** Fill the bench round with `count` synthetic responses through insertResponsesBulk, 5,000 at a time. */
async function buildDataset(db: Db, count: number): Promise<{ responses: number; selections: number }> {
  const existing = await db.round.findUnique({ where: { slug: BENCH_ROUND } });
  if (existing) await db.round.delete({ where: { id: existing.id } });
  const projects = await db.project.findMany({ where: { status: "active" }, orderBy: { position: "asc" }, select: { id: true, slug: true } });
  const teams = await db.team.findMany({ where: { isActive: true }, orderBy: { position: "asc" }, select: { id: true, slug: true } });
  const round = await db.round.create({ data: { slug: BENCH_ROUND, title: "Export benchmark", status: "closed", questions: JSON.stringify(DEFAULT_QUESTIONS) } });
  await db.roundProject.createMany({ data: projects.map((p, position) => ({ roundId: round.id, projectId: p.id, position })) });
  for (let start = 0, chunk = 0; start < count; start += 5000, chunk++) {
    const generated = generateDemoResponses(
      { projects, teams },
      { count: Math.min(5000, count - start), seed: 9000 + chunk, start: new Date("2026-01-01T00:00:00Z"), days: 60 },
    );
    await insertResponsesBulk(
      db,
      round.id,
      generated.map((r, i) => ({
        editTokenHash: hashEditToken(`bench-${start + i}`),
        source: "demo" as const,
        createdAt: r.createdAt,
        notOpenStackContributor: r.notOpenStackContributor,
        yearsContributing: r.yearsContributing,
        employerPaid: r.employerPaid,
        teamIds: r.teamIds,
        selections: r.selections,
        others: r.others.map((rawText) => ({ rawText, projectId: null })),
      })),
      1000,
    );
    process.stdout.write(`\r  inserted ${Math.min(count, start + 5000).toLocaleString("en")} responses`);
  }
  process.stdout.write("\n");
  return { responses: await db.response.count({ where: { roundId: round.id } }), selections: await db.responseProject.count({ where: { roundId: round.id } }) };
}

function runChild(url: string, args: string[]): Measurement {
  const child = spawnSync("node_modules/.bin/tsx", ["scripts/bench-export.ts", "--url", url, ...args], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`measurement failed: ${child.stderr}`);
  const last = child.stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(last) as Measurement;
}

if (values.measure) {
  console.log(JSON.stringify(await measureExport(values.url ?? "", values.measure === "long" ? "long" : "wide", Number(values.batch))));
} else if (values.baseline) {
  console.log(JSON.stringify(await measureBaseline(values.url ?? "")));
} else {
  const count = Number(values.responses);
  if (!Number.isInteger(count) || count < 1) throw new Error("--responses must be a positive whole number");
  const tempDir = values.url ? null : mkdtempSync(join(tmpdir(), "census-bench-export-"));
  const url = values.url ?? `file:${join(tempDir ?? "", "census.db")}`;
  console.log(`Export benchmark on ${databaseKind(url)}: building ${count.toLocaleString("en")} responses`);
  await prepareDatabase(url);
  const { db } = createDb(url);
  const dataset = await buildDataset(db, count);
  await db.$disconnect();
  const layouts = values.layout === "both" ? (["wide", "long"] as const) : ([values.layout === "long" ? "long" : "wide"] as const);
  const results = [runChild(url, ["--baseline"]), ...layouts.map((layout) => runChild(url, ["--measure", layout, "--batch", values.batch]))];
  const baseline = results[0];
  console.log(`\n${dataset.responses.toLocaleString("en")} responses, ${dataset.selections.toLocaleString("en")} selections (${databaseKind(url)})\n`);
  console.log("| run | rows | MB | first byte | first row | total | rows/s | peak RSS (idle) | rows/s vs bare dump |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const m of results) {
    const rate = m.rows / (m.totalMs / 1000);
    const ratio = baseline ? rate / (baseline.rows / (baseline.totalMs / 1000)) : 1;
    console.log(
      `| ${m.run} | ${m.rows.toLocaleString("en")} | ${(m.bytes / 1e6).toFixed(1)} | ${m.firstByteMs.toFixed(0)} ms | ${m.firstRowMs.toFixed(0)} ms | ` +
        `${(m.totalMs / 1000).toFixed(1)} s | ${Math.round(rate).toLocaleString("en")} | ${m.peakRssMb} MB${m.idleRssMb ? ` (${m.idleRssMb})` : ""} | ${ratio.toFixed(2)}× |`,
    );
  }
  if (tempDir && !values.keep) rmSync(tempDir, { recursive: true, force: true });
  else console.log(`\ndatabase kept at ${url}`);
}
