// Data the end-to-end tests start from. Each feature adds what its tests need here.
import { createDb } from "../../lib/db/client";

export async function seedE2eData(url: string): Promise<void> {
  const { db } = createDb(url);
  try {
    // Nothing yet beyond the catalogue and the first open round that prepareDatabase creates.
  } finally {
    await db.$disconnect();
  }
}
