// Merging one project into another, with a preview first. The merge records, beside its audit entry, exactly what
// it moved (ids only; the two answers it combined per respondent go to MergedSelection, which goes with the
// response), so lib/db/admin-undo.ts can put everything back.
import { mergeSelections } from "../survey/catalogue-rules";
import { writeAudit, type Actor } from "./admin-audit";
import { ok, refuse, type AdminResult } from "./admin-rounds";
import type { Db } from "./client";
import { readWriteTransaction } from "./transaction";

export interface MergeReport {
  movedAnswers: number;
  combinedAnswers: number;
  otherEntries: number;
  dependencies: number;
  rounds: number;
}

export interface MergePreview {
  from: { id: number; name: string };
  into: { id: number; name: string };
  /** Answers that change project (moved or combined with the respondent's answer about `into`). */
  answers: number;
  combinedAnswers: number;
  /** Names that become aliases of `into`: the merged project's aliases and its own name. */
  aliases: number;
  otherEntries: number;
}

/** The reversal stored with a merge's audit entry. */
export interface MergeReversal {
  kind: "merge";
  fromId: number;
  intoId: number;
  fromStatus: string;
  movedResponseIds: string[];
  combinedResponseIds: string[];
  otherEntryIds: number[];
  dependencyIds: number[];
  movedOfferRoundIds: number[];
  droppedOffers: { roundId: number; position: number }[];
  movedAliasIds: number[];
  droppedAlias: { id: number; alias: string; normalized: string } | null;
  createdAliasId: number | null;
  repointedProjectIds: number[];
}

type Pair = AdminResult<{ from: { id: number; name: string; slug: string; status: string; normalizedName: string }; into: { id: number; name: string; slug: string; normalizedName: string } }>;

async function findPair(db: Pick<Db, "project">, input: { fromProjectId: number; intoProjectId: number }): Promise<Pair> {
  if (input.fromProjectId === input.intoProjectId) return refuse("A project cannot be merged into itself", "intoProjectId");
  const [from, into] = await Promise.all([db.project.findUnique({ where: { id: input.fromProjectId } }), db.project.findUnique({ where: { id: input.intoProjectId } })]);
  if (!from) return refuse("The project to merge does not exist", "fromProjectId");
  if (!into) return refuse("The project to merge into does not exist", "intoProjectId");
  if (from.status === "merged") return refuse(`“${from.name}” was already merged`, "fromProjectId");
  if (into.status === "merged") return refuse(`“${into.name}” was itself merged; merge into the project it was merged into`, "intoProjectId");
  return ok({ from, into });
}

/** What a merge would do, read without changing anything: shown to the organiser before they confirm. */
export async function previewMerge(db: Db, input: { fromProjectId: number; intoProjectId: number }): Promise<AdminResult<MergePreview>> {
  const pair = await findPair(db, input);
  if (!pair.ok) return pair;
  const { from, into } = pair.value;
  const [answers, combinedAnswers, aliases, otherEntries] = await Promise.all([
    db.responseProject.count({ where: { projectId: from.id } }),
    db.responseProject.count({ where: { projectId: from.id, response: { projects: { some: { projectId: into.id } } } } }),
    db.projectAlias.count({ where: { projectId: from.id, normalized: { not: into.normalizedName } } }),
    db.otherEntry.count({ where: { projectId: from.id } }),
  ]);
  const nameBecomesAlias = from.normalizedName !== into.normalizedName ? 1 : 0;
  return ok({ from: { id: from.id, name: from.name }, into: { id: into.id, name: into.name }, answers, combinedAnswers, aliases: aliases + nameBecomesAlias, otherEntries });
}

/**
 * Merge project `from` into `into`, in one transaction: every answer, free-text match, dependency and round
 * offer of `from` moves to `into` (a respondent who named both keeps one answer with the kinds of both and the
 * more frequent frequency); `from` stays as a "merged" row pointing at `into`, so its slug keeps resolving,
 * and its name and aliases become aliases of `into`, so typed text keeps matching.
 */
export async function mergeProjects(db: Db, actor: Actor, input: { fromProjectId: number; intoProjectId: number }): Promise<AdminResult<MergeReport>> {
  return readWriteTransaction(
    db,
    async (tx) => {
      const pair = await findPair(tx, input);
      if (!pair.ok) return pair;
      const { from, into } = pair.value;
      const fromAliases = await tx.projectAlias.findMany({ where: { projectId: from.id }, orderBy: { id: "asc" } });

      // Answers: respondents who named both keep one combined answer; the others' answers simply move.
      const fromRows = await tx.responseProject.findMany({ where: { projectId: from.id } });
      const intoRows = new Map(
        (await tx.responseProject.findMany({ where: { projectId: into.id, responseId: { in: fromRows.map((r) => r.responseId) } } })).map((r) => [r.responseId, r]),
      );
      const combined = fromRows.flatMap((row) => {
        const survivor = intoRows.get(row.responseId);
        return survivor ? [{ row, survivor }] : [];
      });
      for (const { row, survivor } of combined) {
        await tx.responseProject.update({
          where: { responseId_projectId: { responseId: row.responseId, projectId: into.id } },
          data: mergeSelections(survivor, row),
        });
        await tx.responseProject.delete({ where: { responseId_projectId: { responseId: row.responseId, projectId: from.id } } });
        await tx.response.update({ where: { id: row.responseId }, data: { projectCount: { decrement: 1 } } });
      }
      const combinedIds = new Set(combined.map((c) => c.row.responseId));
      const movedResponseIds = fromRows.map((r) => r.responseId).filter((id) => !combinedIds.has(id));
      await tx.responseProject.updateMany({ where: { projectId: from.id }, data: { projectId: into.id } });
      const otherEntryIds = (await tx.otherEntry.findMany({ where: { projectId: from.id }, select: { id: true } })).map((e) => e.id);
      await tx.otherEntry.updateMany({ where: { projectId: from.id }, data: { projectId: into.id } });
      const dependencyIds = (await tx.dependency.findMany({ where: { projectId: from.id }, select: { id: true } })).map((d) => d.id);
      await tx.dependency.updateMany({ where: { projectId: from.id }, data: { projectId: into.id } });

      // Round offers: where both were offered the survivor's place is kept, otherwise it takes the merged one's place.
      const fromOffers = await tx.roundProject.findMany({ where: { projectId: from.id } });
      const intoRounds = new Set((await tx.roundProject.findMany({ where: { projectId: into.id }, select: { roundId: true } })).map((r) => r.roundId));
      const droppedOffers = fromOffers.filter((o) => intoRounds.has(o.roundId)).map((o) => ({ roundId: o.roundId, position: o.position }));
      const movedOfferRoundIds = fromOffers.filter((o) => !intoRounds.has(o.roundId)).map((o) => o.roundId);
      await tx.roundProject.deleteMany({ where: { projectId: from.id, roundId: { in: droppedOffers.map((o) => o.roundId) } } });
      await tx.roundProject.updateMany({ where: { projectId: from.id, roundId: { in: movedOfferRoundIds } }, data: { projectId: into.id } });

      // Names: the merged project's aliases move, its name becomes one more alias of the survivor.
      const dropped = fromAliases.find((a) => a.normalized === into.normalizedName) ?? null;
      if (dropped) await tx.projectAlias.delete({ where: { id: dropped.id } });
      const movedAliasIds = fromAliases.filter((a) => a !== dropped).map((a) => a.id);
      await tx.projectAlias.updateMany({ where: { id: { in: movedAliasIds } }, data: { projectId: into.id } });
      let createdAliasId: number | null = null;
      if (from.normalizedName !== into.normalizedName && !(await tx.projectAlias.findUnique({ where: { normalized: from.normalizedName } }))) {
        createdAliasId = (await tx.projectAlias.create({ data: { projectId: into.id, alias: from.name, normalized: from.normalizedName } })).id;
      }
      // Projects merged into `from` earlier now point straight at the survivor: a slug resolves in one step.
      const repointedProjectIds = (await tx.project.findMany({ where: { mergedIntoId: from.id }, select: { id: true } })).map((p) => p.id);
      await tx.project.updateMany({ where: { id: { in: repointedProjectIds } }, data: { mergedIntoId: into.id } });
      await tx.project.update({ where: { id: from.id }, data: { status: "merged", mergedIntoId: into.id } });

      const report: MergeReport = {
        movedAnswers: movedResponseIds.length,
        combinedAnswers: combined.length,
        otherEntries: otherEntryIds.length,
        dependencies: dependencyIds.length,
        rounds: fromOffers.length,
      };
      const reversal: MergeReversal = {
        kind: "merge",
        fromId: from.id,
        intoId: into.id,
        fromStatus: from.status,
        movedResponseIds,
        combinedResponseIds: [...combinedIds],
        otherEntryIds,
        dependencyIds,
        movedOfferRoundIds,
        droppedOffers,
        movedAliasIds,
        droppedAlias: dropped ? { id: dropped.id, alias: dropped.alias, normalized: dropped.normalized } : null,
        createdAliasId,
        repointedProjectIds,
      };
      const entry = await writeAudit(tx, actor, {
        action: "project.merge",
        target: `project:${from.slug}`,
        before: { from: { slug: from.slug, name: from.name, status: from.status, aliases: fromAliases.map((a) => a.alias) }, into: { slug: into.slug, name: into.name } },
        after: { mergedInto: into.slug, ...report },
        reversal,
      });
      // Both answers as they were, so an undo restores them exactly; they go with the response if it is deleted.
      const flags = (r: (typeof fromRows)[number]) => ({
        auditLogId: entry.id,
        responseId: r.responseId,
        projectId: r.projectId,
        kindCode: r.kindCode,
        kindReview: r.kindReview,
        kindBugs: r.kindBugs,
        kindDocs: r.kindDocs,
        kindMaintainer: r.kindMaintainer,
        frequency: r.frequency,
      });
      if (combined.length > 0) await tx.mergedSelection.createMany({ data: combined.flatMap(({ row, survivor }) => [flags(row), flags(survivor)]) });
      return ok(report);
    },
    { maxWait: 10_000, timeout: 60_000, rewritesAnswers: true },
  );
}
