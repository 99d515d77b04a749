// Free-text triage: "other" entries that matched no catalogue entry, grouped by normalised text, are mapped to
// a project or promoted to a new one. Either way every response that typed the text is re-coded as naming it.
import { rankCatalogueMatches } from "../survey/catalogue-match";
import { normalizeName } from "../survey/normalize";
import { clusterGroups } from "../survey/triage-groups";
import { writeAudit, type Actor, type Tx } from "./admin-audit";
import { createProjectInTransaction } from "./admin-catalogue";
import { ok, refuse, type AdminResult } from "./admin-rounds";
import type { Db } from "./client";
import { loadMatchableCatalogue } from "./responses";
import { UNSPECIFIED_FREQUENCY } from "../survey/answer-codes";
import { readWriteTransaction } from "./transaction";

export interface OtherGroup {
  normalizedText: string;
  count: number;
  examples: string[];
}

export async function listUnmatchedOtherGroups(db: Db, options: { limit?: number; roundId?: number } = {}): Promise<OtherGroup[]> {
  const where = { projectId: null, ...(options.roundId ? { roundId: options.roundId } : {}) };
  const groups = await db.otherEntry.groupBy({
    by: ["normalizedText"],
    where,
    _count: { _all: true },
    orderBy: [{ _count: { normalizedText: "desc" } }, { normalizedText: "asc" }],
    take: options.limit ?? 200,
  });
  const samples = await db.otherEntry.findMany({
    where: { ...where, normalizedText: { in: groups.map((g) => g.normalizedText) } },
    distinct: ["normalizedText", "rawText"],
    select: { normalizedText: true, rawText: true },
  });
  return groups.map((group) => ({
    normalizedText: group.normalizedText,
    count: group._count._all,
    examples: [...new Set(samples.filter((s) => s.normalizedText === group.normalizedText).map((s) => s.rawText))].slice(0, 5),
  }));
}

export interface TriageCluster {
  groups: (OtherGroup & { suggestions: { projectId: number; name: string; reason: string }[] })[];
  count: number;
}

/** Unmatched groups, alike ones together, each with the catalogue's best matches from the form's own matcher. */
export async function listTriageClusters(db: Db): Promise<TriageCluster[]> {
  const [groups, index] = await Promise.all([listUnmatchedOtherGroups(db), loadMatchableCatalogue(db)]);
  const suggested = groups.map((group) => {
    const best = new Map<number, { projectId: number; name: string; reason: string; score: number }>();
    for (const text of group.examples) {
      for (const match of rankCatalogueMatches(index, text)) {
        const known = best.get(match.project.id);
        if (!known || match.score > known.score) best.set(match.project.id, { projectId: match.project.id, name: match.project.name, reason: match.reason, score: match.score });
      }
    }
    const suggestions = [...best.values()].sort((a, b) => b.score - a.score).slice(0, 3).map(({ score: _, ...rest }) => rest);
    return { ...group, suggestions };
  });
  return clusterGroups(suggested);
}

export interface RecodeReport {
  entries: number;
  addedAnswers: number;
  aliases: string[];
}

/** What undoing a re-coding needs: ids only (lib/db/admin-undo.ts). */
export interface RecodeReversal {
  kind: "recode";
  projectId: number;
  entryIds: number[];
  addedResponseIds: string[];
  aliasIds: number[];
  createdProject?: { id: number; roundIds: number[] };
}

/** Point every unmatched entry of the groups at the project and add the project to each response that lacked it. */
async function recodeGroups(tx: Tx, normalizedTexts: string[], projectId: number) {
  const entries = await tx.otherEntry.findMany({ where: { normalizedText: { in: normalizedTexts }, projectId: null }, select: { id: true, responseId: true, roundId: true } });
  await tx.otherEntry.updateMany({ where: { id: { in: entries.map((e) => e.id) } }, data: { projectId } });
  const responses = new Map(entries.map((e) => [e.responseId, e.roundId]));
  const already = new Set(
    (await tx.responseProject.findMany({ where: { projectId, responseId: { in: [...responses.keys()] } }, select: { responseId: true } })).map((r) => r.responseId),
  );
  const missing = [...responses].filter(([responseId]) => !already.has(responseId));
  if (missing.length > 0) {
    // Named only as text: no kinds, frequency "unspecified", exactly as saveResponse stores a matched free-text entry.
    await tx.responseProject.createMany({ data: missing.map(([responseId, roundId]) => ({ responseId, roundId, projectId, frequency: UNSPECIFIED_FREQUENCY })) });
    await tx.response.updateMany({ where: { id: { in: missing.map(([id]) => id) } }, data: { projectCount: { increment: 1 } } });
  }
  return { entryIds: entries.map((e) => e.id), addedResponseIds: missing.map(([id]) => id) };
}

/** Keep the typed text matching the project in future answers, unless it already names something. */
async function addTextAsAlias(tx: Tx, projectId: number, normalizedText: string, label: string): Promise<{ id: number; alias: string } | null> {
  const taken =
    (await tx.project.findUnique({ where: { normalizedName: normalizedText }, select: { id: true } })) ??
    (await tx.projectAlias.findUnique({ where: { normalized: normalizedText }, select: { id: true } }));
  if (taken || normalizeName(label) !== normalizedText) return null;
  return tx.projectAlias.create({ data: { projectId, alias: label, normalized: normalizedText }, select: { id: true, alias: true } });
}

/** The first raw text of each group still unmatched, or a refusal naming a group someone triaged already. */
async function firstRawTexts(tx: Tx, normalizedTexts: string[]): Promise<AdminResult<Map<string, string>>> {
  const labels = new Map<string, string>();
  for (const text of new Set(normalizedTexts)) {
    const first = await tx.otherEntry.findFirst({ where: { normalizedText: text, projectId: null }, orderBy: { id: "asc" }, select: { rawText: true } });
    if (!first) return refuse("No unmatched entries have this text (perhaps someone triaged them already)");
    labels.set(text, first.rawText);
  }
  return ok(labels);
}

async function recodeWithAliases(tx: Tx, labels: Map<string, string>, projectId: number) {
  const recoded = await recodeGroups(tx, [...labels.keys()], projectId);
  const aliases: { id: number; alias: string }[] = [];
  for (const [text, label] of labels) {
    const alias = await addTextAsAlias(tx, projectId, text, label);
    if (alias) aliases.push(alias);
  }
  const report: RecodeReport = { entries: recoded.entryIds.length, addedAnswers: recoded.addedResponseIds.length, aliases: aliases.map((a) => a.alias) };
  const reversal: RecodeReversal = { kind: "recode", projectId, ...recoded, aliasIds: aliases.map((a) => a.id) };
  return { report, reversal };
}

/** Map one group, or several alike groups at once, to an existing project. */
export async function mapOtherGroup(db: Db, actor: Actor, input: { normalizedTexts: string[]; projectId: number }): Promise<AdminResult<RecodeReport>> {
  return readWriteTransaction(
    db,
    async (tx) => {
      const labels = await firstRawTexts(tx, input.normalizedTexts);
      if (!labels.ok) return labels;
      let project = await tx.project.findUnique({ where: { id: input.projectId } });
      if (project?.status === "merged" && project.mergedIntoId) project = await tx.project.findUnique({ where: { id: project.mergedIntoId } });
      if (!project) return refuse("Choose an existing project", "projectId");
      const { report, reversal } = await recodeWithAliases(tx, labels.value, project.id);
      await writeAudit(tx, actor, { action: "other.map", target: `project:${project.slug}`, before: { texts: [...labels.value.keys()] }, after: { project: project.slug, ...report }, reversal });
      return ok(report);
    },
    { maxWait: 10_000, timeout: 60_000, rewritesAnswers: true },
  );
}

export async function promoteOtherGroup(
  db: Db,
  actor: Actor,
  input: { normalizedText: string; name: string; categoryId: number },
): Promise<AdminResult<RecodeReport & { slug: string }>> {
  return readWriteTransaction(
    db,
    async (tx) => {
      const labels = await firstRawTexts(tx, [input.normalizedText]);
      if (!labels.ok) return labels;
      const created = await createProjectInTransaction(tx, { name: input.name, categoryId: input.categoryId });
      if (!created.ok) return created;
      const { report, reversal } = await recodeWithAliases(tx, labels.value, created.value.id);
      await writeAudit(tx, actor, {
        action: "other.promote",
        target: `project:${created.value.slug}`,
        before: { texts: [input.normalizedText] },
        after: { project: created.value.slug, name: input.name, categoryId: input.categoryId, offeredIn: created.value.rounds, ...report },
        reversal: { ...reversal, createdProject: { id: created.value.id, roundIds: created.value.roundIds } },
      });
      return ok({ ...report, slug: created.value.slug });
    },
    { maxWait: 10_000, timeout: 60_000, rewritesAnswers: true },
  );
}
