// Who may download raw responses: a signed-in organiser (checked by the route through lib/auth), or a script
// presenting the EXPORT_TOKEN as a bearer token (checked here).
import { createHash, timingSafeEqual } from "node:crypto";

export type RawExportAccess =
  | { ok: true }
  | { ok: false; status: 401; message: string; headers: Record<string, string> };

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();

/** Compare in constant time: hashing first gives equal lengths, so neither length nor content leaks. */
export function isSameSecret(presented: string, expected: string): boolean {
  return timingSafeEqual(sha256(presented), sha256(expected));
}

/** Allow the request when it carries `Authorization: Bearer <exportToken>`. */
export function authorizeRawExport(request: Pick<Request, "headers">, exportToken: string | undefined): RawExportAccess {
  const challenge = { "WWW-Authenticate": 'Bearer realm="raw-exports"' };
  if (!exportToken) {
    return {
      ok: false,
      status: 401,
      message: "Raw response exports are for organisers: sign in at /admin/sign-in. (Bearer tokens are off: the server has no EXPORT_TOKEN configured.)",
      headers: challenge,
    };
  }
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) {
    return { ok: false, status: 401, message: "Raw response exports need an `Authorization: Bearer <EXPORT_TOKEN>` header.", headers: challenge };
  }
  if (!isSameSecret(match[1], exportToken)) {
    return { ok: false, status: 401, message: "The export token is not valid.", headers: challenge };
  }
  return { ok: true };
}
