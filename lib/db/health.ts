import "server-only";
import { getDatabase } from "./client";

export async function checkDatabase(): Promise<boolean> {
  try {
    await getDatabase().db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}
