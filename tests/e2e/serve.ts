// The server behind the end-to-end tests: a fresh SQLite file, the catalogue, demo data, then the production build behind the app's edge (lib/http/server.ts).
import { spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { prepareDatabase } from "../../lib/db/prepare";
import { e2eDatabaseDir, e2eDatabaseUrl } from "./database";
import { seedE2eData } from "./seed";

const port = process.env.E2E_PORT ?? "3210";
// A fresh file each run, at a path the specs can find (tests/e2e/database.ts).
rmSync(e2eDatabaseDir(port), { recursive: true, force: true });
mkdirSync(e2eDatabaseDir(port), { recursive: true });
const url = e2eDatabaseUrl(port);
await prepareDatabase(url);
await seedE2eData(url);

const server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: url, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: port, HOSTNAME: "127.0.0.1" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
