// `npm start` after each dependency load serves the home page: a requirements file of another year, the bundled
// list after it, and that file again (the order that used to stop start-up on a unique constraint). Runs the
// same start script and the same load commands an organiser runs, on a temporary database of each kind.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort } from "../helpers/app-server";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

const FIXTURE = "tests/fixtures/requirements/global-requirements-2016-style.txt";
const tsx = "node_modules/.bin/tsx";

function run(script: string, args: string[], url: string): string {
  const result = spawnSync(tsx, [script, ...args], { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${script} exited with ${result.status}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** Start `npm start`'s script, wait until "/" answers, stop it; returns the status of "/" and the output. */
async function startAndServeHome(url: string): Promise<{ status: number; output: string }> {
  const port = await freePort();
  const child = spawn(tsx, ["scripts/start.ts"], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOSTNAME: "127.0.0.1", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  try {
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/`);
        return { status: response.status, output };
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`npm start did not serve / in 90 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  }
}

describeEachDatabase("npm start after dependency loads", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    if (!existsSync(".next/BUILD_ID"))
      throw new Error("No production build: run `npx next build` (npm test does) first.");
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.drop());

  it("serves / after a dry run, a real file, the bundled list and the file again", async () => {
    const dryRun = run("scripts/deps-load.ts", [FIXTURE, "--dry-run"], t.url);
    expect(dryRun).toMatch(/Dry run: nothing was written/);
    expect(dryRun).toMatch(/^39 packages read: \d+ added, \d+ updated, \d+ dropped/m);
    expect((await startAndServeHome(t.url)).status).toBe(200);

    expect(run("scripts/deps-load.ts", [FIXTURE], t.url)).toMatch(/^39 packages read/m);
    expect((await startAndServeHome(t.url)).status).toBe(200);

    expect(run("scripts/load-catalogue.ts", [], t.url)).toMatch(/Dependency list: 412 packages read/);
    expect((await startAndServeHome(t.url)).status).toBe(200);

    expect(run("scripts/deps-load.ts", [FIXTURE], t.url)).toMatch(/^39 packages read/m);
    const last = await startAndServeHome(t.url);
    expect(last.status).toBe(200);
    expect(last.output).not.toMatch(/warning/);

    const history = run("scripts/deps-load.ts", ["--history"], t.url);
    expect(
      history
        .trim()
        .split("\n")
        .map((line) => line.split(/\s+/)[1]),
    ).toEqual(["bundled", "global-requirements-2016-style.txt", "bundled", "global-requirements-2016-style.txt"]);
  });
});
