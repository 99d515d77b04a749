// Writing and reading survey responses. Every change to one response happens in one transaction, so a
// reader sees the old answer or the new one, never a mixture; bad ids become field errors, not exceptions.
import { randomUUID } from "node:crypto";
import { v7 as timeOrderedUuid } from "uuid";
import { buildCatalogueIndex, matchProjectName, type MatchableProject } from "../survey/catalogue-match";
import { isCompleteAnswer } from "../survey/completeness";
import { hashEditToken } from "../survey/edit-token";
import { candidateKeys, normalizeName } from "../survey/normalize";
import type { FieldErrors, ResponseInput } from "../survey/response-schema";
import { CONTRIBUTION_KINDS, UNSPECIFIED_FREQUENCY, type ContributionKind } from "../survey/questions";
import type { Db } from "./client";
import { delegatedWritesOf } from "./delegated-writes";
import { KIND_COLUMNS } from "./kind-columns";
import { Prisma } from "./generated/sqlite/client";
import { insertRows, type SqlValue } from "./multi-row-insert";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
/** What writing a batch of submissions needs of its transaction: raw statements only. */
export type RawTx = Pick<Tx, "$queryRaw" | "$executeRaw">;
/** Runs `work` in one transaction: Prisma's $transaction, or the driver adapter's (lib/db/adapter-transaction.ts). */
export type Transact = <T>(work: (tx: RawTx) => Promise<T>) => Promise<T>;

export { UNSPECIFIED_FREQUENCY };

export type SaveResponseResult =
  | { ok: true; /** The public id (Response.publicId). */ responseId: string; created: boolean }
  | { ok: false; reason: "round-not-found" | "round-closed" | "deleted" | "invalid"; message: string; errors: FieldErrors };

export interface SelectionRow {
  projectId: number;
  kinds: readonly ContributionKind[];
  frequency: string;
}

/**
 * Create the response the token names, or replace its answers if it exists (the token's holder owns it).
 * Concurrent calls are grouped into one transaction (see SubmissionBatcher); each still gets its own result
 * only after the transaction that holds its answer has committed.
 */
export async function saveResponse(db: Db, input: ResponseInput): Promise<SaveResponseResult> {
  // The app's SQLite client hands submissions to its writer thread (lib/db/submission-thread.ts).
  const delegated = delegatedWritesOf(db);
  return delegated ? delegated.saveResponse(input) : batcherFor(db).submit(input);
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
const MAX_JOIN_TURNS = 8;

/**
 * Group commit for submissions. While one transaction is writing, new submissions queue; the next
 * transaction takes all of them, so a burst costs a handful of queries instead of a dozen per answer.
 * Nothing is kept between transactions: the queue holds only requests still waiting for their answer.
 */
class SubmissionBatcher {
  #queue: PendingSave[] = [];
  #isDraining = false;
  constructor(private readonly transact: Transact) {}

  submit(input: ResponseInput): Promise<SaveResponseResult> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ input, editTokenHash: hashEditToken(input.token), resolve, reject });
      if (this.#isDraining) return;
      this.#isDraining = true;
      // Yield to I/O before the first transaction: with better-sqlite3 a whole transaction completes in
      // microtasks, so without this no request that arrives meanwhile could join it and every batch is one.
      setImmediate(() => void this.#drain());
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        await this.#letArrivingJoin();
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

  /**
   * Before taking a batch, yield to I/O until the queue stops growing (a few turns at most), so submissions
   * already on their way join this transaction instead of waiting for the next. Under load it cut the commits
   * by two fifths (527 to 319 for 6,500 answers) and raised throughput by a tenth when batches were written on
   * the request thread; alone, a submission waits one turn.
   */
  async #letArrivingJoin(): Promise<void> {
    let seen = -1;
    for (let turn = 0; turn < MAX_JOIN_TURNS && this.#queue.length !== seen && this.#queue.length < MAX_BATCH; turn++) {
      seen = this.#queue.length;
      await new Promise((resolve) => setImmediate(resolve));
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
        return await this.transact((tx) => saveBatch(tx, batch));
      } catch (error) {
        if (attempt < 3 && isRetryable(error)) continue;
        throw error;
      }
    }
  }
}

/** saveResponse's work with group commit, in transactions of the caller's making: the SQLite writer thread's. */
export function submissionsThrough(transact: Transact): (input: ResponseInput) => Promise<SaveResponseResult> {
  const batcher = new SubmissionBatcher(transact);
  return (input) => batcher.submit(input);
}

const batchers = new WeakMap<Db, SubmissionBatcher>();
function batcherFor(db: Db): SubmissionBatcher {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new SubmissionBatcher((work) => db.$transaction(work, { maxWait: 10_000, timeout: 30_000 }));
    batchers.set(db, batcher);
  }
  return batcher;
}

interface AcceptedSave {
  index: number;
  /** The internal key (Response.id) the answer's rows are written under. */
  responseId: string;
  publicId: string;
  roundId: number;
  isNew: boolean;
  editTokenHash: string;
  fields: {
    notOpenStackContributor: boolean;
    yearsContributing: number | null;
    employerPaid: string | null;
    comment: string | null;
    projectCount: number;
    nothingOutsideOpenStack: boolean;
    /** The completeness rule's verdict, stored so counting can leave incomplete answers out. */
    isComplete: boolean;
  };
  selections: SelectionRow[];
  teamIds: number[];
  others: { rawText: string; normalizedText: string; projectId: number | null }[];
}

/** Validate and write a batch of submissions with distinct tokens in one transaction; a result per item. */
async function saveBatch(tx: RawTx, batch: readonly PendingSave[]): Promise<SaveResponseResult[]> {
  const inputs = batch.map((pending) => pending.input);
  const hashes = batch.map((pending) => pending.editTokenHash);
  const { rounds, tombstones, existing, projects, teams, namedProjects } = await lookUpBatch(tx, inputs, hashes);
  const index = buildCatalogueIndex(namedProjects);

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
      projectId: matchProjectName(index, rawText)?.id ?? null,
    }));
    for (const other of others) {
      if (other.projectId !== null && !selections.has(other.projectId)) {
        selections.set(other.projectId, { projectId: other.projectId, kinds: [], frequency: UNSPECIFIED_FREQUENCY });
      }
    }
    const responseId = previous?.id ?? timeOrderedUuid();
    const publicId = previous?.publicId ?? randomUUID();
    accepted.push({
      index: i,
      responseId,
      publicId,
      roundId: round.id,
      isNew: !previous,
      editTokenHash,
      fields: {
        notOpenStackContributor: input.notOpenStackContributor,
        yearsContributing: input.yearsContributing,
        employerPaid: input.employerPaid,
        comment: input.comment || null,
        projectCount: selections.size,
        nothingOutsideOpenStack: input.nothingOutsideOpenStack,
        isComplete: isCompleteAnswer({
          teams: teamIds.length,
          notOpenStackContributor: input.notOpenStackContributor,
          projects: selections.size,
          others: others.length,
          nothingOutsideOpenStack: input.nothingOutsideOpenStack,
        }),
      },
      selections: [...selections.values()],
      teamIds,
      others,
    });
    results[i] = { ok: true, responseId: publicId, created: !previous };
  });

  await writeAccepted(tx, accepted);
  return results;
}

/**
 * Everything a batch is checked against, read in one statement: its rounds, the tombstones and existing
 * responses of its tokens, the projects and teams it names (merged projects resolved to where they went),
 * which of those projects its rounds offer, and the catalogue entries its free text could name. One round
 * trip instead of seven queries, one of which loaded the whole catalogue.
 */
async function lookUpBatch(tx: RawTx, inputs: readonly ResponseInput[], hashes: readonly string[]) {
  const roundSlugs = [...new Set(inputs.map((i) => i.round))];
  const projectSlugs = [...new Set(inputs.flatMap((i) => i.projects.map((p) => p.slug)))];
  const teamSlugs = [...new Set(inputs.flatMap((i) => i.teams))];
  // Every normalised form the matcher would look up for the free text (catalogue-match.ts).
  const freeTextKeys = [...new Set(inputs.flatMap((i) => i.others.flatMap(candidateKeys)))];
  const inList = (values: readonly string[]) => Prisma.join(values);
  // Answers to a merged project's slug go to the project it was merged into.
  const target = (p: string) =>
    Prisma.raw(`CASE WHEN ${p}."status" = 'merged' AND ${p}."mergedIntoId" IS NOT NULL THEN ${p}."mergedIntoId" ELSE ${p}."id" END`);
  // Every branch yields (kind, key, a, b) as text, so the UNION has one type per column on both databases.
  const branches = [
    Prisma.sql`SELECT 'round' AS "kind", "slug" AS "key", CAST("id" AS TEXT) AS "a", "status" AS "b" FROM "Round" WHERE "slug" IN (${inList(roundSlugs)})`,
    Prisma.sql`SELECT 'tombstone', "editTokenHash", NULL, NULL FROM "ResponseTombstone" WHERE "editTokenHash" IN (${inList(hashes)})`,
    Prisma.sql`SELECT 'existing', "editTokenHash", CAST("roundId" AS TEXT), "id" || ' ' || "publicId" FROM "Response" WHERE "editTokenHash" IN (${inList(hashes)})`,
  ];
  if (projectSlugs.length > 0) {
    branches.push(
      Prisma.sql`SELECT 'project', p."slug", CAST(${target("p")} AS TEXT), NULL FROM "Project" p WHERE p."slug" IN (${inList(projectSlugs)})`,
      Prisma.sql`SELECT 'offered', CAST(rp."roundId" AS TEXT), CAST(rp."projectId" AS TEXT), NULL
        FROM "Round" r JOIN "RoundProject" rp ON rp."roundId" = r."id" JOIN "Project" p ON rp."projectId" = ${target("p")}
        WHERE r."slug" IN (${inList(roundSlugs)}) AND p."slug" IN (${inList(projectSlugs)})`,
    );
  }
  if (teamSlugs.length > 0) {
    branches.push(Prisma.sql`SELECT 'team', "slug", CAST("id" AS TEXT), NULL FROM "Team" WHERE "slug" IN (${inList(teamSlugs)}) AND "isActive" = TRUE`);
  }
  if (freeTextKeys.length > 0) {
    // The active entries with a label (name, slug or alias, normalised) among those keys: only they can match.
    // Names and aliases are stored normalised; a slug ([a-z0-9._-]) normalises to itself without . _ and -.
    const keys = inList(freeTextKeys);
    const slugKey = Prisma.raw(`REPLACE(REPLACE(REPLACE(p."slug", '-', ''), '_', ''), '.', '')`);
    branches.push(
      Prisma.sql`SELECT 'label', p."normalizedName", CAST(p."id" AS TEXT), CAST(p."position" AS TEXT) FROM "Project" p
        WHERE p."status" = 'active' AND p."normalizedName" IN (${keys})`,
      Prisma.sql`SELECT 'label', ${slugKey}, CAST(p."id" AS TEXT), CAST(p."position" AS TEXT) FROM "Project" p
        WHERE p."status" = 'active' AND ${slugKey} IN (${keys})`,
      Prisma.sql`SELECT 'label', a."normalized", CAST(p."id" AS TEXT), CAST(p."position" AS TEXT) FROM "ProjectAlias" a
        JOIN "Project" p ON p."id" = a."projectId" WHERE p."status" = 'active' AND a."normalized" IN (${keys})`,
    );
  }
  const rows = await tx.$queryRaw<{ kind: string; key: string; a: string | null; b: string | null }[]>`${Prisma.join(branches, " UNION ALL ")}`;

  const rounds = new Map<string, { id: number; status: string }>();
  const tombstones = new Set<string>();
  const existing = new Map<string, { id: string; publicId: string; roundId: number }>();
  const projects = { idBySlug: new Map<string, number>(), offered: new Set<string>() };
  const teams = new Map<string, number>();
  const named = new Map<number, { project: MatchableProject & { aliases: string[] }; position: number }>();
  for (const { kind, key, a, b } of rows) {
    if (kind === "round") rounds.set(key, { id: Number(a), status: b ?? "" });
    else if (kind === "tombstone") tombstones.add(key);
    else if (kind === "existing") {
      const [id = "", publicId = ""] = (b ?? "").split(" ");
      existing.set(key, { id, publicId, roundId: Number(a) });
    }
    else if (kind === "project") projects.idBySlug.set(key, Number(a));
    else if (kind === "offered") projects.offered.add(`${key}:${a}`);
    else if (kind === "team") teams.set(key, Number(a));
    else if (kind === "label") {
      const id = Number(a);
      const entry = named.get(id) ?? { project: { id, slug: "", name: "", aliases: [] }, position: Number(b) };
      entry.project.aliases.push(key);
      named.set(id, entry);
    }
  }
  // In catalogue order, as loadMatchableCatalogue gives them: where two entries answer to one key, the first wins.
  const namedProjects = [...named.values()].sort((x, y) => x.position - y.position || x.project.id - y.project.id).map((e) => e.project);
  return { rounds, tombstones, existing, projects, teams, namedProjects };
}

async function writeAccepted(tx: RawTx, accepted: readonly AcceptedSave[]): Promise<void> {
  if (accepted.length === 0) return;
  // What Prisma would set for @default(now()) and @updatedAt.
  const now = new Date();
  const edited = accepted.filter((a) => !a.isNew);
  // Update the parent rows first: on PostgreSQL that takes their row locks, so concurrent edits of one
  // response run one after the other instead of interleaving their delete-and-insert of the children.
  for (const { responseId, fields } of edited) {
    await tx.$executeRaw`UPDATE "Response" SET "notOpenStackContributor" = ${fields.notOpenStackContributor},
      "yearsContributing" = ${fields.yearsContributing}, "employerPaid" = ${fields.employerPaid}, "comment" = ${fields.comment},
      "projectCount" = ${fields.projectCount}, "nothingOutsideOpenStack" = ${fields.nothingOutsideOpenStack},
      "isComplete" = ${fields.isComplete}, "updatedAt" = ${now} WHERE "id" = ${responseId}`;
  }
  if (edited.length > 0) {
    const ids = Prisma.join(edited.map((e) => e.responseId));
    await tx.$executeRaw`DELETE FROM "ResponseProject" WHERE "responseId" IN (${ids})`;
    await tx.$executeRaw`DELETE FROM "ResponseTeam" WHERE "responseId" IN (${ids})`;
    await tx.$executeRaw`DELETE FROM "OtherEntry" WHERE "responseId" IN (${ids})`;
  }
  await insertRows(
    tx,
    "Response",
    RESPONSE_COLUMNS,
    accepted
      .filter((a) => a.isNew)
      .map((a) => responseRow({ ...a, source: "web", importKey: null, createdAt: now })),
  );
  await insertAnswerRows(tx, accepted);
}

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
  where: { token: string } | { publicId: string },
  deletedBy: "respondent" | "organiser" | "retention",
): Promise<DeleteResponseResult> {
  return db.$transaction((tx) => deleteResponseInTransaction(tx, where, deletedBy));
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
  nothingOutsideOpenStack?: boolean;
  yearsContributing?: number | null;
  employerPaid?: string | null;
  comment?: string | null;
  teamIds: number[];
  selections: SelectionRow[];
  others?: { rawText: string; projectId: number | null }[];
}

/**
 * Insert responses in chunks, each chunk in one transaction; returns the new responses' public ids in input order.
 * Multi-row INSERTs (lib/db/multi-row-insert.ts) rather than createMany: the same rows, several times faster.
 */
export async function insertResponsesBulk(db: Db, roundId: number, responses: BulkResponse[], chunkSize = 500): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < responses.length; start += chunkSize) {
    const chunk = responses.slice(start, start + chunkSize).map((r) => ({ ...r, id: timeOrderedUuid(), publicId: randomUUID() }));
    // What createMany would have set: @default(now()) and @updatedAt, one instant per statement.
    const now = new Date();
    await db.$transaction(
      async (tx) => {
        await insertRows(
          tx,
          "Response",
          RESPONSE_COLUMNS,
          chunk.map((r) =>
            responseRow({
              responseId: r.id,
              publicId: r.publicId,
              roundId,
              editTokenHash: r.editTokenHash,
              source: r.source,
              importKey: r.importKey ?? null,
              fields: {
                notOpenStackContributor: r.notOpenStackContributor ?? false,
                yearsContributing: r.yearsContributing ?? null,
                employerPaid: r.employerPaid ?? null,
                comment: r.comment ?? null,
                projectCount: r.selections.length,
                nothingOutsideOpenStack: r.nothingOutsideOpenStack ?? false,
                isComplete: isCompleteAnswer({
                  teams: r.teamIds.length,
                  notOpenStackContributor: r.notOpenStackContributor ?? false,
                  projects: r.selections.length,
                  others: r.others?.length ?? 0,
                  nothingOutsideOpenStack: r.nothingOutsideOpenStack ?? false,
                }),
              },
              createdAt: r.createdAt ?? now,
            }),
          ),
        );
        await insertAnswerRows(
          tx,
          chunk.map((r) => ({
            responseId: r.id,
            roundId,
            selections: r.selections,
            teamIds: r.teamIds,
            others: (r.others ?? []).map((o) => ({ ...o, normalizedText: normalizeName(o.rawText) })),
          })),
        );
      },
      { maxWait: 30_000, timeout: 120_000 },
    );
    ids.push(...chunk.map((r) => r.publicId));
  }
  return ids;
}

// Column lists of the multi-row INSERTs, in the order each row's values are given.
const RESPONSE_COLUMNS = [
  "id",
  "publicId",
  "roundId",
  "editTokenHash",
  "source",
  "importKey",
  "notOpenStackContributor",
  "yearsContributing",
  "employerPaid",
  "comment",
  "projectCount",
  "nothingOutsideOpenStack",
  "isComplete",
  "createdAt",
  "updatedAt",
] as const;
// One boolean column per kind, in CONTRIBUTION_KINDS order (selectionRow writes them in the same order).
const SELECTION_COLUMNS = ["responseId", "roundId", "projectId", "frequency", ...CONTRIBUTION_KINDS.map((kind) => KIND_COLUMNS[kind])];
const TEAM_COLUMNS = ["responseId", "roundId", "teamId"] as const;
const OTHER_COLUMNS = ["responseId", "roundId", "position", "rawText", "normalizedText", "projectId"] as const;

/** A Response row in RESPONSE_COLUMNS order; a new response was last updated when it was created. */
function responseRow(r: {
  responseId: string;
  publicId: string;
  roundId: number;
  editTokenHash: string;
  source: string;
  importKey: string | null;
  fields: AcceptedSave["fields"];
  createdAt: Date;
}): SqlValue[] {
  const { fields } = r;
  return [
    r.responseId,
    r.publicId,
    r.roundId,
    r.editTokenHash,
    r.source,
    r.importKey,
    fields.notOpenStackContributor,
    fields.yearsContributing,
    fields.employerPaid,
    fields.comment,
    fields.projectCount,
    fields.nothingOutsideOpenStack,
    fields.isComplete,
    r.createdAt,
    r.createdAt,
  ];
}

/** The rows an answer owns (selections, teams, free text), for new responses and replaced answers alike. */
async function insertAnswerRows(tx: RawTx, answers: readonly Pick<AcceptedSave, "responseId" | "roundId" | "selections" | "teamIds" | "others">[]) {
  await insertRows(tx, "ResponseProject", SELECTION_COLUMNS, answers.flatMap((a) => a.selections.map((s) => selectionRow(a.responseId, a.roundId, s))));
  await insertRows(tx, "ResponseTeam", TEAM_COLUMNS, answers.flatMap((a) => a.teamIds.map((teamId) => [a.responseId, a.roundId, teamId])));
  await insertRows(
    tx,
    "OtherEntry",
    OTHER_COLUMNS,
    answers.flatMap((a) => a.others.map((o, position) => [a.responseId, a.roundId, position, o.rawText, o.normalizedText, o.projectId])),
  );
}

function selectionRow(responseId: string, roundId: number, s: SelectionRow): SqlValue[] {
  return [responseId, roundId, s.projectId, s.frequency, ...CONTRIBUTION_KINDS.map((kind) => s.kinds.includes(kind))];
}
