// Data the end-to-end tests start from: the catalogue and open first round (prepareDatabase), plus demo rounds.
import { createDb } from "../../lib/db/client";
import { fillDemoRounds } from "../../lib/db/demo";

export async function seedE2eData(url: string): Promise<void> {
  const { db } = createDb(url);
  try {
    await fillDemoRounds(db, { count: 300, seed: 2026 });
  } finally {
    await db.$disconnect();
  }
}
