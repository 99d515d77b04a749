// Over a thousand malformed requests against every route and server action of the running app (the production
// build behind the app's edge), anonymous and signed in: broken percent-encoding in paths and queries, methods
// the app does not serve, malformed, deeply nested, oversized and mistyped action bodies, cross-site origins.
// None may get a 5xx, every refusal carries the site's security headers (and under /api the API's error shape),
// no answer is stored, and a flood of cross-site posts leaves one audit row per client and window.
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createOrganiser } from "@/lib/db/admin-organisers";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";
import { appRoutes, serverActions, signInCookie } from "./app-requests";

export const MIN_FUZZ_REQUESTS = 1000;
const ADMIN = { email: "fuzz-admin@example.org", password: "fuzz admin password" };

interface FuzzRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http, not fetch: fetch refuses TRACE and friends, and normalises the paths we want to send broken. */
function send(base: URL, { method, path, headers = {}, body }: FuzzRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: base.hostname, port: base.port, method, path, headers: { ...headers, ...(body !== undefined ? { "content-length": Buffer.byteLength(body) } : {}) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.length < 64 && chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    request.on("error", reject);
    request.setTimeout(60_000, () => request.destroy(new Error(`${method} ${path} timed out`)));
    request.end(body);
  });
}

const BROKEN_SEGMENTS = ["%ff", "%", "%E0%A4%A", "%C0%AE%C0%AE", "%00", "..%2f..%2fetc%2fpasswd", "%uD800", "a".repeat(4000)];
const BROKEN_QUERIES = ["?round=%ff", "?%ff=1", "?team=%", "?round=openstack-2026&round=x", "?view=%E0%A4%A"];
const METHODS = ["TRACE", "TRACK", "PROPFIND", "PATCH", "PUT", "DELETE", "OPTIONS", "HEAD"];
const DEEP = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
const ACTION_BODIES: { contentType: string; body: string | Buffer }[] = [
  { contentType: "text/plain;charset=UTF-8", body: "[]" },
  { contentType: "text/plain;charset=UTF-8", body: "null" },
  { contentType: "text/plain;charset=UTF-8", body: "{" },
  { contentType: "text/plain;charset=UTF-8", body: "[1,2]" },
  { contentType: "text/plain;charset=UTF-8", body: '["$K1",1]' },
  { contentType: "text/plain;charset=UTF-8", body: '[{},"$K9","$Q1","$T"]' },
  { contentType: "text/plain;charset=UTF-8", body: DEEP },
  { contentType: "text/plain;charset=UTF-8", body: JSON.stringify(["x".repeat(300_000)]) },
  { contentType: "text/plain;charset=UTF-8", body: Buffer.from([0x5b, 0xff, 0xfe, 0x5d]) },
  { contentType: "multipart/form-data; boundary=fuzz", body: "garbage without boundaries" },
  { contentType: "multipart/form-data; boundary=fuzz", body: '--fuzz\r\nContent-Disposition: form-data; name="0"\r\n\r\n[1,{"a":' },
  { contentType: "multipart/form-data; boundary=fuzz", body: '--fuzz\r\nContent-Disposition: form-data; name="0"\r\n\r\n[{},"$K1"]\r\n--fuzz--\r\n' },
  { contentType: "multipart/form-data; boundary=fuzz", body: `--fuzz\r\nContent-Disposition: form-data; name="0"\r\n\r\n${DEEP}\r\n--fuzz--\r\n` },
  { contentType: "application/x-www-form-urlencoded", body: "a=%ff&0=%5B%5D" },
  { contentType: "application/json", body: "{}" },
  { contentType: "application/xml", body: "<x/>" },
];

function routeRequests(origin: string): FuzzRequest[] {
  const paths = [...appRoutes().values()].filter((path) => !path.startsWith("/_"));
  return paths.flatMap((path): FuzzRequest[] => {
    const dynamic = /\[[^\]]+\]/.test(path);
    const withSegment = (segment: string) => (dynamic ? path.replace(/\[[^\]]+\]/, segment) : `${path === "/" ? "" : path}/${segment}`);
    return [
      ...BROKEN_SEGMENTS.map((segment) => ({ method: "GET", path: withSegment(segment) })),
      ...BROKEN_QUERIES.map((query) => ({ method: "GET", path: `${withSegment("x")}${query}` })),
      ...METHODS.map((method) => ({ method, path: withSegment("x") })),
      { method: "POST", path: withSegment("x"), headers: { "content-type": "application/json", origin }, body: "{not json" },
      { method: "POST", path: withSegment("x"), headers: { "content-type": "application/json", origin }, body: DEEP },
      { method: "POST", path: withSegment("x"), headers: { "content-type": "text/plain", origin }, body: "x".repeat(300_000) },
      { method: "POST", path: withSegment("x"), headers: { "content-type": "application/json", origin: "https://evil.example" }, body: "{}" },
    ];
  });
}

const withCookie = (session: { cookie?: string }): Record<string, string> => (session.cookie ? { cookie: session.cookie } : {});

function actionRequests(origin: string, cookie: string): FuzzRequest[] {
  return serverActions().flatMap((action) =>
    [{}, { cookie }].flatMap((session: { cookie?: string }) => [
      ...ACTION_BODIES.map(({ contentType, body }) => ({ method: "POST", path: action.page, headers: { "next-action": action.id, "content-type": contentType, origin, ...withCookie(session) }, body })),
      { method: "POST", path: action.page, headers: { "next-action": action.id, "content-type": "text/plain", origin: "https://evil.example", ...withCookie(session) }, body: "[]" },
      { method: "POST", path: `${action.page}%ff`, headers: { "next-action": action.id, "content-type": "text/plain", origin, ...withCookie(session) }, body: "[]" },
    ]),
  );
}

async function inPool<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  }));
  return results;
}

describeEachDatabase("malformed requests against every route and server action", (kind) => {
  let t: TestDatabase;
  let server: AppServer;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await createOrganiser(t.db, { ...ADMIN, role: "admin" });
    server = await startAppServer(t.url, { SESSION_SECRET: "fuzz-suite-session-secret-0123456789abcdef", RATE_LIMIT_SUBMISSIONS_PER_MINUTE: "0" });
  });
  afterAll(async () => {
    await server?.stop();
    await t?.drop();
  });

  it(`answers at least ${MIN_FUZZ_REQUESTS} of them without a single 5xx, each refusal with the security headers`, async () => {
    const base = new URL(server.url);
    const cookie = await signInCookie(server.url, ADMIN.email, ADMIN.password);
    const responsesBefore = await t.db.response.count();
    // Signing out, here or everywhere else, ends the session the other signed-in requests use: those requests go last.
    const endingIds = new Set(serverActions().filter((action) => ["signOutAction", "signOutEverywhereElseAction"].includes(action.name)).map((action) => action.id));
    const endsSession = (request: FuzzRequest) => request.headers?.cookie !== undefined && endingIds.has(request.headers["next-action"] ?? "");
    const all = [...routeRequests(server.url), ...actionRequests(server.url, cookie)];
    const requests = [...all.filter((request) => !endsSession(request)), ...all.filter(endsSession)];
    expect(requests.length).toBeGreaterThanOrEqual(MIN_FUZZ_REQUESTS);
    const answers = [
      ...(await inPool(requests.filter((request) => !endsSession(request)), 8, (request) => send(base, request))),
      ...(await inPool(requests.filter(endsSession), 1, (request) => send(base, request))),
    ];
    const describe = (i: number) => `${answers[i]!.status} ${requests[i]!.method} ${requests[i]!.path.slice(0, 80)} ${JSON.stringify(requests[i]!.headers ?? {}).slice(0, 160)} ${String(requests[i]!.body ?? "").slice(0, 60)}`;
    const failures = answers.flatMap((answer, i) => (answer.status >= 500 || answer.status === 0 ? [describe(i)] : []));
    expect(failures).toEqual([]);
    const bare = answers.flatMap((answer, i) =>
      answer.status >= 400 && (answer.headers["x-content-type-options"] !== "nosniff" || answer.headers["x-frame-options"] !== "DENY" || !answer.headers["content-security-policy"])
        ? [describe(i)]
        : [],
    );
    expect(bare).toEqual([]);
    // Every refusal of an /api address, from an endpoint, the catch-all or the edge, has the API's one error shape.
    const hasErrorShape = (body: string) => {
      try {
        const { error } = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
        return typeof error?.code === "string" && typeof error.message === "string";
      } catch {
        return false;
      }
    };
    const shapeless = answers.flatMap((answer, i) =>
      answer.status >= 400 && requests[i]!.method !== "HEAD" && requests[i]!.path.startsWith("/api/") && !hasErrorShape(answer.body) ? [`${describe(i)} -> ${answer.body.slice(0, 80)}`] : [],
    );
    expect(shapeless).toEqual([]);
    expect(await t.db.response.count()).toBe(responsesBefore);
    // The signed-in half really was signed in: an admin action with a malformed form got the action's own answer.
    expect(answers.filter((answer, i) => requests[i]!.headers?.cookie !== undefined && !endsSession(requests[i]!) && answer.status === 401)).toEqual([]);
    console.log(`fuzz [${kind}]: ${requests.length} requests, ${answers.filter((a) => a.status >= 400).length} refused, 0 at 500 or above`);
  });

  it("writes nothing to the server log when a client aborts an upload, on the API and on server actions", async () => {
    const action = serverActions().find((candidate) => candidate.name === "submitResponse")!;
    const uploads = [
      { method: "POST", path: "/api/v1/responses", type: "application/json" },
      { method: "PUT", path: "/api/v1/responses/AAAAAAAAAAAAAAAAAAAAAA", type: "application/json" },
      { method: "POST", path: "/api/v1/responses/check", type: "application/json" },
      { method: "POST", path: "/api/admin/sign-in", type: "application/json" },
      { method: "POST", path: action.page, type: "text/plain;charset=UTF-8", action: action.id },
    ];
    const logged = server.output().length;
    const base = new URL(server.url);
    // Announce 6 KB (under every endpoint's limit, so each starts reading), send a little, go away: what a phone
    // losing its signal mid-post does.
    const abort = ({ method, path, type, action: id }: (typeof uploads)[number]) =>
      new Promise<void>((resolve) => {
        const socket = connect(Number(base.port), base.hostname, () => {
          const head = [`${method} ${path} HTTP/1.1`, `Host: ${base.host}`, `Origin: ${server.url}`, `Content-Type: ${type}`, "Content-Length: 6000", ...(id ? [`Next-Action: ${id}`] : [])];
          socket.write(`${head.join("\r\n")}\r\n\r\n{"round":"openstack-2026","teams":["nova"],`, () => setTimeout(() => socket.destroy(), 200));
        });
        socket.on("close", () => resolve());
        socket.on("error", () => resolve());
      });
    for (let round = 0; round < 4; round++) await Promise.all(uploads.map(abort));
    // The server is still well, and said nothing about the 20 uploads it lost.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(server.output().slice(logged)).toBe("");
  });

  it("refuses cross-site action posts with 403 and audits them once per client and window", async () => {
    const action = serverActions().find((candidate) => candidate.name === "submitResponse")!;
    const statuses = await inPool(Array.from({ length: 30 }), 8, () =>
      send(new URL(server.url), { method: "POST", path: action.page, headers: { "next-action": action.id, "content-type": "text/plain", origin: "https://evil.example" }, body: "[]" }).then((a) => a.status),
    );
    expect(statuses.every((status) => status === 403)).toBe(true);
    expect(await t.db.auditLog.count({ where: { action: "cross-site-request" } })).toBe(1);
  });
});
