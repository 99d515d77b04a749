// Reading and deleting survey responses. A deletion happens in one transaction and leaves only a tombstone of the
// edit token's hash. Saving is lib/db/submissions.ts; bulk inserts are lib/db/responses-bulk.ts.
import { buildCatalogueIndex, type MatchableProject } from "../survey/catalogue-match";
import { hashEditToken } from "../survey/edit-token";
import { effectiveStatus } from "../survey/round-schedule";
import type { Db, Tx } from "./client";
import { readWriteTransaction } from "./transaction";

/** The catalogue as the matcher needs it: active projects, in form order, with their aliases. One statement. */
export async function loadMatchableCatalogue(db: Pick<Db, "$queryRaw">) {
  const rows = await db.$queryRaw<{ id: number | bigint; slug: string; name: string; alias: string | null }[]>`
    SELECT p."id", p."slug", p."name", a."alias" FROM "Project" p LEFT JOIN "ProjectAlias" a ON a."projectId" = p."id"
    WHERE p."status" = 'active' ORDER BY p."position", p."id", a."id"`;
  const projects = new Map<number, MatchableProject & { aliases: string[] }>();
  for (const row of rows) {
    const id = Number(row.id);
    let project = projects.get(id);
    if (!project) projects.set(id, (project = { id, slug: row.slug, name: row.name, aliases: [] }));
    if (row.alias !== null) project.aliases.push(row.alias);
  }
  return buildCatalogueIndex([...projects.values()]);
}

export type StoredResponse = NonNullable<Awaited<ReturnType<typeof getResponseByToken>>>;

/** The response an edit link names, with its answers as slugs; null when the token names none. */
export async function getResponseByToken(db: Db, token: string) {
  const response = await db.response.findUnique({
    where: { editTokenHash: hashEditToken(token) },
    include: {
      round: true,
      projects: { include: { project: { select: { slug: true, name: true } } } },
      teams: { include: { team: { select: { slug: true, name: true } } } },
      others: { orderBy: { position: "asc" } },
    },
  });
  // The round's status by its schedule now, so an edit link stops editing at the closing time.
  return response ? { ...response, round: { ...response.round, status: effectiveStatus(response.round, new Date()) } } : null;
}

export async function isResponseDeleted(db: Db, token: string): Promise<boolean> {
  return (await db.responseTombstone.findUnique({ where: { editTokenHash: hashEditToken(token) } })) !== null;
}

export type DeleteResponseResult = { ok: true } | { ok: false; reason: "not-found" | "round-closed"; message: string };

/**
 * Delete a response and every row that belonged to it, leaving only a tombstone of the token's hash so the
 * edit link can say it was deleted. Respondents may delete only while the round is open.
 */
export async function deleteResponse(
  db: Db,
  where: { token: string } | { publicId: string },
  deletedBy: "respondent" | "organiser" | "retention",
): Promise<DeleteResponseResult> {
  return readWriteTransaction(db, (tx) => deleteResponseInTransaction(tx, where, deletedBy));
}

/** deleteResponse inside a caller's transaction, so an organiser's delete and its audit entry commit together. */
export async function deleteResponseInTransaction(
  tx: Tx,
  where: { token: string } | { publicId: string },
  deletedBy: "respondent" | "organiser" | "retention",
): Promise<DeleteResponseResult> {
  const response =
    "token" in where
      ? await tx.response.findUnique({ where: { editTokenHash: hashEditToken(where.token) }, include: { round: true } })
      : await tx.response.findUnique({ where: { publicId: where.publicId }, include: { round: true } });
  if (!response) return { ok: false, reason: "not-found", message: "No response has this link." } as const;
  if (deletedBy === "respondent" && effectiveStatus(response.round, new Date()) !== "open") {
    return { ok: false, reason: "round-closed", message: "This survey round is closed; the response can no longer be deleted." } as const;
  }
  // The response's row is locked before its children, as an edit locks it (lib/db/submissions.ts): on PostgreSQL a
  // delete and an edit of one response then wait for each other instead of deadlocking, and a delete that waited
  // for another finds the row gone and answers as for a deleted response instead of failing.
  const { count } = await tx.response.updateMany({ where: { id: response.id }, data: { updatedAt: response.updatedAt } });
  if (count === 0) return { ok: false, reason: "not-found", message: "No response has this link." } as const;
  // Children go with the response (onDelete: Cascade); deleteMany first keeps it explicit on both databases.
  await tx.responseProject.deleteMany({ where: { responseId: response.id } });
  await tx.responseTeam.deleteMany({ where: { responseId: response.id } });
  await tx.otherEntry.deleteMany({ where: { responseId: response.id } });
  await tx.response.delete({ where: { id: response.id } });
  await tx.responseTombstone.upsert({
    where: { editTokenHash: response.editTokenHash },
    create: { editTokenHash: response.editTokenHash, deletedBy },
    update: {},
  });
  return { ok: true } as const;
}
