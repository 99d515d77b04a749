import "server-only";
import { getDb } from "./client";

export async function checkDatabase(): Promise<boolean> {
  try {
    await getDb().$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}
