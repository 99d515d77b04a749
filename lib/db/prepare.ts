// Bringing a database to a usable state: reachable, migrated, catalogue loaded, a first round open.
// An unreachable or unmigratable database stops start-up with one line that says what is wrong and how to fix
// it (see describeStartupError); a problem in the catalogue or dependency data never does: it is reported in
// PrepareReport.problems and the app starts with the data as it was.
import Database from "better-sqlite3";
import pg from "pg";
import { CatalogueError } from "../survey/catalogue-csv";
import { databaseKind, EnvError } from "../env";
import { ensureFirstRound, loadCatalogue, readCatalogueFiles, type LoadReport } from "./catalogue";
import { BUNDLED_LIST_SOURCE, hasDependencyHistory, listBundledDependencies, loadDependencyList } from "./dependencies-load";
import { createDb, sqliteFilePath } from "./client";
import { foldPendingTotalsOrReport } from "./round-totals-fold";
import { migratePostgres, migrateSqlite } from "./migrate";
import { settleRoundSchedule } from "./round-schedule";
import { pruneSnapshots } from "./summary-snapshots";

export interface PrepareOptions {
  loadCatalogue?: boolean;
  /** Only add missing catalogue entries, keeping organisers' edits (what `npm start` does). */
  missingOnly?: boolean;
}

export interface PrepareReport extends LoadReport {
  /** The load of the bundled dependency list, made once on a database that has no dependency history. */
  dependencies: string[] | null;
  /**
   * Problems with the catalogue or dependency data, one line each. They never stop start-up: the data stays as
   * it was (each load is one transaction) and the app starts; the organiser fixes the data and reloads.
   */
  problems: string[];
}

export async function prepareDatabase(url: string, options: PrepareOptions = {}): Promise<PrepareReport | null> {
  if (databaseKind(url) === "sqlite") {
    const handle = createDb(url); // creates the data directory
    await handle.db.$disconnect();
    const file = sqliteFilePath(url);
    const raw = new Database(file);
    // WAL lets the dashboard read while a submission writes; the mode is stored in the file.
    raw.pragma("journal_mode = WAL");
    raw.close();
    migrateSqlite(url, file);
  } else {
    await checkPostgres(url);
    await migratePostgres(url);
    // Answers left pending by an instance that stopped before folding them (lib/db/round-totals-fold.ts).
    const { db } = createDb(url);
    await foldPendingTotalsOrReport(db, "start-up").finally(() => db.$disconnect());
  }
  if (options.loadCatalogue === false) return null;
  const report: PrepareReport = { created: 0, updated: 0, skipped: [], dependencies: null, problems: [] };
  const { db } = createDb(url);
  try {
    const files = await attempt(report, "catalogue", async () => readCatalogueFiles());
    if (files) {
      const loaded = await attempt(report, "catalogue", () => loadCatalogue(db, files, { missingOnly: options.missingOnly }));
      if (loaded) Object.assign(report, { created: loaded.created, updated: loaded.updated, skipped: loaded.skipped });
      report.problems.push(...report.skipped.map((line) => `catalogue: ${line}`));
      // The bundled dependency list is loaded once; after that the organisers' loads (npm run deps:load) stand.
      if (!(await hasDependencyHistory(db))) {
        const result = await attempt(report, "dependencies", async () =>
          loadDependencyList(db, await listBundledDependencies(db, files.dependencies), {
            source: BUNDLED_LIST_SOURCE,
            text: JSON.stringify(files.dependencies),
          }),
        );
        if (result) report.dependencies = result.summary;
      }
    }
    await ensureFirstRound(db);
    // Record openings and closings that fell due while no instance was running (readers never wait for it).
    await attempt(report, "round schedule", () => settleRoundSchedule(db));
    await pruneSnapshots(db);
    return report;
  } finally {
    await db.$disconnect();
  }
}

/** Run one data step; a failure becomes a line in report.problems instead of stopping start-up. */
async function attempt<T>(report: PrepareReport, what: string, step: () => Promise<T>): Promise<T | null> {
  try {
    return await step();
  } catch (error) {
    const message = error instanceof CatalogueError ? `file ${error.message}` : (error as Error).message.split("\n").at(-1)?.trim();
    report.problems.push(`${what}: ${message}. The stored ${what} was left as it was.`);
    return null;
  }
}

async function checkPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** One line for a start-up failure: what is wrong and how to fix it. */
export function describeStartupError(error: unknown, url?: string): string {
  const err = error as NodeJS.ErrnoException & { stderr?: Buffer; code?: string };
  if (error instanceof EnvError) return `${error.message}. Fix the variable (see the README's table) and start again.`;
  if (error instanceof CatalogueError)
    return `Catalogue file ${error.message}. Fix the file and start again; nothing was written.`;
  const where = url ? redactUrl(url) : "the database";
  switch (err.code) {
    case "ECONNREFUSED":
      return `Cannot reach PostgreSQL at ${where} (connection refused). Start the server or fix DATABASE_URL.`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Cannot resolve the host in DATABASE_URL (${where}). Fix the host name.`;
    case "3D000":
      return `The database in DATABASE_URL does not exist (${where}). Create it (createdb) or fix the name.`;
    case "28P01":
    case "28000":
      return `PostgreSQL refused the credentials in DATABASE_URL (${where}). Fix the user or password.`;
    case "SQLITE_CANTOPEN":
    case "EACCES":
      return `Cannot open the SQLite file of DATABASE_URL (${where}). Check the path and its permissions.`;
    case "SQLITE_NOTADB":
    case "SQLITE_CORRUPT":
      return `The SQLite file of DATABASE_URL is not a valid database (${where}). Restore it from a backup or point DATABASE_URL elsewhere.`;
  }
  if (err.stderr) {
    const detail =
      err.stderr
        .toString()
        .split("\n")
        .find((line) => /error/i.test(line)) ?? "see prisma migrate deploy";
    return `Applying migrations failed: ${detail.trim()}`;
  }
  if (/timeout/i.test(err.message ?? "")) return `Timed out connecting to ${where}. Is the server up and reachable?`;
  return `Database preparation failed: ${err.message ?? String(error)}`;
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}
