// The work behind /api/v1/responses and /api/v1/responses/[token], HTTP status included, so each route
// handler is a line of glue and integration tests can call these with a test database.
import { apiError, asJsonObject, codeOfRefusal, statusOfOutcome, type ApiResult } from "../survey/json-api";
import { storedToAnswer } from "../survey/response-form";
import { editPath, isWellFormedEditToken } from "../survey/edit-token";
import { responseInputSchema, toFieldErrors } from "../survey/response-schema";
import type { Db } from "./client";
import { deleteResponse, getResponseByToken, isResponseDeleted } from "./responses";
import { saveResponse, type SaveAnswer, type SaveResponseResult } from "./submissions";
import { DatabaseBusy } from "./database-busy";

const notFound = () => apiError(404, "response_not_found", "No response has this link.");
const deleted = () => apiError(410, "response_deleted", "This response was deleted.");
const refused = (result: Extract<SaveResponseResult, { ok: false }>) =>
  apiError(statusOfOutcome(result), codeOfRefusal(result.reason), result.message, result.errors);

/**
 * The endpoint's answer, or 503 `unavailable` when its write could not begin in time (DatabaseBusy: another
 * writer's lock on SQLite, a pool with no free connection on PostgreSQL; docs/api.md): nothing was written, and the
 * same request can simply be sent again.
 */
async function unlessBusy(answer: () => Promise<ApiResult>): Promise<ApiResult> {
  try {
    return await answer();
  } catch (error) {
    if (!(error instanceof DatabaseBusy)) throw error;
    return {
      ...apiError(503, "unavailable", "The database is busy with another write; nothing was saved. Try again in a few seconds."),
      headers: { "Retry-After": "5" },
    };
  }
}

/** POST: create the response the body's token names, or replace it (a retried request repeats harmlessly). */
/** `save`: where the answer is written (the app passes its submission thread); by default with `db`. */
export async function submitResponseFromApi(db: Db, body: unknown, save: SaveAnswer = (input) => saveResponse(db, input)): Promise<ApiResult> {
  const parsed = responseInputSchema.safeParse(body);
  if (!parsed.success) return apiError(400, "invalid_answer", "Some answers need attention.", toFieldErrors(parsed.error));
  return unlessBusy(async () => {
    const result = await save(parsed.data);
    if (!result.ok) return refused(result);
    return {
      status: statusOfOutcome(result),
      body: { responseId: result.responseId, editUrl: editPath(parsed.data.token), created: result.created },
    };
  });
}

/** GET: the stored answer in the shape POST and PUT accept (without the token). */
export async function getResponseFromApi(db: Db, token: string): Promise<ApiResult> {
  if (!isWellFormedEditToken(token)) return notFound();
  const stored = await getResponseByToken(db, token);
  if (!stored) return (await isResponseDeleted(db, token)) ? deleted() : notFound();
  return {
    status: 200,
    body: {
      responseId: stored.publicId,
      round: { slug: stored.round.slug, title: stored.round.title, status: stored.round.status },
      isEditable: stored.round.status === "open",
      answer: storedToAnswer(stored),
      createdAt: stored.createdAt.toISOString(),
      updatedAt: stored.updatedAt.toISOString(),
    },
  };
}

/** PUT: replace an existing response's answer. Never creates one: an unknown link is 404. `save` as for POST. */
export async function replaceResponseFromApi(
  db: Db,
  token: string,
  body: unknown,
  save: SaveAnswer = (input) => saveResponse(db, input),
): Promise<ApiResult> {
  if (!isWellFormedEditToken(token)) return notFound();
  const object = asJsonObject(body);
  if (!object) return apiError(400, "invalid_body", "The body must be a JSON object.");
  if (object.token !== undefined && object.token !== token) {
    return apiError(400, "invalid_answer", "The token in the body differs from the link.", { token: "must match the link" });
  }
  const stored = await getResponseByToken(db, token);
  if (!stored) return (await isResponseDeleted(db, token)) ? deleted() : notFound();
  const parsed = responseInputSchema.safeParse({ ...object, token, round: object.round ?? stored.round.slug });
  if (!parsed.success) return apiError(400, "invalid_answer", "Some answers need attention.", toFieldErrors(parsed.error));
  return unlessBusy(async () => {
    const result = await save(parsed.data);
    if (!result.ok) return refused(result);
    return { status: 200, body: { responseId: result.responseId, editUrl: editPath(token), created: false } };
  });
}

/** DELETE: remove the response and every row of it; the link then answers 410. */
export async function deleteResponseFromApi(db: Db, token: string): Promise<ApiResult> {
  if (!isWellFormedEditToken(token)) return notFound();
  return unlessBusy(async () => {
    const result = await deleteResponse(db, { token }, "respondent");
    if (result.ok) return { status: 200, body: { deleted: true } };
    if (result.reason === "round-closed") return apiError(409, "round_closed", result.message);
    return (await isResponseDeleted(db, token)) ? deleted() : notFound();
  });
}
