// Writing and reading survey responses. Every change to one response happens in one transaction, so a
// reader sees the old answer or the new one, never a mixture; bad ids become field errors, not exceptions.
import { randomUUID } from "node:crypto";
import { buildCatalogueIndex, matchProjectName } from "../survey/catalogue-match";
import { hashEditToken } from "../survey/edit-token";
import { normalizeName } from "../survey/normalize";
import type { FieldErrors, ResponseInput } from "../survey/response-schema";
import { UNSPECIFIED_FREQUENCY, type ContributionKind } from "../survey/questions";
import type { Db } from "./client";
import { insertRows, type SqlValue } from "./multi-row-insert";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export { UNSPECIFIED_FREQUENCY };

export type SaveResponseResult =
  | { ok: true; responseId: string; created: boolean }
  | { ok: false; reason: "round-not-found" | "round-closed" | "deleted" | "invalid"; message: string; errors: FieldErrors };

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

/**
 * Create the response the token names, or replace its answers if it exists (the token's holder owns it).
 * Concurrent calls are grouped into one transaction (see SubmissionBatcher); each still gets its own result
 * only after the transaction that holds its answer has committed.
 */
export async function saveResponse(db: Db, input: ResponseInput): Promise<SaveResponseResult> {
  return batcherFor(db).submit(input);
}

// P2002: unique constraint (the same token inserted twice at once); P2034: write conflict or deadlock.
function isRetryable(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: string }).code : undefined;
  return code === "P2002" || code === "P2034";
}

interface PendingSave {
  input: ResponseInput;
  editTokenHash: string;
  resolve(result: SaveResponseResult): void;
  reject(error: unknown): void;
}

const MAX_BATCH = 100;

/**
 * Group commit for submissions. While one transaction is writing, new submissions queue; the next
 * transaction takes all of them, so a burst costs a handful of queries instead of a dozen per answer.
 * Nothing is kept between transactions: the queue holds only requests still waiting for their answer.
 */
class SubmissionBatcher {
  #queue: PendingSave[] = [];
  #isDraining = false;
  constructor(private readonly db: Db) {}

  submit(input: ResponseInput): Promise<SaveResponseResult> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ input, editTokenHash: hashEditToken(input.token), resolve, reject });
      if (!this.#isDraining) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#isDraining = true;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#takeBatch();
        try {
          const results = await this.#runWithRetries(batch);
          batch.forEach((pending, i) => pending.resolve(results[i]!));
        } catch {
          // One bad item (or a race with another instance) must not fail its neighbours: retry one by one.
          for (const pending of batch) {
            try {
              const [result] = await this.#runWithRetries([pending]);
              pending.resolve(result!);
            } catch (error) {
              pending.reject(error);
            }
          }
        }
      }
    } finally {
      this.#isDraining = false;
    }
  }

  /** Up to MAX_BATCH items with distinct tokens; a repeated token waits for the next batch and becomes an edit. */
  #takeBatch(): PendingSave[] {
    const batch: PendingSave[] = [];
    const rest: PendingSave[] = [];
    const tokens = new Set<string>();
    for (const pending of this.#queue) {
      if (batch.length < MAX_BATCH && !tokens.has(pending.editTokenHash)) {
        batch.push(pending);
        tokens.add(pending.editTokenHash);
      } else rest.push(pending);
    }
    this.#queue = rest;
    return batch;
  }

  async #runWithRetries(batch: PendingSave[]): Promise<SaveResponseResult[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.$transaction((tx) => saveBatch(tx, batch), { maxWait: 10_000, timeout: 30_000 });
      } catch (error) {
        if (attempt < 3 && isRetryable(error)) continue;
        throw error;
      }
    }
  }
}

const batchers = new WeakMap<Db, SubmissionBatcher>();
function batcherFor(db: Db): SubmissionBatcher {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new SubmissionBatcher(db);
    batchers.set(db, batcher);
  }
  return batcher;
}

interface AcceptedSave {
  index: number;
  responseId: string;
  roundId: number;
  isNew: boolean;
  editTokenHash: string;
  fields: {
    notOpenStackContributor: boolean;
    yearsContributing: number | null;
    employerPaid: string | null;
    comment: string | null;
    projectCount: number;
  };
  selections: SelectionRow[];
  teamIds: number[];
  others: { rawText: string; normalizedText: string; projectId: number | null }[];
}

/** Validate and write a batch of submissions with distinct tokens in one transaction; a result per item. */
async function saveBatch(tx: Tx, batch: readonly PendingSave[]): Promise<SaveResponseResult[]> {
  const inputs = batch.map((pending) => pending.input);
  const hashes = batch.map((pending) => pending.editTokenHash);
  const rounds = new Map(
    (await tx.round.findMany({ where: { slug: { in: [...new Set(inputs.map((i) => i.round))] } } })).map((r) => [r.slug, r]),
  );
  const tombstones = new Set(
    (await tx.responseTombstone.findMany({ where: { editTokenHash: { in: hashes } }, select: { editTokenHash: true } })).map(
      (t) => t.editTokenHash,
    ),
  );
  const existing = new Map(
    (await tx.response.findMany({ where: { editTokenHash: { in: hashes } }, select: { id: true, roundId: true, editTokenHash: true } })).map(
      (r) => [r.editTokenHash, r],
    ),
  );
  const projects = await resolveProjectSlugs(tx, inputs, [...rounds.values()].map((r) => r.id));
  const teams = await resolveTeamSlugs(tx, inputs);
  const index = inputs.some((i) => i.others.length > 0) ? await loadMatchableCatalogue(tx) : null;

  const results: SaveResponseResult[] = [];
  const accepted: AcceptedSave[] = [];
  inputs.forEach((input, i) => {
    const editTokenHash = hashes[i]!;
    const round = rounds.get(input.round);
    const previous = existing.get(editTokenHash);
    const fail = (reason: Extract<SaveResponseResult, { ok: false }>["reason"], message: string, errors: FieldErrors = {}) => {
      results[i] = { ok: false, reason, message, errors };
    };
    if (!round) return fail("round-not-found", "This survey round does not exist.");
    if (round.status !== "open") return fail("round-closed", "This survey round is closed; answers can no longer be changed.");
    if (tombstones.has(editTokenHash)) return fail("deleted", "This response was deleted.");
    if (previous && previous.roundId !== round.id) return fail("invalid", "This edit link belongs to another survey round.");

    const errors: FieldErrors = {};
    const selections = new Map<number, SelectionRow>();
    input.projects.forEach((answer, n) => {
      const projectId = projects.idBySlug.get(answer.slug);
      if (projectId === undefined || !projects.offered.has(`${round.id}:${projectId}`)) {
        errors[`projects.${n}.slug`] = `“${answer.slug}” is not a project of this survey`;
      } else selections.set(projectId, { projectId, kinds: answer.kinds, frequency: answer.frequency });
    });
    const teamIds: number[] = [];
    input.teams.forEach((slug, n) => {
      const id = teams.get(slug);
      if (id === undefined) errors[`teams.${n}`] = `“${slug}” is not an OpenStack team`;
      else teamIds.push(id);
    });
    if (Object.keys(errors).length > 0) return fail("invalid", "Some answers need attention.", errors);
    const others = input.others.map((rawText) => ({
      rawText,
      normalizedText: normalizeName(rawText),
      projectId: index ? (matchProjectName(index, rawText)?.id ?? null) : null,
    }));
    for (const other of others) {
      if (other.projectId !== null && !selections.has(other.projectId)) {
        selections.set(other.projectId, { projectId: other.projectId, kinds: [], frequency: UNSPECIFIED_FREQUENCY });
      }
    }
    const responseId = previous?.id ?? randomUUID();
    accepted.push({
      index: i,
      responseId,
      roundId: round.id,
      isNew: !previous,
      editTokenHash,
      fields: {
        notOpenStackContributor: input.notOpenStackContributor,
        yearsContributing: input.yearsContributing,
        employerPaid: input.employerPaid,
        comment: input.comment || null,
        projectCount: selections.size,
      },
      selections: [...selections.values()],
      teamIds,
      others,
    });
    results[i] = { ok: true, responseId, created: !previous };
  });

  await writeAccepted(tx, accepted);
  return results;
}

async function writeAccepted(tx: Tx, accepted: readonly AcceptedSave[]): Promise<void> {
  const edited = accepted.filter((a) => !a.isNew);
  // Update the parent rows first: on PostgreSQL that takes their row locks, so concurrent edits of one
  // response run one after the other instead of interleaving their delete-and-insert of the children.
  for (const edit of edited) await tx.response.update({ where: { id: edit.responseId }, data: edit.fields });
  if (edited.length > 0) {
    const responseId = { in: edited.map((e) => e.responseId) };
    await tx.responseProject.deleteMany({ where: { responseId } });
    await tx.responseTeam.deleteMany({ where: { responseId } });
    await tx.otherEntry.deleteMany({ where: { responseId } });
  }
  const created = accepted.filter((a) => a.isNew);
  if (created.length > 0) {
    await tx.response.createMany({
      data: created.map((a) => ({ id: a.responseId, roundId: a.roundId, editTokenHash: a.editTokenHash, source: "web", ...a.fields })),
    });
  }
  const selections = accepted.flatMap((a) =>
    a.selections.map((s) => ({ responseId: a.responseId, roundId: a.roundId, projectId: s.projectId, frequency: s.frequency, ...kindColumns(s.kinds) })),
  );
  if (selections.length > 0) await tx.responseProject.createMany({ data: selections });
  const teams = accepted.flatMap((a) => a.teamIds.map((teamId) => ({ responseId: a.responseId, roundId: a.roundId, teamId })));
  if (teams.length > 0) await tx.responseTeam.createMany({ data: teams });
  const others = accepted.flatMap((a) => a.others.map((o, position) => ({ responseId: a.responseId, roundId: a.roundId, position, ...o })));
  if (others.length > 0) await tx.otherEntry.createMany({ data: others });
}

async function resolveProjectSlugs(tx: Tx, inputs: readonly ResponseInput[], roundIds: number[]) {
  const slugs = [...new Set(inputs.flatMap((i) => i.projects.map((p) => p.slug)))];
  const idBySlug = new Map<string, number>();
  const offered = new Set<string>();
  if (slugs.length === 0 || roundIds.length === 0) return { idBySlug, offered };
  const found = await tx.project.findMany({
    where: { slug: { in: slugs } },
    select: { id: true, slug: true, status: true, mergedIntoId: true },
  });
  // A merged project's slug keeps resolving: answers go to the project it was merged into.
  for (const p of found) idBySlug.set(p.slug, p.status === "merged" && p.mergedIntoId ? p.mergedIntoId : p.id);
  const rows = await tx.roundProject.findMany({
    where: { roundId: { in: roundIds }, projectId: { in: [...new Set(idBySlug.values())] } },
    select: { roundId: true, projectId: true },
  });
  for (const row of rows) offered.add(`${row.roundId}:${row.projectId}`);
  return { idBySlug, offered };
}

async function resolveTeamSlugs(tx: Tx, inputs: readonly ResponseInput[]): Promise<Map<string, number>> {
  const slugs = [...new Set(inputs.flatMap((i) => i.teams))];
  if (slugs.length === 0) return new Map();
  const found = await tx.team.findMany({ where: { slug: { in: slugs }, isActive: true }, select: { id: true, slug: true } });
  return new Map(found.map((t) => [t.slug, t.id]));
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
  return db.$transaction((tx) => deleteResponseInTransaction(tx, where, deletedBy));
}

/** deleteResponse inside a caller's transaction, so an organiser's delete and its audit entry commit together. */
export async function deleteResponseInTransaction(
  tx: Tx,
  where: { token: string } | { id: string },
  deletedBy: "respondent" | "organiser" | "retention",
): Promise<DeleteResponseResult> {
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

/**
 * Insert responses in chunks, each chunk in one transaction; returns the new response ids in input order.
 * Multi-row INSERTs (lib/db/multi-row-insert.ts) rather than createMany: the same rows, several times faster.
 */
export async function insertResponsesBulk(db: Db, roundId: number, responses: BulkResponse[], chunkSize = 500): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < responses.length; start += chunkSize) {
    const chunk = responses.slice(start, start + chunkSize).map((r) => ({ ...r, id: randomUUID() }));
    // What createMany would have set: @default(now()) and @updatedAt, one instant per statement.
    const now = new Date();
    await db.$transaction(
      async (tx) => {
        await insertRows(
          tx,
          "Response",
          RESPONSE_COLUMNS,
          chunk.map((r) => [
            r.id,
            roundId,
            r.editTokenHash,
            r.source,
            r.importKey ?? null,
            r.notOpenStackContributor ?? false,
            r.yearsContributing ?? null,
            r.employerPaid ?? null,
            r.comment ?? null,
            r.selections.length,
            r.createdAt ?? now,
            r.createdAt ?? now,
          ]),
        );
        await insertRows(
          tx,
          "ResponseProject",
          SELECTION_COLUMNS,
          chunk.flatMap((r) => r.selections.map((s) => selectionRow(r.id, roundId, s))),
        );
        await insertRows(
          tx,
          "ResponseTeam",
          TEAM_COLUMNS,
          chunk.flatMap((r) => r.teamIds.map((teamId) => [r.id, roundId, teamId])),
        );
        await insertRows(
          tx,
          "OtherEntry",
          OTHER_COLUMNS,
          chunk.flatMap((r) => (r.others ?? []).map((o, position) => [r.id, roundId, position, o.rawText, normalizeName(o.rawText), o.projectId])),
        );
      },
      { maxWait: 30_000, timeout: 120_000 },
    );
    ids.push(...chunk.map((r) => r.id));
  }
  return ids;
}

// Column lists of the multi-row INSERTs, in the order each row's values are given.
const RESPONSE_COLUMNS = [
  "id",
  "roundId",
  "editTokenHash",
  "source",
  "importKey",
  "notOpenStackContributor",
  "yearsContributing",
  "employerPaid",
  "comment",
  "projectCount",
  "createdAt",
  "updatedAt",
] as const;
const SELECTION_COLUMNS = ["responseId", "roundId", "projectId", "frequency", "kindCode", "kindReview", "kindBugs", "kindDocs", "kindMaintainer"] as const;
const TEAM_COLUMNS = ["responseId", "roundId", "teamId"] as const;
const OTHER_COLUMNS = ["responseId", "roundId", "position", "rawText", "normalizedText", "projectId"] as const;

function selectionRow(responseId: string, roundId: number, s: SelectionRow): SqlValue[] {
  const kinds = kindColumns(s.kinds);
  return [responseId, roundId, s.projectId, s.frequency, kinds.kindCode, kinds.kindReview, kinds.kindBugs, kinds.kindDocs, kinds.kindMaintainer];
}
