// The server behind the end-to-end tests: a fresh SQLite file, the catalogue, demo data, then the production build behind the app's edge (lib/http/server.ts).
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prepareDatabase } from "../../lib/db/prepare";
import { seedE2eData } from "./seed";

const port = process.env.E2E_PORT ?? "3210";
const url = `file:${join(mkdtempSync(join(tmpdir(), "census-e2e-")), "census.db")}`;
await prepareDatabase(url);
await seedE2eData(url);

const server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: url, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: port, HOSTNAME: "127.0.0.1" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
