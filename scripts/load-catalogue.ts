// npm run db:load-catalogue [-- --missing-only]: load prisma/catalogue/*.csv. By default entries whose CSV
// row changed are updated (renames keep their slug); --missing-only adds new entries and touches nothing else.
import { createDb } from "../lib/db/client";
import { loadCatalogue, readCatalogueFiles } from "../lib/db/catalogue";
import { describeStartupError, prepareDatabase } from "../lib/db/prepare";
import { getEnv } from "../lib/env";

let url: string | undefined;
try {
  url = getEnv().DATABASE_URL;
  const files = readCatalogueFiles();
  await prepareDatabase(url, { loadCatalogue: false });
  const { db } = createDb(url);
  try {
    const report = await loadCatalogue(db, files, { missingOnly: process.argv.includes("--missing-only") });
    console.log(`Catalogue loaded: ${report.created} added, ${report.updated} updated.`);
  } finally {
    await db.$disconnect();
  }
} catch (error) {
  console.error(`upstream-census: ${describeStartupError(error, url)}`);
  process.exit(1);
}
