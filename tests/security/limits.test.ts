// Limits that hold under parallel requests, on every write path, against the running app (the production build
// behind the app's edge, as `npm start` serves it), on SQLite and PostgreSQL: bursts of 200 sign-ins and 200
// submissions through each write path never get more than the limit accepted; a stranger's failures never keep
// the owner out; a client cannot choose its address; a copied session cookie dies with sign-out.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createOrganiser } from "@/lib/db/admin-organisers";
import { SIGN_IN_POLICY } from "@/lib/db/admin-sign-in";
import { saveResponse } from "@/lib/db/submissions";
import { newEditToken } from "@/lib/survey/edit-token";
import { submissionBody } from "@/lib/survey/synthetic-answers";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";
import { actionCallBody, actionId, answerForm, postAction, signInCookie } from "./app-requests";

const BURST = 200;
const LIMIT = 30;
const SECRET = "security-suite-session-secret-0123456789abcdef";
const OWNER = { email: "owner@example.org", password: "the owner's own password" };
// Each test signs in to its own account, so one test's counts never decide another's.
const SPOOFED = { email: "spoofed@example.org", password: "the spoofed account's password" };
const COPIED = { email: "copied@example.org", password: "the copied account's password" };

const burst = <T>(make: (i: number) => Promise<T>) => Promise.all(Array.from({ length: BURST }, (_, i) => make(i)));

describeEachDatabase("limits through the running app", (kind) => {
  let t: TestDatabase;
  // Without TRUSTED_PROXIES (the default), and with the loopback proxy trusted, so tests can be many clients.
  let direct: AppServer;
  let proxied: AppServer;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    for (const account of [OWNER, SPOOFED, COPIED]) await createOrganiser(t.db, { ...account, role: "admin" });
    const env = { SESSION_SECRET: SECRET, RATE_LIMIT_SUBMISSIONS_PER_MINUTE: String(LIMIT) };
    [direct, proxied] = await Promise.all([startAppServer(t.url, env), startAppServer(t.url, { ...env, TRUSTED_PROXIES: "loopback" })]);
  });
  afterAll(async () => {
    await Promise.all([direct?.stop(), proxied?.stop()]);
    await t?.drop();
  });

  const responses = () => t.db.response.count();
  // The figures docs/security.md records beside the attack they answer.
  const report = (what: string, statuses: number[], started: number, stored?: number) => {
    const counts = new Map<number, number>();
    for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
    const byStatus = [...counts].sort(([a], [b]) => a - b).map(([status, n]) => `${n} × ${status}`).join(", ");
    console.log(`limits [${kind}]: ${what}: ${byStatus}${stored === undefined ? "" : `; ${stored} stored`}; ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  const signIn = (server: AppServer, password: string, forwardedFor?: string, email = OWNER.email) =>
    fetch(`${server.url}/api/admin/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url, ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) },
      body: JSON.stringify({ email, password }),
    });

  it("lets at most the pair's limit of 200 parallel sign-ins from one client reach the password", async () => {
    const started = performance.now();
    const statuses = await burst((i) => signIn(proxied, i === BURST - 1 ? OWNER.password : `guess ${i}`, "198.51.100.10").then((r) => r.status));
    const verified = statuses.filter((status) => status !== 429);
    report(`${BURST} parallel sign-ins from one client`, statuses, started);
    expect(verified.length).toBeLessThanOrEqual(SIGN_IN_POLICY.pair.limit);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(BURST - SIGN_IN_POLICY.pair.limit);
    expect(statuses.every((status) => [200, 401, 429].includes(status))).toBe(true);
  });

  it("never lets a stranger's failures keep the owner out", async () => {
    // Strangers from many addresses, several tries each: the account goes far over its ceiling.
    const started = performance.now();
    const strangers: number[] = [];
    await Promise.all(Array.from({ length: 60 }, (_, i) => (async () => {
      for (let n = 0; n < 3; n++) strangers.push((await signIn(proxied, `stranger ${n}`, `203.0.113.${i}`)).status);
    })()));
    report("60 strangers × 3 wrong passwords at one account", strangers, started);
    // The same stranger is now refused ...
    expect((await signIn(proxied, "stranger again", "203.0.113.1")).status).toBe(429);
    // ... while the owner, from a client with no failures, signs in (on either server).
    expect((await signIn(proxied, OWNER.password, "192.0.2.77")).status).toBe(200);
    expect((await signIn(direct, OWNER.password)).status).toBe(200);
    // Refused attempts are counted, not each written down: one audit row per limit and window.
    const rows = await t.db.auditLog.count({ where: { action: "sign-in.limit-reached" } });
    console.log(`limits [${kind}]: audit rows for refused sign-ins so far: ${rows}`);
    expect(rows).toBeLessThanOrEqual(6);
  });

  it("ignores a spoofed X-Forwarded-For without TRUSTED_PROXIES, and honours it from a trusted proxy", async () => {
    // Rotating the header does not make new clients: the pair limit still applies after five tries.
    const rotated = [];
    for (let i = 0; i < SIGN_IN_POLICY.pair.limit + 2; i++) rotated.push((await signIn(direct, `wrong ${i}`, `10.9.8.${i}`, SPOOFED.email)).status);
    expect(rotated.slice(0, SIGN_IN_POLICY.pair.limit).every((status) => status === 401)).toBe(true);
    expect(rotated.slice(SIGN_IN_POLICY.pair.limit)).toEqual([429, 429]);
    // Behind a trusted proxy each forwarded address is its own client: the same rotation is never limited.
    const forwarded = [];
    for (let i = 0; i < SIGN_IN_POLICY.pair.limit + 2; i++) forwarded.push((await signIn(proxied, `wrong ${i}`, `10.7.6.${i}`, SPOOFED.email)).status);
    expect(forwarded.every((status) => status === 401)).toBe(true);
  });

  it("limits 200 parallel POST /api/v1/responses, and a spoofed address does not help", async () => {
    const before = await responses();
    const started = performance.now();
    const statuses = await burst((i) =>
      fetch(`${direct.url}/api/v1/responses`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `10.1.${i >> 8}.${i & 255}` },
        body: JSON.stringify(submissionBody(i)),
      }).then((r) => r.status),
    );
    report(`${BURST} parallel POST /api/v1/responses, rotating X-Forwarded-For`, statuses, started, (await responses()) - before);
    expect(statuses.filter((status) => status === 201).length).toBeLessThanOrEqual(LIMIT);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(BURST - LIMIT);
    expect((await responses()) - before).toBeLessThanOrEqual(LIMIT);
  });

  it("limits 200 parallel PUT /api/v1/responses/<token>", async () => {
    const answer = submissionBody(1);
    expect(await saveResponse(t.db, answer)).toMatchObject({ ok: true });
    const started = performance.now();
    const statuses = await burst((i) =>
      fetch(`${proxied.url}/api/v1/responses/${answer.token}`, {
        method: "PUT",
        headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.21" },
        body: JSON.stringify({ ...submissionBody(i), token: answer.token }),
      }).then((r) => r.status),
    );
    report(`${BURST} parallel PUT /api/v1/responses/<token>`, statuses, started);
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(LIMIT);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(BURST - LIMIT);
  });

  for (const name of ["submitResponse", "updateResponse"]) {
    it(`limits 200 parallel calls of the form's ${name} action`, async () => {
      const action = actionId(name);
      const before = await responses();
      const client = name === "submitResponse" ? "198.51.100.31" : "198.51.100.32";
      const started = performance.now();
      const statuses = await burst((i) =>
        postAction(proxied.url, action, actionCallBody(answerForm(submissionBody(i, "openstack-2026", newEditToken()))), { "x-forwarded-for": client }).then((r) => r.status),
      );
      expect(statuses.every((status) => status < 500)).toBe(true);
      const stored = (await responses()) - before;
      report(`${BURST} parallel ${name} actions, fresh tokens`, statuses, started, stored);
      expect(stored).toBeGreaterThan(0);
      expect(stored).toBeLessThanOrEqual(LIMIT);
    });
  }

  it("refuses a copied session cookie once its owner signed out", async () => {
    const cookie = await signInCookie(direct.url, COPIED.email, COPIED.password);
    const audit = () => fetch(`${direct.url}/admin/audit`, { headers: { cookie }, redirect: "manual" });
    expect((await audit()).status).toBe(200);
    const signOut = await fetch(`${direct.url}/admin/sign-out`, { method: "POST", headers: { cookie, origin: direct.url }, redirect: "manual" });
    expect(signOut.status).toBe(303);
    // Relative, so it never names the address the server listens on.
    expect(signOut.headers.get("location")).toBe("/admin/sign-in");
    const copied = await audit();
    expect(copied.status).not.toBe(200);
    expect(copied.headers.get("location") ?? "").toContain("/admin/sign-in");
  });
});
