import "server-only";
import { getDatabase } from "./client";

export async function getOpenRound() {
  return getDatabase().db.round.findFirst({ where: { status: "open" }, orderBy: { opensAt: "desc" } });
}
