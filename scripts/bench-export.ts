// npm run bench:export -- [--responses 250000] [--url file:/tmp/x.db|postgresql://...] [--layout wide|long|both] [--keep]
// Builds a large round through the app's bulk path (or reuses one: a database that already holds the round with
// fewer responses is topped up, so a slow build is paid once), then exports each layout through a fresh
// `next start` (needs `npm run build` first): time to first byte, rows per second, and the server's peak RSS
// beside its idle RSS, against a bare cursor dump of the same selections in a child process of its own.
// A benchmark, not a test: it asserts nothing about speed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createDb, type Db } from "../lib/db/client";
import { prepareDatabase } from "../lib/db/prepare";
import { demoBulkResponse, insertResponsesBulk } from "../lib/db/responses-bulk";
import { databaseKind } from "../lib/env";
import { generateDemoResponses } from "../lib/survey/demo-generator";
import { hashEditToken } from "../lib/survey/edit-token";
import { DEFAULT_QUESTIONS } from "../lib/survey/questions";
import { bareDump, measureServerExport, type ExportResult } from "./bench/export";

const BENCH_ROUND = "bench-export";
const { values } = parseArgs({
  options: {
    responses: { type: "string", default: "50000" },
    url: { type: "string" },
    layout: { type: "string", default: "both" },
    baseline: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});

/**
 * The bench round with `count` synthetic responses, written through insertResponsesBulk 5,000 at a time. A round
 * already holding fewer is topped up (chunk seeds continue where the last build stopped); one holding more is rebuilt.
 */
async function buildDataset(db: Db, count: number): Promise<{ responses: number; selections: number }> {
  let round = await db.round.findUnique({ where: { slug: BENCH_ROUND } });
  let have = round ? await db.response.count({ where: { roundId: round.id } }) : 0;
  if (round && have > count) {
    await db.round.delete({ where: { id: round.id } });
    round = null;
    have = 0;
  }
  const projects = await db.project.findMany({ where: { status: "active" }, orderBy: { position: "asc" }, select: { id: true, slug: true } });
  const teams = await db.team.findMany({ where: { isActive: true }, orderBy: { position: "asc" }, select: { id: true, slug: true } });
  if (!round) {
    round = await db.round.create({ data: { slug: BENCH_ROUND, title: "Export benchmark", status: "closed", questions: JSON.stringify(DEFAULT_QUESTIONS) } });
    await db.roundProject.createMany({ data: projects.map((p, position) => ({ roundId: round!.id, projectId: p.id, position })) });
  }
  if (have > 0 && have < count) console.log(`  reusing ${have.toLocaleString("en")} responses already in the round`);
  for (let start = have; start < count; start += 5000) {
    const generated = generateDemoResponses(
      { projects, teams },
      { count: Math.min(5000, count - start), seed: 9000 + Math.floor(start / 5000), start: new Date("2026-01-01T00:00:00Z"), days: 60 },
    );
    await insertResponsesBulk(
      db,
      round.id,
      generated.map((r, i) => ({
        ...demoBulkResponse(r, hashEditToken(`bench-${start + i}`)),
        others: r.others.map((rawText) => ({ rawText, projectId: null })),
      })),
      1000,
    );
    process.stdout.write(`\r  inserted ${Math.min(count, start + 5000).toLocaleString("en")} responses`);
  }
  if (have < count) {
    process.stdout.write("\n");
    // Planner statistics after a bulk load, as the main benchmark gathers them (scripts/bench/dataset.ts).
    await db.$executeRawUnsafe("ANALYZE");
  }
  return { responses: await db.response.count({ where: { roundId: round.id } }), selections: await db.responseProject.count({ where: { roundId: round.id } }) };
}

/** The bare dump in a child process, so its peak RSS is its own. */
function runBaselineChild(url: string): ExportResult {
  const child = spawnSync("node_modules/.bin/tsx", ["scripts/bench-export.ts", "--baseline", "--url", url], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`bare dump failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "") as ExportResult;
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

if (values.baseline) {
  console.log(JSON.stringify(await bareDump(values.url ?? "", BENCH_ROUND)));
} else {
  const count = Number(values.responses);
  if (!Number.isInteger(count) || count < 1) throw new Error("--responses must be a positive whole number");
  const tempDir = values.url ? null : mkdtempSync(join(tmpdir(), "census-bench-export-"));
  const url = values.url ?? `file:${join(tempDir ?? "", "census.db")}`;
  console.log(`Export benchmark on ${databaseKind(url)}: ${count.toLocaleString("en")} responses`);
  await prepareDatabase(url, { missingOnly: true });
  const { db } = createDb(url);
  const dataset = await buildDataset(db, count);
  await db.$disconnect();
  const layouts = values.layout === "both" ? (["long", "wide"] as const) : ([values.layout === "wide" ? "wide" : "long"] as const);
  const bare = runBaselineChild(url);
  const bareRate = bare.rows / bare.seconds;
  console.log(`\n${dataset.responses.toLocaleString("en")} responses, ${dataset.selections.toLocaleString("en")} selections (${databaseKind(url)})\n`);
  console.log("| run | rows | MB | first byte | total | rows/s | peak RSS (idle) | rows/s vs bare dump |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
  console.log(`| ${bare.name} | ${bare.rows.toLocaleString("en")} | | ${bare.firstByteMs.toFixed(0)} ms | ${bare.seconds.toFixed(1)} s | ${Math.round(bareRate).toLocaleString("en")} | ${bare.peakRssMb.toFixed(0)} MB | 1.00× |`);
  for (const layout of layouts) {
    const m = await measureServerExport(url, layout, BENCH_ROUND);
    console.log(
      `| ${m.name} | ${m.rows.toLocaleString("en")} | ${mb(m.bytes)} | ${m.firstByteMs.toFixed(0)} ms | ${m.seconds.toFixed(1)} s | ${Math.round(m.rowsPerSecond).toLocaleString("en")} | ` +
        `${m.peakRssMb.toFixed(0)} MB (${m.idleRssMb.toFixed(0)}) | ${(m.rowsPerSecond / bareRate).toFixed(2)}× |`,
    );
  }
  if (tempDir && !values.keep) rmSync(tempDir, { recursive: true, force: true });
  else console.log(`\ndatabase kept at ${url}`);
}
