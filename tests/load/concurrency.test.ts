// 500 simultaneous submissions and 100 simultaneous edits of one response against `next start`, on SQLite
// (one instance) and on PostgreSQL (two instances sharing the database): exactly the acknowledged responses
// are stored, every edit is all-or-nothing, and no database busy/serialization error reaches a client.
import { afterAll, beforeAll, expect, it } from "vitest";
import { getResponseByToken } from "@/lib/db/responses";
import { newEditToken } from "@/lib/survey/edit-token";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";
import { postSubmission, submissionBody } from "./submission-payloads";

const SUBMISSIONS = 500;
const EDITS = 100;

describeEachDatabase("concurrent submissions through next start", (kind) => {
  let t: TestDatabase;
  const servers: AppServer[] = [];
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    // Several instances share one PostgreSQL; SQLite is the one-machine default.
    const instances = kind === "postgres" ? 2 : 1;
    for (let i = 0; i < instances; i++) servers.push(await startAppServer(t.url, { RATE_LIMIT_SUBMISSIONS_PER_MINUTE: "0" }));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await t?.drop();
  });

  it(`stores exactly the ${SUBMISSIONS} acknowledged responses`, async () => {
    const before = await t.db.response.count();
    const bodies = Array.from({ length: SUBMISSIONS }, (_, n) => submissionBody(n));
    const started = performance.now();
    const results = await Promise.all(bodies.map((body, n) => postSubmission(servers[n % servers.length]!.url, body)));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const statuses = new Map<number, number>();
    for (const r of results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    expect(Object.fromEntries(statuses)).toEqual({ 201: SUBMISSIONS });
    for (const r of results) expect(JSON.stringify(r.json)).not.toMatch(/SQLITE_BUSY|serializ|deadlock/i);
    const acknowledged = results.map((r) => r.json?.responseId as string);
    expect(new Set(acknowledged).size).toBe(SUBMISSIONS);
    expect(await t.db.response.count()).toBe(before + SUBMISSIONS);
    const stored = await t.db.response.count({ where: { publicId: { in: acknowledged } } });
    console.log(`concurrency [${kind}]: ${SUBMISSIONS} simultaneous submissions to ${servers.length} instance(s) in ${seconds} s: ${results.filter((r) => r.status === 201).length} × 201, ${stored} stored`);
    expect(stored).toBe(SUBMISSIONS);
  });

  it(`applies ${EDITS} simultaneous edits of one response all-or-nothing`, async () => {
    const token = newEditToken();
    const first = await postSubmission(servers[0]!.url, submissionBody(0, "openstack-2026", token));
    expect(first.status).toBe(201);
    // Each edit names its own free-text entry, so the stored answer says which edit it is.
    const variants = Array.from({ length: EDITS }, (_, n) => ({ ...submissionBody(n + 1, "openstack-2026", token), others: [`edit-variant-${n}`] }));
    const results = await Promise.all(variants.map((body, n) => postSubmission(servers[n % servers.length]!.url, body)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const stored = await getResponseByToken(t.db, token);
    expect(stored?.others).toHaveLength(1);
    const winner = variants.find((v) => v.others[0] === stored?.others[0]?.rawText);
    expect(winner, "the stored answer is exactly one of the edits").toBeDefined();
    // All-or-nothing: every part of the stored answer comes from that same edit.
    const storedProjects = stored?.projects.map((p) => `${p.project.slug}:${p.frequency}:${p.kindCode}:${p.kindBugs}`).sort();
    const winnerProjects = winner?.projects.map((p) => `${p.slug}:${p.frequency}:${p.kinds.includes("code")}:${p.kinds.includes("bugs")}`).sort();
    expect(storedProjects).toEqual(winnerProjects);
    expect(stored?.teams.map((x) => x.team.slug).sort()).toEqual([...(winner?.teams ?? [])].sort());
    expect(stored?.yearsContributing).toBe(winner?.yearsContributing);
    expect(stored?.employerPaid).toBe(winner?.employerPaid);
    expect(stored?.comment).toBe(winner?.comment);
  });
});
