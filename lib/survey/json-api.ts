// The JSON API's rules, pure (Web Request and Zod only): reading a request body within its limits, and the status
// and error code each outcome is answered with. The route handlers stay a few lines and the rules are unit-tested
// without a server.
import { apiErrorBody, type ApiErrorCode } from "./api-error";
import type { FieldErrors } from "./response-schema";

export const MAX_JSON_BODY_BYTES = 64 * 1024;

/** What a handler answers: a status and a JSON body. */
export interface ApiResult {
  status: number;
  body: Record<string, unknown>;
  /** Beside Cache-Control: no-store, e.g. Retry-After. */
  headers?: Record<string, string>;
}

/** An error answer in the API's one error shape (lib/survey/api-error.ts). */
export const apiError = (status: number, code: ApiErrorCode, message: string, fields?: FieldErrors): ApiResult => ({
  status,
  body: { ...apiErrorBody(code, message, fields) },
});

/** A handler's answer as the HTTP response; API answers are never cached. */
export const apiResultResponse = ({ status, body, headers }: ApiResult): Response =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });

export type JsonBodyResult = { ok: true; value: unknown } | { ok: false; result: ApiResult };

const isJsonContentType = (header: string | null) => {
  const type = (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
};

/**
 * Read a JSON body of at most `maxBytes`, counting the bytes actually received (a client can lie in
 * Content-Length or send none). Wrong content type, invalid UTF-8 and malformed JSON are 400; too big is 413.
 */
export async function readJsonBody(request: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<JsonBodyResult> {
  if (!isJsonContentType(request.headers.get("content-type"))) {
    return {
      ok: false,
      result: apiError(400, "invalid_body", "Send the answer as JSON with the header Content-Type: application/json."),
    };
  }
  const tooLarge = { ok: false, result: apiError(413, "body_too_large", `The body is larger than ${maxBytes / 1024} KB.`) } as const;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge;
  let bytes: Uint8Array | null;
  try {
    bytes = await readLimited(request, maxBytes);
  } catch {
    // The client went away mid-upload (or sent a broken body): its own doing, so an answer rather than a logged fault.
    return { ok: false, result: apiError(400, "invalid_body", "The body ended before it was complete.") };
  }
  if (bytes === null) return tooLarge;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, result: apiError(400, "invalid_body", "The body is not valid UTF-8.") };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, result: apiError(400, "invalid_body", "The body is not valid JSON.") };
  }
}

async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

export type SaveOutcome =
  | { ok: true; created: boolean }
  | { ok: false; reason: "round-not-found" | "round-closed" | "deleted" | "invalid" | "not-found" };

/** The API's error code of a refused save or delete. */
export function codeOfRefusal(reason: Extract<SaveOutcome, { ok: false }>["reason"]): ApiErrorCode {
  switch (reason) {
    case "invalid":
      return "invalid_answer";
    case "round-not-found":
      return "round_not_found";
    case "not-found":
      return "response_not_found";
    case "round-closed":
      return "round_closed";
    case "deleted":
      return "response_deleted";
  }
}

/** HTTP status of a save or delete outcome: 201 created, 200 replaced, and one 4xx per kind of refusal. */
export function statusOfOutcome(outcome: SaveOutcome): number {
  if (outcome.ok) return outcome.created ? 201 : 200;
  switch (outcome.reason) {
    case "invalid":
      return 400;
    case "round-not-found":
    case "not-found":
      return 404;
    case "round-closed":
      return 409;
    case "deleted":
      return 410;
  }
}

/** A JSON object's own properties, or null for anything else (arrays, null, strings...). */
export function asJsonObject(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
