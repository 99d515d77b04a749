// npm run import -- file.csv --round slug [--skip-invalid] [--dry-run]: import responses collected elsewhere.
// Prints one line per row (matched, free text, rejected with the reason) and writes all valid rows or none.
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { createDb } from "../lib/db/client";
import { describeStartupError, prepareDatabase } from "../lib/db/prepare";
import { importResponsesCsv } from "../lib/db/responses-import";
import { getEnv } from "../lib/env";
import { MAX_IMPORT_BYTES, formatImportReport } from "../lib/survey/responses-import";

const usage = "usage: npm run import -- file.csv --round slug [--skip-invalid] [--dry-run]";
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { round: { type: "string" }, "skip-invalid": { type: "boolean", default: false }, "dry-run": { type: "boolean", default: false } },
  });
} catch (error) {
  console.error(`upstream-census: ${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const { values, positionals } = parsed;
const [file, ...extra] = positionals;
if (!file || extra.length > 0 || !values.round) {
  console.error(`upstream-census: give one CSV file and --round\n${usage}`);
  process.exit(2);
}

let size: number;
try {
  size = statSync(file).size;
} catch (error) {
  console.error(`upstream-census: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  process.exit(2);
}
// Checked before reading, so a huge file is refused without loading it into memory.
if (size > MAX_IMPORT_BYTES) {
  console.error(`upstream-census: ${file} is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into several files. Nothing was written.`);
  process.exit(1);
}

let url: string | undefined;
try {
  url = getEnv().DATABASE_URL;
  await prepareDatabase(url, { missingOnly: true });
} catch (error) {
  console.error(`upstream-census: ${describeStartupError(error, url)}`);
  process.exit(1);
}
const { db } = createDb(url);
try {
  const result = await importResponsesCsv(db, readFileSync(file), {
    file: basename(file),
    roundSlug: values.round,
    skipInvalid: values["skip-invalid"],
    dryRun: values["dry-run"],
  });
  if (!result.ok) {
    const where = result.error.line === null ? "" : `line ${result.error.line}: `;
    console.error(`upstream-census: ${basename(file)}: ${where}${result.error.message}. Nothing was written.`);
    process.exitCode = 1;
  } else {
    console.log(formatImportReport(result.report));
    // Invalid rows fail the command (also in a dry run, so it can check a file in CI) unless they were meant to be skipped.
    if (result.report.totals.rejected > 0 && !result.report.skipInvalid) process.exitCode = 1;
  }
} finally {
  await db.$disconnect();
}
