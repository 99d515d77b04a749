// Benchmark datasets: N synthetic responses (about four project selections each) in an open round "bench",
// written through the app's own bulk path (insertResponsesBulk). Reused between runs unless --fresh.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb, type Db } from "../../lib/db/client";
import { prepareDatabase } from "../../lib/db/prepare";
import { demoBulkResponse, insertResponsesBulk } from "../../lib/db/responses-bulk";
import { generateDemoResponses } from "../../lib/survey/demo-generator";
import { hashEditToken } from "../../lib/survey/edit-token";
import { DEFAULT_QUESTIONS } from "../../lib/survey/questions";
import type { DatabaseKind } from "../../lib/env";

export const BENCH_ROUND = "bench";
const DIR = join(process.cwd(), "bench-data");

export interface Dataset {
  kind: DatabaseKind;
  url: string;
  responses: number;
  selections: number;
  buildSeconds: number | null;
}

export async function databaseUrlFor(kind: DatabaseKind, name: string, postgresUrl: string | undefined, fresh: boolean): Promise<string> {
  if (kind === "sqlite") {
    mkdirSync(DIR, { recursive: true });
    const file = join(DIR, `${name}.db`);
    if (fresh) for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    return `file:${file}`;
  }
  if (!postgresUrl) throw new Error("PostgreSQL benchmarks need DATABASE_URL=postgresql://...");
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  // BENCH_DATABASE_PREFIX keeps benchmarks run side by side on one server out of each other's databases.
  const database = `census_${`${process.env.BENCH_DATABASE_PREFIX ?? ""}${name}`.replace(/[^a-z0-9_]/g, "_")}`;
  try {
    if (fresh) await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(postgresUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function ensureBenchRound(db: Db): Promise<number> {
  const existing = await db.round.findUnique({ where: { slug: BENCH_ROUND } });
  if (existing) return existing.id;
  const round = await db.round.create({
    data: { slug: BENCH_ROUND, title: "Benchmark (synthetic data)", status: "open", opensAt: new Date("2026-01-01T00:00:00Z"), questions: JSON.stringify(DEFAULT_QUESTIONS) },
  });
  const projects = await db.project.findMany({ orderBy: { position: "asc" } });
  await db.roundProject.createMany({ data: projects.map((p, position) => ({ roundId: round.id, projectId: p.id, position })) });
  return round.id;
}

export async function buildDataset(kind: DatabaseKind, size: number, postgresUrl: string | undefined, fresh: boolean, log: (line: string) => void): Promise<Dataset> {
  const url = await databaseUrlFor(kind, `bench-${size}`, postgresUrl, fresh);
  await prepareDatabase(url, { missingOnly: true });
  const { db } = createDb(url);
  try {
    const roundId = await ensureBenchRound(db);
    const have = await db.response.count({ where: { roundId } });
    let buildSeconds: number | null = null;
    if (have !== size) {
      if (have > 0) throw new Error(`bench database ${url} holds ${have} responses, not ${size}: rerun with --fresh`);
      const projects = await db.project.findMany({ where: { status: "active" }, orderBy: { position: "asc" }, select: { id: true, slug: true } });
      const teams = await db.team.findMany({ orderBy: { position: "asc" }, select: { id: true, slug: true } });
      const started = performance.now();
      const chunk = 20_000;
      for (let done = 0; done < size; done += chunk) {
        const count = Math.min(chunk, size - done);
        const generated = generateDemoResponses({ projects, teams }, { count, seed: 1000 + done, start: new Date("2026-01-01T00:00:00Z"), days: 60 });
        await insertResponsesBulk(
          db,
          roundId,
          generated.map((r) => demoBulkResponse(r, hashEditToken(randomBytes(16).toString("base64url")))),
          2_000,
        );
        log(`  ${kind}: ${Math.min(done + chunk, size).toLocaleString("en")} / ${size.toLocaleString("en")} responses written`);
      }
      buildSeconds = (performance.now() - started) / 1000;
      // Planner statistics, as PostgreSQL's autovacuum would gather soon after a bulk load: without them it picks
      // nested loops over the freshly loaded tables (a filtered summary took minutes instead of seconds).
      await db.$executeRawUnsafe("ANALYZE");
    }
    const selections = await db.responseProject.count({ where: { roundId } });
    return { kind, url, responses: size, selections, buildSeconds };
  } finally {
    await db.$disconnect();
  }
}

export function isSqliteUrl(url: string): boolean {
  return url.startsWith("file:") && existsSync(url.slice(5));
}
