// The app's front door, in front of Next.js's request handler (started by lib/http/server.ts). It does what a
// route handler cannot: it sees the socket, so it names the client (lib/http/client-address.ts); and it refuses,
// with a 4xx and the site's security headers, the requests Next.js would answer with a 500: methods it does not
// serve, addresses that are not valid percent-encoding, cross-site, oversized or malformed server-action bodies.
import type { IncomingMessage, ServerResponse } from "node:http";
import { isSameOriginRequest, type HeaderSource } from "../auth/origin";
import { apiErrorBody } from "../survey/api-error";
import { API_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS } from "../security-headers";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress, type TrustProxy } from "./client-address";
import { createFigureReadLine, isFigureRead } from "./figure-reads";
import { ACTION_BODY_LIMIT_BYTES, ALLOWED_METHODS, checkActionBody, checkMethod, checkUrl, type Refusal } from "./request-guard";

export type NodeHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export interface EdgeOptions {
  trust: TrustProxy;
  /** A refused cross-site post, for the audit log (which keeps one row per client and window). */
  onCrossSiteRequest(clientAddress: string, path: string): Promise<void>;
}

const headerSource = (request: IncomingMessage): HeaderSource => ({
  get(name) {
    const value = request.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(", ") : (value ?? null);
  },
});

function refuse(response: ServerResponse, { status, code, message }: Refusal): void {
  response.statusCode = status;
  for (const { key, value } of STATIC_SECURITY_HEADERS) response.setHeader(key, value);
  response.setHeader("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
  response.setHeader("Cache-Control", "no-store");
  response.setHeader("Content-Type", "application/json; charset=utf-8");
  if (status === 405) response.setHeader("Allow", ALLOWED_METHODS.join(", "));
  if (status === 503) response.setHeader("Retry-After", "5");
  // The body of a refused post may still be arriving: close the connection rather than read it.
  if (status === 413 || status === 411) response.setHeader("Connection", "close");
  response.end(JSON.stringify(apiErrorBody(code, message)));
}

class BodyAbortedError extends Error {
  override name = "BodyAbortedError";
}

/**
 * Read exactly the declared body, then put it back (Readable.unshift) so Next.js reads it as if untouched. It is
 * read in paused mode ('readable' and read()), so once the listener is gone the stream is back in its initial
 * state and the end, not yet consumed, still comes after the returned bytes.
 */
function readDeclaredBody(request: IncomingMessage, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (error?: Error) => {
      request.off("readable", onReadable);
      request.off("error", onAborted);
      request.off("close", onAborted);
      if (error) return reject(error);
      const body = Buffer.concat(chunks);
      request.unshift(body);
      resolve(body);
    };
    const onReadable = () => {
      for (let chunk: Buffer | null; received < length && (chunk = request.read() as Buffer | null) !== null; ) {
        chunks.push(chunk);
        received += chunk.length;
      }
      if (received >= length) finish();
    };
    // A client that goes away mid-body (the request stream's 'error' is Node's "aborted") leaves nothing to answer.
    const onAborted = () => finish(new BodyAbortedError());
    request.on("readable", onReadable);
    request.on("error", onAborted);
    request.on("close", onAborted);
  });
}

/** Server-action posts (and the no-JavaScript form posts that run them): everything but the JSON API's. */
async function checkPagePost(request: IncomingMessage): Promise<Refusal | null> {
  const declared = request.headers["content-length"];
  if (declared === undefined) return request.headers["transfer-encoding"] ? { status: 411, code: "length_required", message: "Send the form with a Content-Length" } : null;
  const length = Number(declared);
  if (!Number.isSafeInteger(length) || length < 0) return { status: 400, code: "invalid_body", message: "Bad Content-Length" };
  if (length > ACTION_BODY_LIMIT_BYTES) return { status: 413, code: "body_too_large", message: "Request body too large" };
  if (length === 0) return null;
  const contentType = request.headers["content-type"] ?? "";
  const body = await readDeclaredBody(request, length);
  return checkActionBody(contentType, body, () => new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData());
}

/**
 * What the server writes when Node's HTTP parser refuses a request before any handler runs (an unknown method,
 * a malformed header): a 400 with the same security headers, written on the raw socket (Node's 'clientError').
 */
export function parserErrorResponse(): string {
  const body = JSON.stringify(apiErrorBody("bad_request", "Bad request"));
  const headers = [
    ...STATIC_SECURITY_HEADERS.map(({ key, value }) => `${key}: ${value}`),
    `Content-Security-Policy: ${API_CONTENT_SECURITY_POLICY}`,
    "Cache-Control: no-store",
    "Content-Type: application/json; charset=utf-8",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
  ];
  return `HTTP/1.1 400 Bad Request\r\n${headers.join("\r\n")}\r\n\r\n${body}`;
}

export function withEdge(handler: NodeHandler, options: EdgeOptions): NodeHandler {
  const figureReads = createFigureReadLine();
  return async (request, response) => {
    const client = resolveClientAddress(request, options.trust);
    // Whatever the client sent under this name is replaced: only the edge may say who the client is.
    request.headers[CLIENT_ADDRESS_HEADER] = client;
    for (const { key, value } of STATIC_SECURITY_HEADERS) response.setHeader(key, value);

    const early = checkMethod(request.method) ?? checkUrl(request.url);
    if (early) return refuse(response, early);
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    if (request.method === "POST" && !path.startsWith("/api/")) {
      if (!isSameOriginRequest(headerSource(request))) {
        // The refusal stands even when the audit log cannot be written.
        await options.onCrossSiteRequest(client, path).catch((error: unknown) => console.error("upstream-census: auditing a cross-site post failed", error));
        return refuse(response, { status: 403, code: "cross_site_request", message: "Cross-site request refused" });
      }
      let refusal: Refusal | null;
      try {
        refusal = await checkPagePost(request);
      } catch (error) {
        // An aborted upload is the client's doing: close quietly rather than log it as a fault.
        if (error instanceof BodyAbortedError) return void response.destroy();
        throw error;
      }
      if (refusal) return refuse(response, refusal);
    }
    if (isFigureRead(request.method, path)) {
      const outcome = await figureReads.answer(request, response, () => handler(request, response));
      if (outcome === "line-full") refuse(response, { status: 503, code: "unavailable", message: "Too many requests for figures right now; try again in a few seconds" });
      return;
    }
    await handler(request, response);
  };
}
