// Organisers' searches on both databases: responses by team, project and submission day; the audit log by
// organiser and action; and the audit CSV route (admins only, guarded cells, BOM, the export itself audited).
import { parse } from "csv-parse/sync";
import { sealData } from "iron-session";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { SESSION_COOKIE, SESSION_TTL_SECONDS } from "@/lib/auth/request-session";
import { writeAudit, type Actor } from "@/lib/db/admin-audit";
import { createOrganiser } from "@/lib/db/admin-organisers";
import { listResponses } from "@/lib/db/admin-responses";
import { listAuditFilterOptions, searchAuditEntries } from "@/lib/db/admin-search";
import { closeDatabase } from "@/lib/db/client";
import { saveResponse } from "@/lib/db/submissions";
import { dayRange } from "@/lib/survey/admin-search";
import { newEditToken } from "@/lib/survey/edit-token";
import { responseInputSchema } from "@/lib/survey/response-schema";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

const SECRET = "s".repeat(48);
type RouteModule = { GET: (request: Request) => Promise<Response> };

describeEachDatabase("admin search", (kind) => {
  let t: TestDatabase;
  let admin: Actor;
  let analyst: Actor;
  let route: RouteModule;
  const saved = { url: process.env.DATABASE_URL, secret: process.env.SESSION_SECRET };

  const cookie = async (who: Actor) =>
    `${SESSION_COOKIE}=${encodeURIComponent(await sealData({ organiserId: who.id, role: who.role, issuedAt: Date.now(), version: 0 }, { password: SECRET, ttl: SESSION_TTL_SECONDS }))}`;
  const download = async (query: string, who?: Actor) =>
    route.GET(new Request(`http://localhost/api/export/audit.csv${query}`, { headers: who ? { cookie: await cookie(who) } : {} }));

  /** One answer, stored with the given submission time (as if sent that day). */
  async function answerOn(day: string, teams: string[], projects: string[]) {
    const result = await saveResponse(
      t.db,
      responseInputSchema.parse({
        round: "openstack-2026",
        token: newEditToken(),
        teams,
        notOpenStackContributor: false,
        projects: projects.map((slug) => ({ slug, kinds: ["code"], frequency: "regularly" })),
        others: [],
        nothingOutsideOpenStack: projects.length === 0,
        yearsContributing: null,
        employerPaid: null,
        comment: null,
      }),
    );
    if (!result.ok) throw new Error(result.message);
    await t.db.response.update({ where: { publicId: result.responseId }, data: { createdAt: new Date(`${day}T12:00:00Z`) } });
    return result.responseId;
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const a = await createOrganiser(t.db, { email: "admin@example.org", password: "correct horse battery", role: "admin" });
    const b = await createOrganiser(t.db, { email: "analyst@example.org", password: "analyst horse battery", role: "analyst" });
    admin = { id: a.id, email: a.email, role: a.role };
    analyst = { id: b.id, email: b.email, role: b.role };
    await closeDatabase();
    process.env.DATABASE_URL = t.url;
    process.env.SESSION_SECRET = SECRET;
    vi.resetModules();
    route = (await import("@/app/api/export/audit.csv/route")) as RouteModule;
  });
  afterAll(async () => {
    await closeDatabase();
    for (const [key, value] of [["DATABASE_URL", saved.url], ["SESSION_SECRET", saved.secret]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await t?.drop();
  });

  it("filters responses by team, project and whole UTC days, the ends included", async () => {
    const first = await answerOn("2027-03-01", ["nova"], ["sqlalchemy"]);
    const second = await answerOn("2027-03-02", ["neutron"], ["sqlalchemy", "pip"]);
    const third = await answerOn("2027-03-03", ["nova", "neutron"], ["pip"]);
    const ids = async (filter: Parameters<typeof listResponses>[1]) => (await listResponses(t.db, filter)).rows.map((row) => row.publicId).sort();
    const team = (slug: string) => t.db.team.findUniqueOrThrow({ where: { slug } }).then((row) => row.id);
    const project = (slug: string) => t.db.project.findUniqueOrThrow({ where: { slug } }).then((row) => row.id);

    expect(await ids({ teamId: await team("nova") })).toEqual([first, third].sort());
    expect(await ids({ projectId: await project("pip") })).toEqual([second, third].sort());
    expect(await ids({ createdAt: dayRange("2027-03-02", "2027-03-03") })).toEqual([second, third].sort());
    expect(await ids({ createdAt: dayRange(undefined, "2027-03-01") })).toEqual([first]);
    expect(await ids({ teamId: await team("neutron"), projectId: await project("sqlalchemy"), createdAt: dayRange("2027-03-02", "2027-03-02") })).toEqual([second]);
    expect(await ids({ createdAt: dayRange("2027-03-04", undefined) })).toEqual([]);
  });

  it("filters the audit log by organiser, by no organiser, and by action", async () => {
    await writeAudit(t.db, admin, { action: "round.schedule", target: "round:openstack-2026" });
    await writeAudit(t.db, analyst, { action: "view:rounds", outcome: "denied" });
    await writeAudit(t.db, null, { action: "round.close", target: "round:openstack-2026", after: { by: "schedule" } });
    await writeAudit(t.db, null, { action: "sign-in", actorEmail: "=cmd|' /C calc'!A0", outcome: "denied" });

    const byAdmin = await searchAuditEntries(t.db, { organiser: admin.id });
    expect(byAdmin.entries.map((e) => e.action)).toEqual(["round.schedule"]);
    const byNobody = await searchAuditEntries(t.db, { organiser: "none" });
    // Creating the organisers (a command-line step) has no organiser either.
    expect(byNobody.entries.map((e) => e.action)).toEqual(["sign-in", "round.close", "organiser.create", "organiser.create"]);
    expect((await searchAuditEntries(t.db, { action: "view:rounds" })).entries.map((e) => e.actorEmail)).toEqual(["analyst@example.org"]);
    expect((await searchAuditEntries(t.db, { organiser: admin.id, action: "view:rounds" })).total).toBe(0);
    const options = await listAuditFilterOptions(t.db);
    expect(options.organisers.map((o) => o.email)).toEqual(["admin@example.org", "analyst@example.org"]);
    expect(options.actions).toEqual(expect.arrayContaining(["round.close", "round.schedule", "sign-in", "view:rounds"]));
  });

  it("exports the filtered audit log as guarded CSV for admins only, and audits the export", async () => {
    expect((await download("")).status).toBe(401);
    const refused = await download("", analyst);
    expect(refused.status).toBe(403);
    expect(await t.db.auditLog.count({ where: { action: "audit.export", organiserId: analyst.id, outcome: "denied" } })).toBe(1);
    expect((await download("?action=round.close&colour=red", admin)).status).toBe(400);

    const response = await download("?organiser=none&action=", admin);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-log_\d{4}-\d{2}-\d{2}\.csv"$/);
    // The bytes, not text(): decoding would drop the byte-order mark.
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    expect(text.startsWith("at,organiser,action,target,outcome,before,after\r\n")).toBe(true);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.action)).toEqual(["sign-in", "round.close", "organiser.create", "organiser.create"]);
    // A typed address that looks like a formula stays text in a spreadsheet.
    expect(rows[0]?.organiser).toBe("'=cmd|' /C calc'!A0");

    const exported = await t.db.auditLog.findFirstOrThrow({ where: { action: "audit.export", organiserId: admin.id, outcome: "ok" } });
    expect(JSON.parse(exported.after ?? "{}")).toEqual({ organiser: "none", action: null, rows: 4 });
  });
});
