// npm run import -- file.csv --round slug [--map "Which projects…=projects"]... [--date-order mdy|dmy]
//   [--skip-invalid] [--dry-run] [--no-prompt]
// Imports responses collected elsewhere (docs/import.md). Prints one line per row (matched, free text,
// rejected with the reason) and writes all valid responses or none. For a Google Forms or LimeSurvey export
// without --map, a terminal on stdin gets a guided prompt for the columns.
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { promptForColumns } from "../lib/cli/import-column-prompt";
import { createDb } from "../lib/db/client";
import { importResponsesCsv, type ImportOptions } from "../lib/db/import-into-round";
import { describeStartupError, prepareDatabase } from "../lib/db/prepare";
import { getEnv } from "../lib/env";
import { parseMapArgument, type MapRequest } from "../lib/survey/responses-import/column-map";
import { MAX_IMPORT_BYTES } from "../lib/survey/responses-import/csv-records";
import { formatImportReport } from "../lib/survey/responses-import/import-report";
import { DATE_ORDERS, type DateOrder } from "../lib/survey/responses-import/timestamps";

const usage =
  'usage: npm run import -- file.csv --round slug [--map "start of a header=target"]... [--date-order mdy|dmy] [--skip-invalid] [--dry-run] [--no-prompt]';
const fail = (message: string, code = 2): never => {
  console.error(`upstream-census: ${message}`);
  process.exit(code);
};

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      round: { type: "string" },
      map: { type: "string", multiple: true, default: [] },
      "date-order": { type: "string" },
      "skip-invalid": { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
      "no-prompt": { type: "boolean", default: false },
    },
  });
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`);
}
const { values, positionals } = parsed!;
const [file, ...extra] = positionals;
if (!file || extra.length > 0 || !values.round) fail(`give one CSV file and --round\n${usage}`);
const map: MapRequest[] = values.map.map((argument) => {
  const request = parseMapArgument(argument);
  return request.ok ? request.value : fail(request.message);
});
const dateOrder = values["date-order"];
if (dateOrder !== undefined && !(DATE_ORDERS as readonly string[]).includes(dateOrder))
  fail(`--date-order is ${DATE_ORDERS.join(" or ")}, not “${dateOrder}”`);

let size = 0;
try {
  size = statSync(file!).size;
} catch (error) {
  fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
}
// Checked before reading, so a huge file is refused without loading it into memory.
if (size > MAX_IMPORT_BYTES) {
  fail(
    `${file} is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into several files. Nothing was written.`,
    1,
  );
}

let url: string | undefined;
try {
  url = getEnv().DATABASE_URL;
  await prepareDatabase(url, { missingOnly: true });
} catch (error) {
  fail(describeStartupError(error, url), 1);
}
const { db } = createDb(url!);
const name = basename(file!);
const options: ImportOptions = {
  file: name,
  roundSlug: values.round!,
  map,
  dateOrder: dateOrder as DateOrder | undefined,
  skipInvalid: values["skip-invalid"],
  dryRun: values["dry-run"],
};
// The prompt only where someone can answer it, and never in place of columns given on the command line.
if (process.stdin.isTTY && map.length === 0 && !values["no-prompt"]) {
  const repeat = `npm run import -- ${file} --round ${values.round}`;
  options.chooseColumns = (outline) =>
    promptForColumns(outline, { input: process.stdin, output: process.stdout }, repeat);
}
try {
  const result = await importResponsesCsv(db, readFileSync(file!), options);
  if (!result.ok) {
    const where = result.error.line === null ? "" : `line ${result.error.line}: `;
    console.error(`upstream-census: ${name}: ${where}${result.error.message}. Nothing was written.`);
    process.exitCode = 1;
  } else {
    console.log(formatImportReport(result.report));
    // Invalid rows fail the command (also in a dry run, so it can check a file in CI) unless they were meant to be skipped.
    if (result.report.totals.rejected > 0 && !result.report.skipInvalid) process.exitCode = 1;
  }
} catch (error) {
  console.error(`upstream-census: ${name}: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
  // A prompt reading the terminal keeps stdin open.
  if (options.chooseColumns) process.stdin.pause();
}
