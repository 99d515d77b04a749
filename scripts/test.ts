// npm test: lint, typecheck, unit tests, integration tests on SQLite and PostgreSQL, the privacy attack, build, security, load and
// end-to-end tests.
// Stops at the first failing step and ends with one "N passed, N failed" line for CI.
import { spawnSync } from "node:child_process";

interface Step {
  name: string;
  command: string;
  args: string[];
}

const bin = (name: string) => `node_modules/.bin/${name}`;
const steps: Step[] = [
  { name: "lint", command: bin("eslint"), args: ["."] },
  { name: "typecheck", command: bin("tsc"), args: ["--noEmit"] },
  { name: "unit", command: bin("vitest"), args: ["run", "--project", "unit"] },
  { name: "integration", command: bin("vitest"), args: ["run", "--project", "integration"] },
  { name: "privacy", command: bin("vitest"), args: ["run", "--project", "privacy"] },
  { name: "build", command: bin("next"), args: ["build"] },
  { name: "security", command: bin("vitest"), args: ["run", "--project", "security"] },
  { name: "load", command: bin("vitest"), args: ["run", "--project", "load"] },
  { name: "e2e", command: bin("playwright"), args: ["test"] },
];

const only = process.argv.slice(2);
const selected = only.length > 0 ? steps.filter((step) => only.includes(step.name)) : steps;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
let passed = 0;
let failed = 0;
for (const step of selected) {
  const started = Date.now();
  console.log(`\n=== ${step.name} ===`);
  const result = spawnSync(step.command, step.args, { stdio: "inherit", env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status === 0) {
    passed++;
    console.log(`=== ${step.name}: ok (${seconds}s) ===`);
  } else {
    failed++;
    console.log(`=== ${step.name}: FAILED (${seconds}s) ===`);
    break;
  }
}
console.log(`\nsteps: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
