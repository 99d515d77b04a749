// npm run deps:load -- path/to/global-requirements.txt [--section general] [--dry-run]
// npm run deps:load -- --history
// Loads a requirements file of any year as the community's dependency list; nothing is written unless the whole
// file (and every file it includes with "-r") is valid. --dry-run shows what would be added, updated and dropped.
import { readFileSync, statSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { listDependencyLoads } from "../lib/db/dependency-history";
import { loadDependencyList } from "../lib/db/dependencies-load";
import { toListedDependency } from "../lib/survey/dependency-plan";
import { MAX_REQUIREMENTS_BYTES, parseRequirements, RequirementsError } from "../lib/survey/requirements-parse";
import { openPreparedDatabase } from "./open-database";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    section: { type: "string", default: "general" },
    "dry-run": { type: "boolean", default: false },
    history: { type: "boolean", default: false },
  },
});
const file = positionals[0];
if (!file && !values.history) {
  console.error(
    "usage: npm run deps:load -- path/to/global-requirements.txt [--section general] [--dry-run] | --history",
  );
  process.exit(2);
}

function readText(path: string): string {
  if (statSync(path).size > MAX_REQUIREMENTS_BYTES) {
    throw new RequirementsError(null, `the file is larger than ${MAX_REQUIREMENTS_BYTES / 1024 / 1024} MB`, path);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(path));
  } catch (error) {
    if (error instanceof TypeError) throw new RequirementsError(null, "the file is not valid UTF-8", path);
    throw error;
  }
}

let parsed;
let text = "";
if (file) {
  try {
    text = readText(file);
    parsed = parseRequirements(text, {
      defaultSection: values.section,
      fileName: file,
      readInclude: (path, from) => {
        const name = resolve(dirname(from), path);
        return { name, text: readText(name) };
      },
    });
  } catch (error) {
    const message = error instanceof RequirementsError ? error.message : `${file}: ${(error as Error).message}`;
    console.error(`upstream-census: ${message}. Nothing was loaded.`);
    process.exit(1);
  }
}

const db = await openPreparedDatabase();
try {
  if (parsed && file) {
    for (const skipped of parsed.skipped)
      console.log(`Not a dependency, left out: ${skipped.file} line ${skipped.line}: ${skipped.reason}`);
    const listed = parsed.requirements.map(toListedDependency);
    const dryRun = values["dry-run"];
    const result = await loadDependencyList(db, listed, { source: basename(file), text, dryRun });
    if (dryRun) console.log("Dry run: nothing was written. It would load:");
    for (const line of result.summary) console.log(line);
  }
  if (values.history) {
    for (const load of await listDependencyLoads(db)) {
      console.log(
        `${load.at.toISOString()}  ${load.source}  ${load.packages} packages: +${load.added} ~${load.updated} -${load.dropped}  sha256 ${load.sha256.slice(0, 12)}`,
      );
    }
  }
} finally {
  await db.$disconnect();
}
