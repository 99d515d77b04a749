// npm run demo [-- --responses N --seed S]: fill the demo rounds with synthetic responses.
import { parseArgs } from "node:util";
import { DemoRefused, fillDemoRounds } from "../lib/db/demo";
import { openPreparedDatabase } from "./open-database";

const { values } = parseArgs({ options: { responses: { type: "string", default: "400" }, seed: { type: "string", default: "2026" } } });
const count = Number(values.responses);
const seed = Number(values.seed);
if (!Number.isInteger(count) || count < 1 || count > 2_000_000 || !Number.isInteger(seed)) {
  console.error("upstream-census: --responses must be a whole number from 1 to 2,000,000 and --seed a whole number");
  process.exit(2);
}
const db = await openPreparedDatabase();
try {
  for (const round of await fillDemoRounds(db, { count, seed })) console.log(`Demo round ${round.slug}: ${round.count} synthetic responses`);
} catch (error) {
  if (!(error instanceof DemoRefused)) throw error;
  console.error(`upstream-census: ${error.message}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
