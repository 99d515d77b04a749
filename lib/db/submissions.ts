// Saving a respondent's answer: the one write path of the form, the API and the seeding scripts, on both
// databases. Concurrent submissions share a transaction (group commit, SubmissionBatcher below), because each
// commit is synced to disk and one sync per answer is what limits throughput; each submission is still answered
// only after the commit that holds it. Everything happens on the calling thread with the client it was given.
import { randomUUID } from "node:crypto";
import { v7 as timeOrderedUuid } from "uuid";
import { buildCatalogueIndex, matchProjectName } from "../survey/catalogue-match";
import { isCompleteAnswer } from "../survey/completeness";
import { hashEditToken } from "../survey/edit-token";
import { normalizeName } from "../survey/normalize";
import { UNSPECIFIED_FREQUENCY } from "../survey/answer-codes";
import { formatUtc } from "../survey/round-schedule";
import type { FieldErrors, ResponseInput } from "../survey/response-schema";
import type { Db, Tx } from "./client";
import { insertAnswerRows, insertResponseRows, type AnswerRows, type ResponseFields, type SelectionRow } from "./response-rows";
import { lookUpBatch, type BatchLookup } from "./submission-lookup";
import { Prisma } from "./generated/sqlite/client";
import { DatabaseBusy } from "./database-busy";
import { readWriteTransaction } from "./transaction";

export type SaveResponseResult =
  | { ok: true; /** The public id (Response.publicId). */ responseId: string; created: boolean }
  | { ok: false; reason: "round-not-found" | "round-closed" | "deleted" | "invalid"; message: string; errors: FieldErrors };

/** A way to save an answer: saveResponse with a given client, or the app's submission thread (submission-thread.ts). */
export type SaveAnswer = (input: ResponseInput) => Promise<SaveResponseResult>;

/**
 * Create the response the token names, or replace its answers if it exists (the token's holder owns it).
 * Resolves after the transaction holding the answer has committed.
 */
export async function saveResponse(db: Db, input: ResponseInput): Promise<SaveResponseResult> {
  return batcherFor(db).submit(input);
}

/**
 * The same save in a transaction of its own, without waiting for other submissions: what group commit is measured
 * against (`npm run bench -- --parts writes`).
 */
export async function saveResponseAlone(db: Db, input: ResponseInput): Promise<SaveResponseResult> {
  const [result] = await readWriteTransaction(db, (tx) => saveBatch(tx, [{ input, editTokenHash: hashEditToken(input.token) }]));
  return result!;
}

const batchers = new WeakMap<Db, SubmissionBatcher>();
function batcherFor(db: Db): SubmissionBatcher {
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new SubmissionBatcher(db)));
  return batcher;
}

interface PendingSave {
  input: ResponseInput;
  editTokenHash: string;
  resolve(result: SaveResponseResult): void;
  reject(error: unknown): void;
}

const MAX_BATCH = 100;


/**
 * Group commit. While one transaction is writing, new submissions queue; the next transaction takes all of them,
 * so a burst costs a handful of statements instead of a dozen per answer. Nothing is kept between transactions:
 * the queue holds only submissions still waiting for their answer.
 */
class SubmissionBatcher {
  #queue: PendingSave[] = [];
  #isDraining = false;
  constructor(private readonly db: Db) {}

  submit(input: ResponseInput): Promise<SaveResponseResult> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ input, editTokenHash: hashEditToken(input.token), resolve, reject });
      if (this.#isDraining) return;
      this.#isDraining = true;
      void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        await this.#letArrivingJoin();
        const batch = this.#takeBatch();
        try {
          const results = await this.#write(batch);
          batch.forEach((pending, i) => pending.resolve(results[i]!));
        } catch (error) {
          // The database was too busy to begin (another writer's lock, or no pooled connection, for the whole wait):
          // the next attempt would wait as long.
          if (error instanceof DatabaseBusy) {
            for (const pending of batch) pending.reject(error);
            continue;
          }
          // One submission that cannot be written must not fail its neighbours: write them one by one. This also
          // settles a race for an edit token lost to another instance, which commits the same token after this
          // batch looked it up (a unique key taken): written alone, the submission finds that response and replaces
          // its answer.
          for (const pending of batch) {
            try {
              const [result] = await this.#write([pending]);
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
   * Yield one turn of the event loop before taking a batch, so submissions already on their way join this
   * transaction: on the submission thread, every answer handed over while the previous transaction ran. A SQLite
   * transaction runs start to commit without yielding to I/O, so without this none arriving meanwhile could join
   * it. Waiting longer for more to arrive (until none had for 1 ms, 15 ms at most) left the thread idle while the
   * request thread read the next requests: dropping that wait took SQLite from 0.56x to 0.62x the no-write route
   * (docs/benchmarks.md, "2026-12-05").
   */
  #letArrivingJoin(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
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

  #write(batch: readonly PendingSave[]): Promise<SaveResponseResult[]> {
    return readWriteTransaction(this.db, (tx) => saveBatch(tx, batch));
  }
}

/** An answer that passed every check, ready to be written. */
interface AcceptedSave extends AnswerRows {
  publicId: string;
  isNew: boolean;
  editTokenHash: string;
  fields: ResponseFields;
}

/** Check and write a batch of submissions with distinct tokens in one transaction; a result per item. */
async function saveBatch(tx: Tx, batch: readonly Pick<PendingSave, "input" | "editTokenHash">[]): Promise<SaveResponseResult[]> {
  const lookup = await lookUpBatch(
    tx,
    batch.map((pending) => pending.input),
    batch.map((pending) => pending.editTokenHash),
  );
  const results: SaveResponseResult[] = [];
  const accepted: AcceptedSave[] = [];
  for (const { input, editTokenHash } of batch) {
    const checked = checkSubmission(lookup, input, editTokenHash);
    if ("ok" in checked) results.push(checked);
    else {
      accepted.push(checked);
      results.push({ ok: true, responseId: checked.publicId, created: checked.isNew });
    }
  }
  const vanished = await writeAccepted(tx, accepted);
  // An edit whose response was deleted while this batch waited for its row: answered as the edit link would be now.
  return results.map((result) =>
    result.ok && vanished.has(result.responseId) ? { ok: false, reason: "deleted", message: "This response was deleted.", errors: {} } : result,
  );
}

/** The answer as it will be stored, or why it cannot be. */
function checkSubmission(lookup: BatchLookup, input: ResponseInput, editTokenHash: string): AcceptedSave | Extract<SaveResponseResult, { ok: false }> {
  const fail = (reason: Extract<SaveResponseResult, { ok: false }>["reason"], message: string, errors: FieldErrors = {}) =>
    ({ ok: false, reason, message, errors }) as const;
  const round = lookup.roundBySlug.get(input.round);
  const previous = lookup.existingByTokenHash.get(editTokenHash);
  // A draft is not published: to respondents it does not exist, as on the survey page (not "closed", which
  // would tell that it does).
  if (!round || round.phase === "draft") return fail("round-not-found", "This survey round does not exist.");
  // Same refusal (409 round_closed) either way, but "closed" would mislead someone who is early: say when it opens.
  if (round.phase === "scheduled" && round.opensAt) {
    return fail("round-closed", `This survey round is not open yet; it opens at ${formatUtc(round.opensAt)}.`);
  }
  if (round.phase !== "open") return fail("round-closed", "This survey round is closed; answers can no longer be changed.");
  if (lookup.tombstones.has(editTokenHash)) return fail("deleted", "This response was deleted.");
  if (previous && previous.roundId !== round.id) return fail("invalid", "This edit link belongs to another survey round.");

  const errors: FieldErrors = {};
  const selections = new Map<number, SelectionRow>();
  input.projects.forEach((answer, n) => {
    const projectId = lookup.projectIdBySlug.get(answer.slug);
    if (projectId === undefined || !lookup.isOffered(round.id, projectId)) {
      errors[`projects.${n}.slug`] = `“${answer.slug}” is not a project of this survey`;
    } else selections.set(projectId, { projectId, kinds: answer.kinds, frequency: answer.frequency });
  });
  const teamIds: number[] = [];
  input.teams.forEach((slug, n) => {
    const id = lookup.teamIdBySlug.get(slug);
    if (id === undefined) errors[`teams.${n}`] = `“${slug}” is not an OpenStack team`;
    else teamIds.push(id);
  });
  if (Object.keys(errors).length > 0) return fail("invalid", "Some answers need attention.", errors);

  // Free text that names a catalogue project also counts as choosing it, with nothing known of how or how often.
  const index = buildCatalogueIndex(lookup.namedProjects);
  const others = input.others.map((rawText) => ({
    rawText,
    normalizedText: normalizeName(rawText),
    projectId: matchProjectName(index, rawText)?.id ?? null,
  }));
  for (const { projectId } of others) {
    if (projectId !== null && !selections.has(projectId)) {
      selections.set(projectId, { projectId, kinds: [], frequency: UNSPECIFIED_FREQUENCY });
    }
  }
  return {
    responseId: previous?.id ?? timeOrderedUuid(),
    publicId: previous?.publicId ?? randomUUID(),
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
  };
}

/**
 * Edits first, in id order, then new responses, in edit-token order: on PostgreSQL every transaction then takes
 * its row locks in one order, so two instances writing overlapping batches wait for each other, never deadlock.
 * Returns the public ids of edited responses that were deleted meanwhile (nothing is written for those).
 */
async function writeAccepted(tx: Tx, accepted: readonly AcceptedSave[]): Promise<Set<string>> {
  const vanished = new Set<string>();
  if (accepted.length === 0) return vanished;
  // What Prisma would set for @default(now()) and @updatedAt.
  const now = new Date();
  const toEdit = accepted.filter((a) => !a.isNew).sort((a, b) => (a.responseId < b.responseId ? -1 : 1));
  const created = accepted.filter((a) => a.isNew).sort((a, b) => (a.editTokenHash < b.editTokenHash ? -1 : 1));
  // Updating the parent rows first takes their row locks on PostgreSQL, so concurrent edits of one response run
  // one after the other instead of interleaving their replacement of the children.
  // A response deleted by a transaction that committed while this one waited for its row is no longer there:
  // the update finds nothing, and the edit is refused as deleted instead of failing.
  const edited: AcceptedSave[] = [];
  for (const edit of toEdit) {
    const { count } = await tx.response.updateMany({ where: { id: edit.responseId }, data: { ...edit.fields, updatedAt: now } });
    if (count === 0) vanished.add(edit.publicId);
    else edited.push(edit);
  }
  if (edited.length > 0) {
    const ids = Prisma.join(edited.map((e) => e.responseId));
    await Promise.all([
      tx.$executeRaw`DELETE FROM "ResponseProject" WHERE "responseId" IN (${ids})`,
      tx.$executeRaw`DELETE FROM "ResponseTeam" WHERE "responseId" IN (${ids})`,
      tx.$executeRaw`DELETE FROM "OtherEntry" WHERE "responseId" IN (${ids})`,
    ]);
  }
  await insertResponseRows(tx, created.map((a) => ({ ...a, source: "web", importKey: null, createdAt: now })));
  await insertAnswerRows(tx, [...edited, ...created]);
  return vanished;
}
