// npm start: prepare the database, build when the sources changed since the last build, then serve.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { getEnv } from "../lib/env";
import { describeStartupError, prepareDatabase, redactUrl } from "../lib/db/prepare";
import { serve } from "../lib/http/server";

const ROOT = process.cwd();
const SOURCES = ["app", "components", "lib", "prisma", "next.config.js", "package-lock.json", "tsconfig.json"];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === "generated" || entry === "node_modules") continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function needsBuild(): boolean {
  const buildId = join(ROOT, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(ROOT, source)) > built);
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

let url: string | undefined;
try {
  url = getEnv().DATABASE_URL;
  const report = await prepareDatabase(url, { missingOnly: true });
  console.log(`Database ready at ${redactUrl(url)}${report ? `; catalogue: ${report.created} added` : ""}`);
  for (const line of report?.dependencies ?? []) console.log(`Dependency list: ${line}`);
  // Data problems are reported, never fatal: the app serves with the data as it was.
  for (const problem of report?.problems ?? []) console.warn(`upstream-census: warning: ${problem}`);
} catch (error) {
  console.error(`upstream-census: ${describeStartupError(error, url)}`);
  process.exit(1);
}

const next = join(ROOT, "node_modules", ".bin", "next");
if (process.argv.includes("--rebuild") || needsBuild()) run(next, ["build"]);
// Served through the app's own server (lib/http/server.ts), not `next start`: only it sees the client's socket.
await serve({ port: Number(process.env.PORT ?? 3000), hostname: process.env.HOSTNAME ?? "0.0.0.0" });
