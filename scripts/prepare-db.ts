// npm run db:migrate (--migrate-only) and the first step of `npm start`: migrate, load the catalogue, open a first round.
import { getEnv } from "../lib/env";
import { describeStartupError, prepareDatabase, redactUrl } from "../lib/db/prepare";

const migrateOnly = process.argv.includes("--migrate-only");
let url: string | undefined;
try {
  url = getEnv().DATABASE_URL;
  const report = await prepareDatabase(url, { loadCatalogue: !migrateOnly, missingOnly: true });
  const summary = report ? `; catalogue: ${report.created} added` : "";
  console.log(`Database ready at ${redactUrl(url)}${summary}`);
  for (const problem of report?.problems ?? []) console.warn(`upstream-census: warning: ${problem}`);
} catch (error) {
  console.error(`upstream-census: ${describeStartupError(error, url)}`);
  process.exit(1);
}
