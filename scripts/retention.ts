// npm run retention: apply RETENTION_DAYS (see README). Safe to run daily from cron; does nothing when 0.
import { createDb } from "../lib/db/client";
import { applyRetention } from "../lib/db/retention";
import { getEnv } from "../lib/env";

const env = getEnv();
const { db } = createDb(env.DATABASE_URL);
try {
  const report = await applyRetention(db, env.RETENTION_DAYS);
  if (env.RETENTION_DAYS === 0) console.log("RETENTION_DAYS is 0: responses are kept.");
  else console.log(`Deleted ${report.responsesDeleted} response(s) of rounds closed over ${env.RETENTION_DAYS} days ago: ${report.rounds.join(", ") || "none"}`);
} finally {
  await db.$disconnect();
}
