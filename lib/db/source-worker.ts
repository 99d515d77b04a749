// Starting a worker thread whose entry is a TypeScript module of lib/db, outside a Next.js build (tests and
// scripts run from source through tsx). Inside a build the caller writes `new Worker("./lib/db/<entry>.ts")`
// itself: Turbopack bundles that exact expression as a worker chunk. (The `new URL("./entry.ts",
// import.meta.url)` form would also copy the entry's source into the build's public assets.)
import { Worker, type WorkerOptions } from "node:worker_threads";

/** A worker that loads `entry` (a file: URL or path of a .ts module) through tsx, which a worker's execArgv cannot register. */
export function startSourceWorker(entry: string, options: Omit<WorkerOptions, "eval">): Worker {
  const source = `import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;
  return new Worker(source, { ...options, eval: true });
}

/** The file: URL of a sibling module of `moduleUrl` (import.meta.url of the caller), by plain string edit. */
export function siblingModule(moduleUrl: string, name: string): string {
  return moduleUrl.replace(/[^/]+$/, name);
}
