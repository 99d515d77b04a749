// npm run db:load-catalogue [-- --missing-only]: load prisma/catalogue/*.csv. By default entries whose CSV
// row changed are updated (renames keep their slug) and the bundled dependency list is loaded as the current
// list (recorded in the load history, like `npm run deps:load`); --missing-only adds new entries, touches
// nothing else and loads the bundled list only on a database that has no dependency list yet.
import { createDb } from "../lib/db/client";
import { loadCatalogue, readCatalogueFiles } from "../lib/db/catalogue";
import {
  BUNDLED_LIST_SOURCE,
  hasDependencyHistory,
  listBundledDependencies,
  loadDependencyList,
} from "../lib/db/dependencies-load";
import { describeStartupError, prepareDatabase } from "../lib/db/prepare";
import { getEnv } from "../lib/env";

const missingOnly = process.argv.includes("--missing-only");
let url: string | undefined;
try {
  url = getEnv().DATABASE_URL;
  const files = readCatalogueFiles();
  await prepareDatabase(url, { loadCatalogue: false });
  const { db } = createDb(url);
  try {
    const report = await loadCatalogue(db, files, { missingOnly });
    console.log(`Catalogue loaded: ${report.created} added, ${report.updated} updated.`);
    for (const line of report.skipped) console.warn(`Skipped: ${line}`);
    if (!missingOnly || !(await hasDependencyHistory(db))) {
      const listed = await listBundledDependencies(db, files.dependencies);
      const result = await loadDependencyList(db, listed, {
        source: BUNDLED_LIST_SOURCE,
        text: JSON.stringify(files.dependencies),
      });
      for (const line of result.summary) console.log(`Dependency list: ${line}`);
    }
  } finally {
    await db.$disconnect();
  }
} catch (error) {
  console.error(`upstream-census: ${describeStartupError(error, url)}`);
  process.exit(1);
}
