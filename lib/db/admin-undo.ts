// Undo from the audit log: a mapping or a promotion of free text (lib/db/admin-triage.ts) and a merge
// (lib/db/admin-merge.ts) each stored, with their audit entry, the ids of everything they changed. Undoing puts
// exactly those rows back as they were, in one transaction with its own audit entry, or refuses with the reason
// when something has changed since (a respondent edited an answer, the project was renamed or merged again).
import { UNSPECIFIED_FREQUENCY } from "../survey/answer-codes";
import { writeAudit, type Actor, type Tx } from "./admin-audit";
import type { MergeReversal } from "./admin-merge";
import { ok, refuse, type AdminResult } from "./admin-rounds";
import type { RecodeReversal } from "./admin-triage";
import type { Db } from "./client";
import { readWriteTransaction } from "./transaction";

/** Actions whose entries can be undone (when they stored a reversal and were not undone yet). */
export const UNDOABLE_ACTIONS = ["other.map", "other.promote", "project.merge"] as const;

export interface UndoReport {
  answers: number;
  entries: number;
  aliases: number;
}

// Bind-parameter limits differ (SQLite 32766, PostgreSQL 65535): long id lists are written in slices.
const SLICE = 1000;
async function inSlices<T>(ids: readonly T[], work: (slice: T[]) => Promise<unknown>) {
  for (let i = 0; i < ids.length; i += SLICE) await work(ids.slice(i, i + SLICE));
}

const day = (at: Date) => at.toISOString().slice(0, 16).replace("T", " ");

/** A later change to one of these projects that was not itself undone, other than an undo. */
async function findLaterChange(tx: Tx, entryId: number, slugs: string[]) {
  return tx.auditLog.findFirst({
    where: { id: { gt: entryId }, outcome: "ok", undoneAt: null, target: { in: slugs.map((slug) => `project:${slug}`) }, NOT: { action: { endsWith: ".undo" } } },
    orderBy: { id: "asc" },
  });
}

async function undoRecode(tx: Tx, entryId: number, r: RecodeReversal): Promise<AdminResult<UndoReport>> {
  const project = await tx.project.findUnique({ where: { id: r.projectId } });
  if (!project) return refuse("The project these answers were mapped to no longer exists");
  const entries = await tx.otherEntry.findMany({ where: { id: { in: r.entryIds } }, select: { projectId: true } });
  const stillThere = entries.filter((e) => e.projectId === r.projectId).length;
  if (stillThere !== r.entryIds.length) {
    return refuse(`${r.entryIds.length - stillThere} of the ${r.entryIds.length} re-coded entries were edited, deleted or re-coded since; nothing was undone`);
  }
  const rows = await tx.responseProject.findMany({ where: { projectId: r.projectId, responseId: { in: r.addedResponseIds } } });
  const untouched = rows.filter((row) => row.frequency === UNSPECIFIED_FREQUENCY && !row.kindCode && !row.kindReview && !row.kindBugs && !row.kindDocs && !row.kindMaintainer);
  if (untouched.length !== r.addedResponseIds.length) {
    return refuse(`${r.addedResponseIds.length - untouched.length} of the ${r.addedResponseIds.length} answers it added were changed by their respondents since; nothing was undone`);
  }
  if (r.createdProject) {
    const later = await findLaterChange(tx, entryId, [project.slug]);
    if (later) return refuse(`“${project.name}” changed after it was added (${later.action} on ${day(later.at)}); undo that first, or retire the project instead`);
    const [answers, others, aliases, dependencies, mergedFrom] = await Promise.all([
      tx.responseProject.count({ where: { projectId: project.id } }),
      tx.otherEntry.count({ where: { projectId: project.id } }),
      tx.projectAlias.count({ where: { projectId: project.id, id: { notIn: r.aliasIds } } }),
      tx.dependency.count({ where: { projectId: project.id } }),
      tx.project.count({ where: { mergedIntoId: project.id } }),
    ]);
    const since = answers - r.addedResponseIds.length + (others - r.entryIds.length);
    if (since > 0) return refuse(`“${project.name}” was named in ${since} answers given since it was added; retire it instead`);
    if (aliases + dependencies + mergedFrom > 0) return refuse(`“${project.name}” gained aliases, dependencies or merged projects since it was added; retire it instead`);
  }
  await inSlices(r.entryIds, (ids) => tx.otherEntry.updateMany({ where: { id: { in: ids } }, data: { projectId: null } }));
  await inSlices(r.addedResponseIds, async (ids) => {
    await tx.responseProject.deleteMany({ where: { projectId: r.projectId, responseId: { in: ids } } });
    await tx.response.updateMany({ where: { id: { in: ids } }, data: { projectCount: { decrement: 1 } } });
  });
  const aliases = await tx.projectAlias.deleteMany({ where: { id: { in: r.aliasIds }, projectId: r.projectId } });
  if (r.createdProject) {
    await tx.roundProject.deleteMany({ where: { projectId: project.id } });
    await tx.project.delete({ where: { id: project.id } });
  }
  return ok({ answers: r.addedResponseIds.length, entries: r.entryIds.length, aliases: aliases.count });
}

async function undoMerge(tx: Tx, entryId: number, r: MergeReversal): Promise<AdminResult<UndoReport>> {
  const [from, into] = await Promise.all([tx.project.findUnique({ where: { id: r.fromId } }), tx.project.findUnique({ where: { id: r.intoId } })]);
  if (!from || !into) return refuse("One of the two projects no longer exists");
  if (from.status !== "merged" || from.mergedIntoId !== into.id) return refuse(`“${from.name}” is no longer merged into “${into.name}”`);
  if (into.status === "merged") return refuse(`“${into.name}” was itself merged since; undo that merge first`);
  const later = await findLaterChange(tx, entryId, [from.slug, into.slug]);
  if (later) return refuse(`“${into.name}” changed after this merge (${later.action} on ${day(later.at)}); undo that change first, or leave the merge as it is`);

  // Answers of respondents who deleted theirs since are gone with the response: nothing to restore for them.
  const saved = await tx.mergedSelection.findMany({ where: { auditLogId: entryId } });
  const living = new Set<string>();
  await inSlices([...r.movedResponseIds, ...r.combinedResponseIds], async (ids) => {
    for (const row of await tx.response.findMany({ where: { id: { in: ids } }, select: { id: true } })) living.add(row.id);
  });
  const moved = r.movedResponseIds.filter((id) => living.has(id));
  const combined = r.combinedResponseIds.filter((id) => living.has(id));
  let present = 0;
  await inSlices([...moved, ...combined], async (ids) => {
    present += await tx.responseProject.count({ where: { projectId: into.id, responseId: { in: ids } } });
  });
  if (present !== moved.length + combined.length) {
    return refuse(`${moved.length + combined.length - present} answers were edited by their respondents since the merge; nothing was undone`);
  }

  const pairs = combined.map((responseId) => ({
    responseId,
    survivor: saved.find((s) => s.responseId === responseId && s.projectId === into.id),
    merged: saved.find((s) => s.responseId === responseId && s.projectId === from.id),
  }));
  if (pairs.some((p) => !p.survivor || !p.merged)) return refuse("The answers this merge combined were not kept; it cannot be undone");

  const flags = (s: (typeof saved)[number]) => ({ kindCode: s.kindCode, kindReview: s.kindReview, kindBugs: s.kindBugs, kindDocs: s.kindDocs, kindMaintainer: s.kindMaintainer, frequency: s.frequency });
  for (const { responseId, survivor, merged } of pairs) {
    if (!survivor || !merged) continue; // checked above, before anything was written
    const row = await tx.responseProject.update({ where: { responseId_projectId: { responseId, projectId: into.id } }, data: flags(survivor) });
    await tx.responseProject.create({ data: { responseId, projectId: from.id, roundId: row.roundId, ...flags(merged) } });
    await tx.response.update({ where: { id: responseId }, data: { projectCount: { increment: 1 } } });
  }
  await inSlices(moved, (ids) => tx.responseProject.updateMany({ where: { projectId: into.id, responseId: { in: ids } }, data: { projectId: from.id } }));
  await inSlices(r.otherEntryIds, (ids) => tx.otherEntry.updateMany({ where: { projectId: into.id, id: { in: ids } }, data: { projectId: from.id } }));
  await inSlices(r.dependencyIds, (ids) => tx.dependency.updateMany({ where: { projectId: into.id, id: { in: ids } }, data: { projectId: from.id } }));

  await tx.roundProject.updateMany({ where: { projectId: into.id, roundId: { in: r.movedOfferRoundIds } }, data: { projectId: from.id } });
  const rounds = new Set((await tx.round.findMany({ where: { id: { in: r.droppedOffers.map((o) => o.roundId) } }, select: { id: true } })).map((x) => x.id));
  const offers = r.droppedOffers.filter((o) => rounds.has(o.roundId)).map((o) => ({ ...o, projectId: from.id }));
  if (offers.length > 0) await tx.roundProject.createMany({ data: offers });

  if (r.createdAliasId !== null) await tx.projectAlias.deleteMany({ where: { id: r.createdAliasId, projectId: into.id } });
  await tx.projectAlias.updateMany({ where: { projectId: into.id, id: { in: r.movedAliasIds } }, data: { projectId: from.id } });
  if (r.droppedAlias) await tx.projectAlias.create({ data: { ...r.droppedAlias, projectId: from.id } });
  await tx.project.updateMany({ where: { id: { in: r.repointedProjectIds }, mergedIntoId: into.id }, data: { mergedIntoId: from.id } });
  await tx.project.update({ where: { id: from.id }, data: { status: r.fromStatus, mergedIntoId: null } });
  await tx.mergedSelection.deleteMany({ where: { auditLogId: entryId } });
  return ok({ answers: moved.length + combined.length, entries: r.otherEntryIds.length, aliases: r.movedAliasIds.length + (r.droppedAlias ? 1 : 0) });
}

/** Undo one audit entry's change, or say why not. */
export async function undoAuditEntry(db: Db, actor: Actor, input: { auditId: number }): Promise<AdminResult<UndoReport>> {
  return readWriteTransaction(
    db,
    async (tx) => {
      const entry = await tx.auditLog.findUnique({ where: { id: input.auditId } });
      if (!entry) return refuse("This audit entry does not exist");
      if (entry.undoneAt) return refuse(`This change was already undone (${day(entry.undoneAt)})`);
      if (entry.outcome !== "ok" || !entry.reversal || !(UNDOABLE_ACTIONS as readonly string[]).includes(entry.action)) {
        return refuse("Only a mapping, a promotion or a merge can be undone");
      }
      const reversal = JSON.parse(entry.reversal) as RecodeReversal | MergeReversal;
      const undone = reversal.kind === "merge" ? await undoMerge(tx, entry.id, reversal) : await undoRecode(tx, entry.id, reversal);
      if (!undone.ok) return undone;
      await tx.auditLog.update({ where: { id: entry.id }, data: { undoneAt: new Date() } });
      await writeAudit(tx, actor, { action: `${entry.action}.undo`, target: entry.target, before: { auditId: entry.id }, after: undone.value });
      return undone;
    },
    { maxWait: 10_000, timeout: 60_000, rewritesAnswers: true },
  );
}
