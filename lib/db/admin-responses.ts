// Raw responses for organisers: a paged, filtered list, one response in full, and deletion with a tombstone.
import { isRoundOpen } from "../survey/round-schedule";
import { writeAudit, type Actor } from "./admin-audit";
import { ok, refuse, type AdminResult } from "./admin-rounds";
import type { Db } from "./client";
import { deleteResponseInTransaction } from "./responses";
import { readWriteTransaction } from "./transaction";

export const RESPONSES_PAGE_SIZE = 25;

export interface ResponseFilter {
  roundId?: number;
  teamId?: number;
  projectId?: number;
  /** Submitted in this range (lib/survey/admin-search.ts dayRange: whole UTC days). */
  createdAt?: { gte?: Date; lt?: Date } | null;
  page?: number;
}

export async function listResponses(db: Db, filter: ResponseFilter) {
  const where = {
    ...(filter.roundId ? { roundId: filter.roundId } : {}),
    ...(filter.teamId ? { teams: { some: { teamId: filter.teamId } } } : {}),
    ...(filter.projectId ? { projects: { some: { projectId: filter.projectId } } } : {}),
    ...(filter.createdAt ? { createdAt: filter.createdAt } : {}),
  };
  const total = await db.response.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / RESPONSES_PAGE_SIZE));
  const page = Math.min(Math.max(1, filter.page ?? 1), pageCount);
  const rows = await db.response.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { publicId: "asc" }],
    skip: (page - 1) * RESPONSES_PAGE_SIZE,
    take: RESPONSES_PAGE_SIZE,
    select: {
      publicId: true,
      createdAt: true,
      source: true,
      projectCount: true,
      employerPaid: true,
      isComplete: true,
      round: { select: { slug: true } },
      _count: { select: { teams: true, others: true } },
    },
  });
  return { rows, total, page, pageCount };
}

/** One response by its public id, the one the organisers' pages and exports show. */
export async function getResponseForOrganiser(db: Db, publicId: string) {
  return db.response.findUnique({
    where: { publicId },
    select: {
      publicId: true,
      source: true,
      createdAt: true,
      updatedAt: true,
      notOpenStackContributor: true,
      yearsContributing: true,
      employerPaid: true,
      comment: true,
      projectCount: true,
      nothingOutsideOpenStack: true,
      isComplete: true,
      round: { select: { slug: true, title: true, status: true } },
      projects: { include: { project: { select: { slug: true, name: true } } }, orderBy: { projectId: "asc" } },
      teams: { include: { team: { select: { slug: true, name: true } } }, orderBy: { teamId: "asc" } },
      others: { orderBy: { position: "asc" }, include: { project: { select: { slug: true, name: true } } } },
    },
  });
}

/** The filter choices: rounds, teams and active projects by name. */
export async function listResponseFilterOptions(db: Db) {
  const [rounds, teams, projects] = await Promise.all([
    db.round.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, slug: true, title: true } }),
    db.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.project.findMany({ where: { status: { not: "merged" } }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { rounds, teams, projects };
}

/** Delete one response as an organiser: its rows go, a tombstone tells its edit link, the audit keeps no answers. */
export async function deleteResponseAsOrganiser(db: Db, actor: Actor, publicId: string): Promise<AdminResult> {
  return readWriteTransaction(db, async (tx) => {
    const response = await tx.response.findUnique({ where: { publicId }, select: { round: { select: { slug: true } }, createdAt: true } });
    if (!response) return refuse("This response does not exist (perhaps it was already deleted)");
    const result = await deleteResponseInTransaction(tx, { publicId }, "organiser");
    if (!result.ok) return refuse(result.message);
    await writeAudit(tx, actor, { action: "response.delete", target: `response:${publicId}`, before: { round: response.round.slug, createdAt: response.createdAt.toISOString() } });
    return ok(undefined);
  });
}

export async function getOverviewCounts(db: Db) {
  const [rounds, candidates, projects, unmatchedOthers, responses] = await Promise.all([
    db.round.count(),
    db.round.findMany({ where: { status: { in: ["draft", "open"] } }, include: { _count: { select: { responses: true } } } }),
    db.project.count({ where: { status: "active" } }),
    db.otherEntry.count({ where: { projectId: null } }),
    db.response.count(),
  ]);
  const now = new Date();
  const openRound = candidates.find((round) => isRoundOpen(round, now)) ?? null;
  return { rounds, openRound, projects, unmatchedOthers, responses };
}
