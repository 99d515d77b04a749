// What a stored summary part was made by: a hash of the source of the code that counts, shapes and suppresses it,
// constants such as the histogram's top bin included. It starts every snapshot's key (lib/db/summary-snapshots.ts;
// the run-time parameter k is in the key too), so a build whose figures could differ never serves an older build's,
// and start-up prunes what no build can serve again. The code is found by following the relative imports of the
// summary's entry module to the end, so a new helper or a moved constant is covered without anyone keeping a list.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/** The module every stored figure is computed through. */
export const SUMMARY_ENTRY = "lib/db/summary-queries.ts";

const IMPORT = /(?:import|export)\s[^;]*?from\s+["'](\.{1,2}\/[^"']+)["']/g;
const EXTENSIONS = ["", ".ts", ".tsx", "/index.ts"];

function resolveImport(fromFile: string, specifier: string): string | null {
  const base = resolve(dirname(fromFile), specifier);
  for (const extension of EXTENSIONS) {
    const candidate = base + extension;
    if (existsSync(candidate) && !candidate.endsWith("/")) return candidate;
  }
  return null;
}

/**
 * SHA-256 over the source of `entries` and of every file they import through relative paths, in path order.
 * Prisma's generated client is left out: it follows from the schema, and the queries that read it are covered.
 */
export function sourceFingerprint(entries: readonly string[], root = process.cwd()): string {
  const seen = new Map<string, string>();
  const pending = entries.map((entry) => join(root, entry));
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file) || file.includes("/generated/")) continue;
    const source = readFileSync(file, "utf8");
    seen.set(file, source);
    for (const [, specifier] of source.matchAll(IMPORT)) {
      const target = resolveImport(file, specifier!);
      if (target) pending.push(target);
    }
  }
  const hash = createHash("sha256");
  for (const file of [...seen.keys()].sort()) hash.update(`${relative(root, file)}\0${seen.get(file)}\0`);
  return hash.digest("hex");
}

let current: string | undefined;

/**
 * The fingerprint of the summary code this process runs, 16 hex digits. Computed once, from the sources in the
 * working directory (where `npm start` builds and serves from). Where they are missing (a build copied without
 * them), the Next.js build id stands in, so a new build still never serves an older one's figures.
 */
export function snapshotFingerprint(): string {
  current ??= (() => {
    const root = process.cwd();
    if (existsSync(join(root, SUMMARY_ENTRY))) return sourceFingerprint([SUMMARY_ENTRY], root).slice(0, 16);
    const buildId = join(root, ".next", "BUILD_ID");
    if (existsSync(buildId)) return createHash("sha256").update(readFileSync(buildId)).digest("hex").slice(0, 16);
    throw new Error(`cannot fingerprint the summary code: neither ${SUMMARY_ENTRY} nor .next/BUILD_ID is in ${root}`);
  })();
  return current;
}
