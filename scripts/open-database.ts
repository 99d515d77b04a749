// The start of a script that works on the app's database: DATABASE_URL read, missing migrations applied, the
// client opened. A start-up problem ends the process (exit code 1) with one line saying how to fix it.
import { createDb, type Db } from "../lib/db/client";
import { describeStartupError, prepareDatabase } from "../lib/db/prepare";
import { getEnv } from "../lib/env";

export async function openPreparedDatabase(): Promise<Db> {
  let url: string | undefined;
  try {
    url = getEnv().DATABASE_URL;
    await prepareDatabase(url, { missingOnly: true });
  } catch (error) {
    console.error(`upstream-census: ${describeStartupError(error, url)}`);
    process.exit(1);
  }
  return createDb(url).db;
}
