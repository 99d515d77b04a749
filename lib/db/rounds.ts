import "server-only";
import { getDb } from "./client";

export async function getOpenRound() {
  return getDb().round.findFirst({ where: { status: "open" }, orderBy: { opensAt: "desc" } });
}

export async function getRoundBySlug(slug: string) {
  return getDb().round.findUnique({ where: { slug } });
}

export async function listRounds() {
  return getDb().round.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}
