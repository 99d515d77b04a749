// The benchmark harness, at smoke size: it must run end to end and its correctness checks must hold
// (stored submissions = acknowledged ones). Speed is not asserted here; see docs/benchmarks.md.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const run = promisify(execFile);

it("runs every part of npm run bench at smoke size, storing exactly the acknowledged submissions", async () => {
  const { stdout } = await run("node_modules/.bin/tsx", ["scripts/bench.ts", "--smoke", "--db", "sqlite"], {
    env: { ...process.env, DATABASE_URL: "" },
    maxBuffer: 16 * 1024 * 1024,
    timeout: 170_000,
  });
  expect(stdout).toMatch(/## sqlite: 2,000 responses/);
  expect(stdout).toMatch(/\| unfiltered \|/);
  expect(stdout).toMatch(/long export \(app, next start\) \| [\d,]+ \|/);
  expect(stdout).toMatch(/acknowledged \(2xx, warm-up included\): 400 \(equal\)/);
  expect(stdout).toMatch(/App vs no-write route: \*\*[\d.]+×\*\* median of the rounds/);
}, 180_000);
