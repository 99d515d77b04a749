// What the edge (lib/http/edge.ts) refuses before Next.js sees a request: things Next.js would otherwise answer
// with a 500. Pure: no Node or Next.js types, unit-tested beside it.
import type { ApiErrorCode } from "../survey/api-error";

export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** Server actions take at most this much (next.config.js sets the same limit for Next.js itself). */
export const ACTION_BODY_LIMIT_BYTES = 256 * 1024;
// Deeper than any answer our forms send; Next.js's reply decoder recurses and overflows its stack on deep input.
export const MAX_ACTION_JSON_DEPTH = 64;

export interface Refusal {
  status: 400 | 403 | 405 | 411 | 413 | 503;
  code: ApiErrorCode;
  message: string;
}

export function checkMethod(method: string | undefined): Refusal | null {
  return method && (ALLOWED_METHODS as readonly string[]).includes(method) ? null : { status: 405, code: "method_not_allowed", message: "Method not allowed" };
}

const decodes = (text: string) => {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
};

/** Every path segment and query component must be valid percent-encoded UTF-8. */
export function checkUrl(url: string | undefined): Refusal | null {
  if (!url || !url.startsWith("/")) return { status: 400, code: "invalid_address", message: "Bad request target" };
  const [path = "", query = ""] = url.split(/\?(.*)/s, 2);
  const parts = [...path.split("/"), ...query.split(/[&=]/).map((part) => part.replace(/\+/g, " "))];
  return parts.every(decodes) ? null : { status: 400, code: "invalid_address", message: "The address is not valid percent-encoded UTF-8" };
}

/** Whether JSON text nests deeper than `limit` arrays and objects (counted without parsing, strings skipped). */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") {
      if (++depth > limit) return true;
    } else if (c === "]" || c === "}") depth--;
  }
  return false;
}

// React encodes special values in action arguments as strings starting with "$". The ones this site's forms can
// send stand for themselves ($$ an escaped "$", $undefined, $NaN, $Infinity, $-Infinity, $-0, $D a date, $n a
// bigint) or for the submitted form ($K); the rest point at other parts of the body (promises, maps, sets,
// blobs, temporary and server references), and pointing at parts that are not there makes the decoder throw.
const SUPPORTED_REFERENCE = /^\$(\$|undefined$|NaN$|-?Infinity$|-0$|D|n-?\d+$|K\d+$)/;

function usesUnsupportedReference(value: unknown): boolean {
  if (typeof value === "string") return value.startsWith("$") && !SUPPORTED_REFERENCE.test(value);
  if (Array.isArray(value)) return value.some(usesUnsupportedReference);
  if (value !== null && typeof value === "object") return Object.values(value).some(usesUnsupportedReference);
  return false;
}

function checkJson(text: string, mustBeList: boolean): Refusal | null {
  if (nestsDeeperThan(text, MAX_ACTION_JSON_DEPTH)) return { status: 400, code: "invalid_body", message: "The action's arguments nest too deeply" };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { status: 400, code: "invalid_body", message: "The action's arguments are not valid JSON" };
  }
  if (mustBeList && !Array.isArray(value)) return { status: 400, code: "invalid_body", message: "The action's arguments must be a list" };
  return usesUnsupportedReference(value) ? { status: 400, code: "invalid_body", message: "The action's arguments use an encoding this site never sends" } : null;
}

/**
 * A server action's body: JSON arguments (text/plain), or a form (multipart, urlencoded). In a multipart body the
 * numbered fields are React's encoded arguments ("0" the list of them), each JSON. `form` parses the multipart
 * body and throws on a malformed one.
 */
export async function checkActionBody(contentType: string, body: Buffer, form: () => Promise<FormData>): Promise<Refusal | null> {
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "text/plain") return checkJson(body.toString("utf8"), true);
  if (type === "application/x-www-form-urlencoded") return null;
  if (type !== "multipart/form-data") return { status: 400, code: "invalid_body", message: "Server actions take a form or JSON arguments" };
  let fields: FormData;
  try {
    fields = await form();
  } catch {
    return { status: 400, code: "invalid_body", message: "The form data is malformed" };
  }
  for (const [name, value] of fields) {
    if (!/^\d+$/.test(name) || typeof value !== "string") continue;
    const refusal = checkJson(value, name === "0");
    if (refusal) return refusal;
  }
  return null;
}
