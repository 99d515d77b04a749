// Export benchmark: rows per second, time to first byte and peak RSS of the wide and long CSV exports through
// `next start`, against a bare cursor dump of the same rows (better-sqlite3 iterate / pg cursor -> csv-stringify).
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import Database from "better-sqlite3";
import pg from "pg";
import { createCsvStringifier } from "../../lib/survey/csv";
import { startAppServer } from "../../tests/helpers/app-server";
import { watchPeakRss } from "./http-timing";

export interface ExportResult {
  name: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  firstByteMs: number;
  peakRssMb: number;
}

const TOKEN = "bench-export-token-0123456789abcdef";

async function timeExport(baseUrl: string, layout: "wide" | "long", pid: number): Promise<ExportResult> {
  const memory = watchPeakRss(pid);
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/export/responses.csv?round=bench&layout=${layout}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  if (!response.ok || !response.body) throw new Error(`export ${layout} answered ${response.status}: ${await response.text()}`);
  let firstByteMs = -1;
  let lines = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (firstByteMs < 0) firstByteMs = performance.now() - started;
    for (const byte of value) if (byte === 0x0a) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = Math.max(0, lines - 1); // minus the header (quoted line breaks inside cells are rare in bench data)
  return { name: `${layout} export (app, next start)`, rows, seconds, rowsPerSecond: rows / seconds, firstByteMs, peakRssMb: memory.stop() };
}

const LONG_ROWS_SQL = `SELECT r.id, r."createdAt", p.slug, p.name, rp."kindCode", rp."kindReview", rp."kindBugs", rp."kindDocs", rp."kindMaintainer", rp.frequency
  FROM "ResponseProject" rp JOIN "Response" r ON r.id = rp."responseId" JOIN "Project" p ON p.id = rp."projectId"
  JOIN "Round" rd ON rd.id = r."roundId" WHERE rd.slug = 'bench' ORDER BY r.id`;

async function bareDump(url: string): Promise<ExportResult> {
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

export async function benchExport(url: string, log: (line: string) => void): Promise<ExportResult[]> {
  const results: ExportResult[] = [];
  for (const layout of ["long", "wide"] as const) {
    // A fresh server per layout, so each peak RSS is that export's own.
    const server = await startAppServer(url, { EXPORT_TOKEN: TOKEN });
    try {
      const result = await timeExport(server.url, layout, server.process.pid!);
      log(`  ${result.name}: ${result.rows.toLocaleString("en")} rows, ${result.rowsPerSecond.toFixed(0)} rows/s, first byte ${result.firstByteMs.toFixed(0)} ms, peak RSS ${result.peakRssMb.toFixed(0)} MB`);
      results.push(result);
    } finally {
      await server.stop();
    }
  }
  const bare = await bareDump(url);
  log(`  ${bare.name}: ${bare.rows.toLocaleString("en")} rows, ${bare.rowsPerSecond.toFixed(0)} rows/s`);
  results.push(bare);
  return results;
}
