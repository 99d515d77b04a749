// Where the end-to-end server keeps its SQLite file: one folder per port, so a spec can add data to it directly
// (tests/e2e/seed-catalogue.ts) and runs on other ports never share it.
import { tmpdir } from "node:os";
import { join } from "node:path";

export const e2eDatabaseDir = (port = process.env.E2E_PORT ?? "3210") => join(tmpdir(), `census-e2e-${port}`);
export const e2eDatabaseUrl = (port?: string) => `file:${join(e2eDatabaseDir(port), "census.db")}`;
