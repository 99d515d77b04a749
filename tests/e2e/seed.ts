// Data the end-to-end tests start from: the catalogue and open first round (prepareDatabase), plus demo rounds.
import { createDb } from "../../lib/db/client";
import { fillDemoRounds } from "../../lib/db/demo";
import { createOrganiser } from "../../lib/db/admin-organisers";

export async function seedE2eData(url: string): Promise<void> {
  const { db } = createDb(url);
  try {
    await fillDemoRounds(db, { count: 300, seed: 2026 });
    // Organisers for tests/e2e/admin.spec.ts.
    await createOrganiser(db, { email: "admin@example.org", password: "correct horse battery", role: "admin" });
    await createOrganiser(db, { email: "analyst@example.org", password: "analyst horse battery", role: "analyst" });
  } finally {
    await db.$disconnect();
  }
}
