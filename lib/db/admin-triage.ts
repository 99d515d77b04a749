// Free-text triage: "other" entries that matched no catalogue entry, grouped by normalised text, are mapped to
// a project or promoted to a new one. Either way every response that typed the text is re-coded as naming it.
import { normalizeName } from "../survey/normalize";
import { writeAudit, type Actor, type Tx } from "./admin-audit";
import { createProjectInTransaction } from "./admin-catalogue";
import { ok, refuse, type AdminResult } from "./admin-rounds";
import type { Db } from "./client";
import { UNSPECIFIED_FREQUENCY } from "../survey/questions";

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

export interface RecodeReport {
  entries: number;
  addedAnswers: number;
  alias: string | null;
}

/** Point every unmatched entry of the group at the project and add the project to each response that lacked it. */
async function recodeGroup(tx: Tx, normalizedText: string, projectId: number): Promise<Omit<RecodeReport, "alias">> {
  const entries = await tx.otherEntry.findMany({ where: { normalizedText, projectId: null }, select: { id: true, responseId: true, roundId: true } });
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
  return { entries: entries.length, addedAnswers: missing.length };
}

/** Keep the typed text matching the project in future answers, unless it already names something. */
async function addTextAsAlias(tx: Tx, projectId: number, normalizedText: string, label: string): Promise<string | null> {
  const taken =
    (await tx.project.findUnique({ where: { normalizedName: normalizedText }, select: { id: true } })) ??
    (await tx.projectAlias.findUnique({ where: { normalized: normalizedText }, select: { id: true } }));
  if (taken || normalizeName(label) !== normalizedText) return null;
  await tx.projectAlias.create({ data: { projectId, alias: label, normalized: normalizedText } });
  return label;
}

async function firstRawText(tx: Tx, normalizedText: string): Promise<string | null> {
  return (await tx.otherEntry.findFirst({ where: { normalizedText, projectId: null }, orderBy: { id: "asc" }, select: { rawText: true } }))?.rawText ?? null;
}

export async function mapOtherGroup(db: Db, actor: Actor, input: { normalizedText: string; projectId: number }): Promise<AdminResult<RecodeReport>> {
  return db.$transaction(
    async (tx) => {
      const label = await firstRawText(tx, input.normalizedText);
      if (label === null) return refuse("No unmatched entries have this text (perhaps someone triaged them already)");
      let project = await tx.project.findUnique({ where: { id: input.projectId } });
      if (project?.status === "merged" && project.mergedIntoId) project = await tx.project.findUnique({ where: { id: project.mergedIntoId } });
      if (!project) return refuse("Choose an existing project", "projectId");
      const report = await recodeGroup(tx, input.normalizedText, project.id);
      const alias = await addTextAsAlias(tx, project.id, input.normalizedText, label);
      await writeAudit(tx, actor, { action: "other.map", target: `project:${project.slug}`, before: { text: input.normalizedText }, after: { project: project.slug, ...report, alias } });
      return ok({ ...report, alias });
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

export async function promoteOtherGroup(
  db: Db,
  actor: Actor,
  input: { normalizedText: string; name: string; categoryId: number },
): Promise<AdminResult<RecodeReport & { slug: string }>> {
  return db.$transaction(
    async (tx) => {
      const label = await firstRawText(tx, input.normalizedText);
      if (label === null) return refuse("No unmatched entries have this text (perhaps someone triaged them already)");
      const created = await createProjectInTransaction(tx, { name: input.name, categoryId: input.categoryId });
      if (!created.ok) return created;
      const report = await recodeGroup(tx, input.normalizedText, created.value.id);
      const alias = await addTextAsAlias(tx, created.value.id, input.normalizedText, label);
      await writeAudit(tx, actor, {
        action: "other.promote",
        target: `project:${created.value.slug}`,
        before: { text: input.normalizedText },
        after: { project: created.value.slug, name: input.name, categoryId: input.categoryId, offeredIn: created.value.rounds, ...report, alias },
      });
      return ok({ ...report, alias, slug: created.value.slug });
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}
