// The export route handlers called with a Request, on each database: access, headers, bad input.
import { parse } from "csv-parse/sync";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { closeDatabase, getDatabase } from "@/lib/db/client";
import { fillDemoRounds } from "@/lib/db/demo";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

const TOKEN = "test-export-token-0123456789";
type RouteModule = { GET: (request: Request) => Promise<Response> };

/** Load the route modules afresh against this database and environment (lib/env.ts and the client cache both). */
async function loadRoutes(url: string, exportToken: string | undefined) {
  await closeDatabase();
  process.env.DATABASE_URL = url;
  if (exportToken) process.env.EXPORT_TOKEN = exportToken;
  else delete process.env.EXPORT_TOKEN;
  vi.resetModules();
  const responses = (await import("@/app/api/export/responses.csv/route")) as RouteModule;
  const codebook = (await import("@/app/api/export/codebook.csv/route")) as RouteModule;
  return { responses, codebook };
}

const get = (route: RouteModule, query: string, authorization?: string) =>
  route.GET(new Request(`http://localhost/api/export/x.csv${query}`, { headers: authorization ? { authorization } : {} }));

describeEachDatabase("export routes", (kind) => {
  let t: TestDatabase;
  let routes: Awaited<ReturnType<typeof loadRoutes>>;
  const saved = { url: process.env.DATABASE_URL, token: process.env.EXPORT_TOKEN };
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await fillDemoRounds(t.db, { count: 12, seed: 5 });
    routes = await loadRoutes(t.url, TOKEN);
  });

  it("runs the routes on this database, not on one an earlier run left open", async () => {
    await get(routes.codebook, "?round=demo-2025", `Bearer ${TOKEN}`);
    // The route opened the app's database; getDatabase() hands back that same client.
    expect(getDatabase().url).toBe(t.url);
  });
  afterAll(async () => {
    await closeDatabase();
    if (saved.url === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved.url;
    if (saved.token === undefined) delete process.env.EXPORT_TOKEN;
    else process.env.EXPORT_TOKEN = saved.token;
    await t?.drop();
  });

  it("says an open round's figures wait for its close, on both public CSV exports", async () => {
    const aggregates = await import("@/app/api/export/aggregates/[chart]/route");
    const dependencies = await import("@/app/api/export/dependencies.csv/route");
    const round = await t.db.round.findUniqueOrThrow({ where: { slug: "demo-2025" } });
    const requestFor = (path: string) => new NextRequest(`http://localhost${path}?round=demo-2025`);
    const answers = async () => [
      await aggregates.GET(requestFor("/api/export/aggregates/top-projects"), { params: Promise.resolve({ chart: "top-projects" }) }),
      await dependencies.GET(requestFor("/api/export/dependencies.csv")),
    ];
    // Closed, the round exports its figures.
    expect((await answers()).map((r) => r.status)).toEqual([200, 200]);
    await t.db.round.update({ where: { id: round.id }, data: { status: "open", publishWhileOpen: false } });
    try {
      for (const response of await answers()) {
        expect(response.status).toBe(409);
        expect(await response.json()).toEqual({ error: { code: "round_unpublished", message: expect.stringMatching(/once it has closed/) } });
      }
    } finally {
      await t.db.round.update({ where: { id: round.id }, data: { status: round.status, publishWhileOpen: round.publishWhileOpen } });
    }
  });

  it("refuses raw exports without the token or with a wrong one", async () => {
    for (const authorization of [undefined, "Bearer wrong-token-wrong-token", `Basic ${TOKEN}`]) {
      const response = await get(routes.responses, "?round=demo-2025", authorization);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await response.json()).toEqual({ error: { code: "sign_in_required", message: expect.stringMatching(/Bearer|not valid/) } });
    }
  });

  it("streams the export with CSV headers naming the round, layout and date", async () => {
    const response = await get(routes.responses, "?round=demo-2025&layout=long&team=nova", `Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const today = new Date().toISOString().slice(0, 10);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="responses_demo-2025_long_team-nova_${today}.csv"`);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const rows = parse(await response.text(), { columns: true }) as { round: string; teams: string }[];
    expect(rows.every((row) => row.round === "demo-2025" && row.teams.split("|").includes("nova"))).toBe(true);
  });

  it.each([
    ["?layout=tall", /layout must be wide or long/],
    ["?round=no-such-round", /There is no survey round “no-such-round”/],
    ["?round=demo-2025&team=no-such-team", /There is no OpenStack team/],
    ["?employerPaid=sometimes", /employerPaid must be one of/],
    ["?rounds=demo-2025", /unknown parameter “rounds”/],
  ])("answers %s with 400 and a message", async (query, message) => {
    const response = await get(routes.responses, query, `Bearer ${TOKEN}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "invalid_query", message: expect.stringMatching(message) } });
  });

  it("serves the codebook to anyone, and 400 for an unknown round", async () => {
    const response = await get(routes.codebook, "?round=demo-2025&bom=1");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="codebook_demo-2025_\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect((await get(routes.codebook, "?round=nope")).status).toBe(400);
  });

  it("refuses an anonymous export and points to the organiser sign-in when EXPORT_TOKEN is not configured", async () => {
    const unconfigured = await loadRoutes(t.url, undefined);
    try {
      const response = await get(unconfigured.responses, "", `Bearer ${TOKEN}`);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: { code: "sign_in_required", message: expect.stringMatching(/sign in at \/admin\/sign-in.*EXPORT_TOKEN/) },
      });
    } finally {
      routes = await loadRoutes(t.url, TOKEN);
    }
  });
});
