// Writing and reading survey responses. Every change to one response happens in one transaction, so a
// reader sees the old answer or the new one, never a mixture; bad ids become field errors, not exceptions.
import { randomUUID } from "node:crypto";
import { buildCatalogueIndex, matchProjectName } from "../survey/catalogue-match";
import { hashEditToken } from "../survey/edit-token";
import { normalizeName } from "../survey/normalize";
import type { FieldErrors, ResponseInput } from "../survey/response-schema";
import type { ContributionKind } from "../survey/questions";
import type { Db } from "./client";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Frequency stored for a project the respondent only named as free text. */
export const UNSPECIFIED_FREQUENCY = "unspecified";

export type SaveResponseResult =
  | { ok: true; responseId: string; created: boolean }
  | { ok: false; reason: "round-not-found" | "round-closed" | "deleted" | "invalid"; message: string; errors: FieldErrors };

class SaveRejected extends Error {
  constructor(readonly result: Extract<SaveResponseResult, { ok: false }>) {
    super(result.message);
  }
}

const reject = (reason: Extract<SaveResponseResult, { ok: false }>["reason"], message: string, errors: FieldErrors = {}) =>
  new SaveRejected({ ok: false, reason, message, errors });

export interface SelectionRow {
  projectId: number;
  kinds: readonly ContributionKind[];
  frequency: string;
}

export const kindColumns = (kinds: readonly string[]) => ({
  kindCode: kinds.includes("code"),
  kindReview: kinds.includes("review"),
  kindBugs: kinds.includes("bugs"),
  kindDocs: kinds.includes("docs"),
  kindMaintainer: kinds.includes("maintainer"),
});

/** Create the response the token names, or replace its answers if it exists (the token's holder owns it). */
export async function saveResponse(db: Db, input: ResponseInput): Promise<SaveResponseResult> {
  const editTokenHash = hashEditToken(input.token);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction((tx) => saveInTransaction(tx, input, editTokenHash), { maxWait: 10_000, timeout: 20_000 });
    } catch (error) {
      if (error instanceof SaveRejected) return error.result;
      // A double click raced another insert of the same token: the second attempt finds it and updates.
      if (attempt < 2 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

async function saveInTransaction(tx: Tx, input: ResponseInput, editTokenHash: string): Promise<SaveResponseResult> {
  const round = await tx.round.findUnique({ where: { slug: input.round } });
  if (!round) throw reject("round-not-found", "This survey round does not exist.");
  if (round.status !== "open") throw reject("round-closed", "This survey round is closed; answers can no longer be changed.");
  if (await tx.responseTombstone.findUnique({ where: { editTokenHash } })) {
    throw reject("deleted", "This response was deleted.");
  }

  const errors: FieldErrors = {};
  const selections = await resolveProjects(tx, round.id, input, errors);
  const teamIds = await resolveTeams(tx, input, errors);
  if (Object.keys(errors).length > 0) throw reject("invalid", "Some answers need attention.", errors);
  const others = await matchOthers(tx, input.others);
  for (const other of others) {
    if (other.projectId !== null && !selections.some((s) => s.projectId === other.projectId)) {
      selections.push({ projectId: other.projectId, kinds: [], frequency: UNSPECIFIED_FREQUENCY });
    }
  }

  const fields = {
    notOpenStackContributor: input.notOpenStackContributor,
    yearsContributing: input.yearsContributing,
    employerPaid: input.employerPaid,
    comment: input.comment || null,
    projectCount: selections.length,
  };
  // Lock the response's row before touching its answers (an UPDATE holds a row lock until commit on PostgreSQL;
  // SQLite has one writer anyway): concurrent edits of one response then run one after the other instead of
  // both deleting the old rows and both inserting new ones, which fails on the (response, project) key.
  const locked = await tx.response.updateMany({ where: { editTokenHash }, data: { updatedAt: new Date() } });
  const existing = locked.count > 0 ? await tx.response.findUnique({ where: { editTokenHash } }) : null;
  let responseId: string;
  if (existing) {
    if (existing.roundId !== round.id) throw reject("invalid", "This edit link belongs to another survey round.");
    responseId = existing.id;
    await tx.responseProject.deleteMany({ where: { responseId } });
    await tx.responseTeam.deleteMany({ where: { responseId } });
    await tx.otherEntry.deleteMany({ where: { responseId } });
    await tx.response.update({ where: { id: responseId }, data: fields });
  } else {
    responseId = randomUUID();
    await tx.response.create({ data: { id: responseId, roundId: round.id, editTokenHash, source: "web", ...fields } });
  }
  await writeAnswers(tx, responseId, round.id, selections, teamIds, others);
  return { ok: true, responseId, created: !existing };
}

async function writeAnswers(
  tx: Tx,
  responseId: string,
  roundId: number,
  selections: SelectionRow[],
  teamIds: number[],
  others: { rawText: string; normalizedText: string; projectId: number | null }[],
) {
  if (selections.length > 0) {
    await tx.responseProject.createMany({
      data: selections.map((s) => ({ responseId, roundId, projectId: s.projectId, frequency: s.frequency, ...kindColumns(s.kinds) })),
    });
  }
  if (teamIds.length > 0) {
    await tx.responseTeam.createMany({ data: teamIds.map((teamId) => ({ responseId, roundId, teamId })) });
  }
  if (others.length > 0) {
    await tx.otherEntry.createMany({ data: others.map((o, position) => ({ responseId, roundId, position, ...o })) });
  }
}

async function resolveProjects(tx: Tx, roundId: number, input: ResponseInput, errors: FieldErrors): Promise<SelectionRow[]> {
  if (input.projects.length === 0) return [];
  const found = await tx.project.findMany({
    where: { slug: { in: input.projects.map((p) => p.slug) } },
    select: { id: true, slug: true, status: true, mergedIntoId: true },
  });
  // A merged project's slug keeps resolving: answers go to the project it was merged into.
  const bySlug = new Map(found.map((p) => [p.slug, p.status === "merged" && p.mergedIntoId ? p.mergedIntoId : p.id]));
  const offered = new Set(
    (
      await tx.roundProject.findMany({
        where: { roundId, projectId: { in: [...bySlug.values()] } },
        select: { projectId: true },
      })
    ).map((row) => row.projectId),
  );
  const rows = new Map<number, SelectionRow>();
  input.projects.forEach((answer, index) => {
    const projectId = bySlug.get(answer.slug);
    if (projectId === undefined || !offered.has(projectId)) {
      errors[`projects.${index}.slug`] = `“${answer.slug}” is not a project of this survey`;
      return;
    }
    rows.set(projectId, { projectId, kinds: answer.kinds, frequency: answer.frequency });
  });
  return [...rows.values()];
}

async function resolveTeams(tx: Tx, input: ResponseInput, errors: FieldErrors): Promise<number[]> {
  if (input.teams.length === 0) return [];
  const found = await tx.team.findMany({ where: { slug: { in: input.teams }, isActive: true }, select: { id: true, slug: true } });
  const bySlug = new Map(found.map((t) => [t.slug, t.id]));
  const ids: number[] = [];
  input.teams.forEach((slug, index) => {
    const id = bySlug.get(slug);
    if (id === undefined) errors[`teams.${index}`] = `“${slug}” is not an OpenStack team`;
    else ids.push(id);
  });
  return ids;
}

/** The catalogue as the matcher needs it: active projects with their aliases. */
export async function loadMatchableCatalogue(tx: Pick<Db, "project">) {
  const projects = await tx.project.findMany({
    where: { status: "active" },
    orderBy: { position: "asc" },
    select: { id: true, slug: true, name: true, aliases: { select: { alias: true } } },
  });
  return buildCatalogueIndex(projects.map((p) => ({ id: p.id, slug: p.slug, name: p.name, aliases: p.aliases.map((a) => a.alias) })));
}

async function matchOthers(tx: Tx, others: readonly string[]) {
  if (others.length === 0) return [];
  const index = await loadMatchableCatalogue(tx);
  return others.map((rawText) => ({
    rawText,
    normalizedText: normalizeName(rawText),
    projectId: matchProjectName(index, rawText)?.id ?? null,
  }));
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
  return response;
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
  where: { token: string } | { id: string },
  deletedBy: "respondent" | "organiser" | "retention",
): Promise<DeleteResponseResult> {
  return db.$transaction(async (tx) => {
    const response =
      "token" in where
        ? await tx.response.findUnique({ where: { editTokenHash: hashEditToken(where.token) }, include: { round: true } })
        : await tx.response.findUnique({ where: { id: where.id }, include: { round: true } });
    if (!response) return { ok: false, reason: "not-found", message: "No response has this link." } as const;
    if (deletedBy === "respondent" && response.round.status !== "open") {
      return { ok: false, reason: "round-closed", message: "This survey round is closed; the response can no longer be deleted." } as const;
    }
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
  });
}

// ---------------------------------------------------------------------------------------------
// Bulk path: demo data, imports and benchmarks insert many already-resolved responses at once.

export interface BulkResponse {
  editTokenHash: string;
  source: "demo" | "import" | "web";
  importKey?: string | null;
  createdAt?: Date;
  notOpenStackContributor?: boolean;
  yearsContributing?: number | null;
  employerPaid?: string | null;
  comment?: string | null;
  teamIds: number[];
  selections: SelectionRow[];
  others?: { rawText: string; projectId: number | null }[];
}

/** Insert responses in chunks, each chunk in one transaction; returns the new response ids in input order. */
export async function insertResponsesBulk(db: Db, roundId: number, responses: BulkResponse[], chunkSize = 500): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < responses.length; start += chunkSize) {
    const chunk = responses.slice(start, start + chunkSize).map((r) => ({ ...r, id: randomUUID() }));
    await db.$transaction(
      async (tx) => {
        await tx.response.createMany({
          data: chunk.map((r) => ({
            id: r.id,
            roundId,
            editTokenHash: r.editTokenHash,
            source: r.source,
            importKey: r.importKey ?? null,
            notOpenStackContributor: r.notOpenStackContributor ?? false,
            yearsContributing: r.yearsContributing ?? null,
            employerPaid: r.employerPaid ?? null,
            comment: r.comment ?? null,
            projectCount: r.selections.length,
            ...(r.createdAt ? { createdAt: r.createdAt, updatedAt: r.createdAt } : {}),
          })),
        });
        const selections = chunk.flatMap((r) =>
          r.selections.map((s) => ({ responseId: r.id, roundId, projectId: s.projectId, frequency: s.frequency, ...kindColumns(s.kinds) })),
        );
        if (selections.length > 0) await tx.responseProject.createMany({ data: selections });
        const teams = chunk.flatMap((r) => r.teamIds.map((teamId) => ({ responseId: r.id, roundId, teamId })));
        if (teams.length > 0) await tx.responseTeam.createMany({ data: teams });
        const others = chunk.flatMap((r) =>
          (r.others ?? []).map((o, position) => ({
            responseId: r.id,
            roundId,
            position,
            rawText: o.rawText,
            normalizedText: normalizeName(o.rawText),
            projectId: o.projectId,
          })),
        );
        if (others.length > 0) await tx.otherEntry.createMany({ data: others });
      },
      { maxWait: 30_000, timeout: 120_000 },
    );
    ids.push(...chunk.map((r) => r.id));
  }
  return ids;
}
