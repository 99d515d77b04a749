// Thousands of generated malformed requests against the running app: wrong types, huge and deeply nested
// values, unknown ids, invalid UTF-8, control and zero-width characters, prototype-pollution keys. Every one
// gets a 4xx, never a 5xx, and the database is unchanged afterwards.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { newEditToken } from "@/lib/survey/edit-token";
import { responseInputSchema } from "@/lib/survey/response-schema";
import { submissionBody } from "@/lib/survey/synthetic-answers";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);

const nasty = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("\u0000", "\u200B\u200C\u200D\uFEFF", "\u202Eevil", "../../etc/passwd", "%00", "'; DROP TABLE \"Response\"; --", "<script>", "=HYPERLINK(\"x\")"),
  fc.string({ maxLength: 3000 }),
);
const pollution = fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty");
const deep = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small", withCrossShrink: true }, fc.constant(null), fc.array(tie("node"), { maxLength: 3 }), fc.dictionary(fc.oneof(pollution, fc.string()), tie("node"), { maxKeys: 3 })),
})).node;

// Junk objects may carry a non-function "toString" key, so String(value) could throw: describe them as JSON.
const asText = (value: unknown) => JSON.stringify(value) ?? "undefined";

/** A valid answer with one field replaced by junk, or with unknown ids: always invalid. */
const brokenAnswer = fc.oneof(
  fc.record({ field: fc.constantFrom("round", "token", "teams", "projects", "others", "yearsContributing", "employerPaid", "comment", "notOpenStackContributor"), value: fc.oneof(nasty, deep, fc.double(), fc.integer()) }).map(
    ({ field, value }) => ({ ...submissionBody(1), [field]: field === "round" ? `zz-${asText(value)}` : value === null && field !== "token" ? { junk: value } : value }),
  )
    // Junk can happen to be valid once sent as JSON (Infinity becomes null, [] is an empty list): keep only bodies
    // the schema refuses, so every request here must be refused.
    .filter((body) => !responseInputSchema.safeParse(JSON.parse(JSON.stringify(body))).success),
  fc.string({ minLength: 1, maxLength: 20 }).map((slug) => ({ ...submissionBody(2), projects: [{ slug: `zz-unknown-${slug}`, kinds: ["code"], frequency: "once" }] })),
  fc.string({ minLength: 1, maxLength: 20 }).map((slug) => ({ ...submissionBody(3), teams: [`zz-no-team-${slug}`] })),
  pollution.map((key) => JSON.parse(`{"${key}": {"polluted": true}, "round": "openstack-2026"}`) as unknown),
  fc.constant({ ...submissionBody(4), comment: "x".repeat(2001) }),
  fc.constant({ ...submissionBody(5), others: ["ok", "bad\u0007bell"] }),
  fc.constant({ ...submissionBody(6), projects: Array.from({ length: 201 }, (_, i) => ({ slug: `p${i}`, kinds: ["code"], frequency: "once" })) }),
  deep,
);

describeEachDatabase("malformed input through next start", (kind) => {
  let t: TestDatabase;
  let server: AppServer;
  let before: Record<string, number>;
  const counts = async () => ({
    responses: await t.db.response.count(),
    selections: await t.db.responseProject.count(),
    teams: await t.db.responseTeam.count(),
    others: await t.db.otherEntry.count(),
    tombstones: await t.db.responseTombstone.count(),
  });
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    server = await startAppServer(t.url, { RATE_LIMIT_SUBMISSIONS_PER_MINUTE: "0", EXPORT_TOKEN: "fuzz-export-token-0123456789" });
    before = await counts();
  });
  afterAll(async () => {
    await server?.stop();
    await t?.drop();
  });

  const expect4xx = (status: number, what: string) => {
    expect(status, what).toBeGreaterThanOrEqual(400);
    expect(status, what).toBeLessThan(500);
  };

  it("answers every malformed submission with a 4xx", async () => {
    await fc.assert(
      fc.asyncProperty(brokenAnswer, async (body) => {
        const response = await fetch(`${server.url}/api/v1/responses`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        expect4xx(response.status, JSON.stringify(body).slice(0, 200));
      }),
      { numRuns: RUNS },
    );
  });

  it("answers raw junk bodies (invalid UTF-8, broken JSON, wrong content type, oversize) with a 4xx", async () => {
    const bodies: [string, BodyInit][] = [
      ["application/json", new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
      ["application/json", "{\"round\": "],
      ["application/json", ""],
      ["text/plain", JSON.stringify(submissionBody(7))],
      ["application/json", JSON.stringify({ ...submissionBody(8), comment: "y".repeat(200_000) })],
      ["application/json", "[".repeat(100_000)],
    ];
    for (const [type, body] of bodies) {
      const response = await fetch(`${server.url}/api/v1/responses`, { method: "POST", headers: { "content-type": type }, body });
      expect4xx(response.status, `${type} ${String(body).slice(0, 40)}`);
    }
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const response = await fetch(`${server.url}/api/v1/responses`, { method: "POST", headers: { "content-type": "application/json" }, body: bytes });
        expect4xx(response.status, "random bytes");
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });

  it("answers forged edit links with a 4xx and reveals nothing", async () => {
    const token = fc.oneof(nasty.filter((s) => s.length > 0), fc.constant(newEditToken()));
    await fc.assert(
      fc.asyncProperty(token, fc.constantFrom("GET", "PUT", "DELETE"), fc.oneof(brokenAnswer, fc.constant(submissionBody(9))), async (value, method, body) => {
        const response = await fetch(`${server.url}/api/v1/responses/${encodeURIComponent(value)}`, {
          method,
          headers: { "content-type": "application/json" },
          body: method === "PUT" ? JSON.stringify(body) : undefined,
        });
        expect4xx(response.status, `${method} ${value}`);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it("answers malformed summary and export queries with a 4xx or an honest 200", async () => {
    const params = fc.array(fc.tuple(fc.oneof(fc.constantFrom("round", "team", "category", "employerPaid", "view", "layout", "bom"), pollution, nasty), nasty), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(params, fc.constantFrom("/api/v1/summary", "/api/export/responses.csv", "/api/export/codebook.csv"), async (pairs, path) => {
        const query = new URLSearchParams(pairs).toString();
        const response = await fetch(`${server.url}${path}?${query}`, { headers: { authorization: "Bearer fuzz-export-token-0123456789" } });
        expect(response.status, `${path}?${query}`).toBeLessThan(500);
        await response.arrayBuffer();
      }),
      { numRuns: RUNS },
    );
  });

  it("left the database unchanged", async () => {
    expect(await counts()).toEqual(before);
  });
});
