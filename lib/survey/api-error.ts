// The one shape of every JSON error the app answers with: { error: { code, message, fields? } }. `code` is stable
// and meant for programs (docs/api.md lists them); `message` is a sentence for people; `fields` says what is wrong
// with each field of a body or parameter of a query, by its path ("projects.0.slug", "team").
import type { FieldErrors } from "./response-schema";
import { describeFilterIssues, type FilterIssue } from "./summary-filters";

export type ApiErrorCode =
  /** The body is not JSON, not UTF-8, of the wrong type, or lacks what the endpoint needs. */
  | "invalid_body"
  | "body_too_large"
  /** The answer breaks the survey's rules: see `fields`. */
  | "invalid_answer"
  | "round_not_found"
  | "round_closed"
  | "response_not_found"
  | "response_deleted"
  /** Query parameters the endpoint does not take, or values that do not exist: see `fields`. */
  | "invalid_query"
  | "chart_not_found"
  | "no_data"
  | "too_few_respondents"
  /** The round is open and shows its figures only once it has closed (docs/privacy.md). */
  | "round_unpublished"
  | "rate_limited"
  | "cross_site_request"
  | "sign_in_required"
  | "forbidden"
  | "invalid_credentials"
  | "unavailable"
  /** No endpoint at this address. */
  | "not_found"
  /** The endpoint does not take this method; `Allow` lists those it takes. */
  | "method_not_allowed"
  /** The address is not valid percent-encoded UTF-8. */
  | "invalid_address"
  /** A chunked body where the length must be declared. */
  | "length_required"
  /** A request Node's HTTP parser refused (a malformed header, an unknown method). */
  | "bad_request";

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; fields?: FieldErrors };
}

export function apiErrorBody(code: ApiErrorCode, message: string, fields?: FieldErrors): ApiErrorBody {
  return { error: fields && Object.keys(fields).length > 0 ? { code, message, fields } : { code, message } };
}

/** A JSON error response; never cached. */
export function apiErrorResponse(
  status: number,
  code: ApiErrorCode,
  message: string,
  options: { fields?: FieldErrors; headers?: Record<string, string> } = {},
): Response {
  return Response.json(apiErrorBody(code, message, options.fields), {
    status,
    headers: { "Cache-Control": "no-store", ...options.headers },
  });
}

/** Query-parameter problems as `fields`: the messages about one parameter joined. */
export function fieldsOfIssues(issues: readonly FilterIssue[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const { parameter, message } of issues) fields[parameter] = fields[parameter] ? `${fields[parameter]}; ${message}` : message;
  return fields;
}

/** The answer to filters that do not resolve: 404 when only the round is unknown, 400 otherwise. */
export function filterIssuesResponse(status: 400 | 404, issues: readonly FilterIssue[]): Response {
  return apiErrorResponse(status, status === 404 ? "round_not_found" : "invalid_query", describeFilterIssues(issues), {
    fields: fieldsOfIssues(issues),
  });
}

/** An endpoint's answer to the methods it does not take, e.g. `export const { POST, PUT } = refuseOtherMethods("GET")`. */
export function refuseOtherMethods(...allowed: string[]) {
  const refuse = () =>
    apiErrorResponse(405, "method_not_allowed", `This endpoint takes ${allowed.join(", ")}.`, { headers: { Allow: [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ") } });
  return { GET: refuse, POST: refuse, PUT: refuse, PATCH: refuse, DELETE: refuse };
}
