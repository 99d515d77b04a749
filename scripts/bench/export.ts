// Export benchmark: rows per second, time to first byte and peak RSS of the wide and long CSV exports through
// `next start`, against a bare cursor dump of the same rows (better-sqlite3 iterate / pg cursor -> csv-stringify).
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import Database from "better-sqlite3";
import pg from "pg";
import { createCsvStringifier } from "../../lib/survey/csv";
import { startAppServer } from "../../tests/helpers/app-server";
import { treeRssMb, watchPeakRss } from "./http-timing";

export interface ExportResult {
  name: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  firstByteMs: number;
  peakRssMb: number;
}

const TOKEN = "bench-export-token-0123456789abcdef";

export interface ServerExportResult extends ExportResult {
  bytes: number;
  /** Resident size of the server (and any children) after start-up, before the export. */
  idleRssMb: number;
}

async function timeExport(baseUrl: string, layout: "wide" | "long", pid: number, round: string): Promise<ServerExportResult> {
  const idleRssMb = treeRssMb(pid);
  const memory = watchPeakRss(pid);
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/export/responses.csv?round=${encodeURIComponent(round)}&layout=${layout}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  if (!response.ok || !response.body) throw new Error(`export ${layout} answered ${response.status}: ${await response.text()}`);
  let firstByteMs = -1;
  let lines = 0;
  let bytes = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (firstByteMs < 0) firstByteMs = performance.now() - started;
    bytes += value.byteLength;
    for (const byte of value) if (byte === 0x0a) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = Math.max(0, lines - 1); // minus the header (quoted line breaks inside cells are rare in bench data)
  return { name: `${layout} export (app, next start)`, rows, bytes, seconds, rowsPerSecond: rows / seconds, firstByteMs, peakRssMb: memory.stop(), idleRssMb };
}

/** One layout exported through a fresh `next start` (so the peak RSS is that export's own), then the server stopped. */
export async function measureServerExport(url: string, layout: "wide" | "long", round: string): Promise<ServerExportResult> {
  const server = await startAppServer(url, { EXPORT_TOKEN: TOKEN });
  try {
    return await timeExport(server.url, layout, server.process.pid!, round);
  } finally {
    await server.stop();
  }
}

// The round's slug is a bench constant (letters, digits and dashes), so it is inlined rather than bound: the
// PostgreSQL cursor below is declared with plain SQL.
// Rows in public-id order with the public id, as the app exports them.
const longRowsSql = (round: string) => `SELECT r."publicId", r."createdAt", p.slug, p.name, rp."kindCode", rp."kindReview", rp."kindBugs", rp."kindDocs", rp."kindMaintainer", rp.frequency
  FROM "ResponseProject" rp JOIN "Response" r ON r.id = rp."responseId" JOIN "Project" p ON p.id = rp."projectId"
  JOIN "Round" rd ON rd.id = r."roundId" WHERE rd.slug = '${round.replace(/[^a-z0-9-]/g, "")}' ORDER BY r."publicId"`;

/** The ceiling: the bare driver streaming the long layout's selection rows through csv-stringify, in this process. */
export async function bareDump(url: string, round = "bench"): Promise<ExportResult> {
  const LONG_ROWS_SQL = longRowsSql(round);
  const memory = watchPeakRss(process.pid);
  const started = performance.now();
  let firstByteMs = -1;
  let rows = 0;
  const sink = new Writable({
    write(_chunk, _encoding, done) {
      if (firstByteMs < 0) firstByteMs = performance.now() - started;
      done();
    },
  });
  const csv = createCsvStringifier();
  const pumping = pipeline(csv, sink);
  const writeRow = async (row: unknown[]) => {
    rows++;
    if (!csv.write(row.map((v) => (v === null || v === undefined ? "" : String(v))))) await new Promise((r) => csv.once("drain", r));
  };
  if (url.startsWith("file:")) {
    const db = new Database(url.slice(5), { readonly: true });
    for (const row of db.prepare(LONG_ROWS_SQL).raw().iterate()) await writeRow(row as unknown[]);
    db.close();
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("BEGIN");
    await client.query(`DECLARE dump NO SCROLL CURSOR FOR ${LONG_ROWS_SQL}`);
    for (;;) {
      const batch = await client.query({ text: "FETCH 2000 FROM dump", rowMode: "array" });
      if (batch.rows.length === 0) break;
      for (const row of batch.rows) await writeRow(row as unknown[]);
    }
    await client.query("COMMIT");
    await client.end();
  }
  csv.end();
  await pumping;
  const seconds = (performance.now() - started) / 1000;
  return { name: "bare cursor dump (driver -> csv-stringify)", rows, seconds, rowsPerSecond: rows / seconds, firstByteMs, peakRssMb: memory.stop() };
}

export async function benchExport(url: string, log: (line: string) => void, round = "bench"): Promise<ExportResult[]> {
  const results: ExportResult[] = [];
  for (const layout of ["long", "wide"] as const) {
    const result = await measureServerExport(url, layout, round);
    log(
      `  ${result.name}: ${result.rows.toLocaleString("en")} rows, ${result.rowsPerSecond.toFixed(0)} rows/s, first byte ${result.firstByteMs.toFixed(0)} ms, ` +
        `peak RSS ${result.peakRssMb.toFixed(0)} MB (idle ${result.idleRssMb.toFixed(0)} MB)`,
    );
    results.push(result);
  }
  const bare = await bareDump(url, round);
  log(`  ${bare.name}: ${bare.rows.toLocaleString("en")} rows, ${bare.rowsPerSecond.toFixed(0)} rows/s`);
  results.push(bare);
  return results;
}
