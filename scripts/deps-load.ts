// npm run deps:load -- path/to/global-requirements.txt [--section general]
// Refreshes the dependency list; nothing is written unless the whole file is valid.
import { readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { createDb } from "../lib/db/client";
import { refreshDependencies } from "../lib/db/dependencies-load";
import { describeStartupError, prepareDatabase } from "../lib/db/prepare";
import { getEnv } from "../lib/env";
import { MAX_REQUIREMENTS_BYTES, parseRequirements, RequirementsError } from "../lib/survey/requirements-parse";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { section: { type: "string", default: "general" } } });
const file = positionals[0];
if (!file) {
  console.error("usage: npm run deps:load -- path/to/global-requirements.txt [--section general]");
  process.exit(2);
}
let requirements;
try {
  if (statSync(file).size > MAX_REQUIREMENTS_BYTES) throw new RequirementsError(null, `the file is larger than ${MAX_REQUIREMENTS_BYTES / 1024 / 1024} MB`);
  const text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(file));
  requirements = parseRequirements(text, values.section);
} catch (error) {
  const message = error instanceof RequirementsError ? error.message : error instanceof TypeError ? "the file is not valid UTF-8" : (error as Error).message;
  console.error(`upstream-census: ${file}: ${message}. Nothing was loaded.`);
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
  const report = await refreshDependencies(db, requirements);
  console.log(`${requirements.length} packages read: ${report.added.length} added, ${report.updated.length} updated, ${report.dropped.length} dropped, ${report.unchanged} unchanged.`);
  if (report.dropped.length > 0) console.log(`Dropped (kept for earlier rounds): ${report.dropped.join(", ")}`);
  if (report.unmatched.length > 0) console.log(`External packages with no catalogue entry (${report.unmatched.length}): ${report.unmatched.join(", ")}`);
} finally {
  await db.$disconnect();
}
