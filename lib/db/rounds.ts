import "server-only";
import { getDatabase } from "./client";

export async function getOpenRound() {
  return getDatabase().db.round.findFirst({ where: { status: "open" }, orderBy: { opensAt: "desc" } });
}

export async function getRoundBySlug(slug: string) {
  return getDatabase().db.round.findUnique({ where: { slug } });
}

export async function listRounds() {
  return getDatabase().db.round.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}
