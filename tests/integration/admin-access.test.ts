// Who may use the raw export and other Request-based routes: the cookie only names an organiser; the database
// decides. Anonymous, forged, expired and disabled sessions are all refused.
import { sealData } from "iron-session";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createOrganiser, endOrganiserSessions, setOrganiserActive } from "@/lib/db/admin-organisers";
import { canExportRaw, endOtherSessions, findOrganiserForRequest, SESSION_COOKIE, SESSION_TTL_SECONDS, type SessionData } from "@/lib/auth/request-session";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

const secret = "k".repeat(48);
const request = (cookie?: string) => new Request("http://census.test/api/export/responses.csv", { headers: cookie ? { cookie } : {} });
const sealed = async (session: SessionData, password = secret) =>
  `${SESSION_COOKIE}=${encodeURIComponent(await sealData(session, { password, ttl: SESSION_TTL_SECONDS }))}`;

describeEachDatabase("admin access from a request", (kind) => {
  let t: TestDatabase;
  let admin: number;
  let analyst: number;
  beforeAll(async () => {
    t = await createTestDatabase(kind, { catalogue: false });
    admin = (await createOrganiser(t.db, { email: "admin@example.org", password: "correct horse battery", role: "admin" })).id;
    analyst = (await createOrganiser(t.db, { email: "analyst@example.org", password: "analyst horse battery", role: "analyst" })).id;
  });
  afterAll(async () => t?.drop());

  it("refuses anonymous, forged and foreign-secret cookies", async () => {
    expect(await canExportRaw(t.db, request(), secret)).toBe(false);
    expect(await canExportRaw(t.db, request(`${SESSION_COOKIE}=Fe26.2**forged**`), secret)).toBe(false);
    const foreign = await sealed({ organiserId: admin, role: "admin", issuedAt: Date.now() }, "x".repeat(48));
    expect(await canExportRaw(t.db, request(foreign), secret)).toBe(false);
  });

  it("lets admins and analysts export raw responses, with the role read from the database", async () => {
    expect(await canExportRaw(t.db, request(await sealed({ organiserId: admin, role: "admin", issuedAt: Date.now(), version: 0 })), secret)).toBe(true);
    // The cookie claims admin; the database says analyst, and the database wins.
    const claim = await sealed({ organiserId: analyst, role: "admin", issuedAt: Date.now(), version: 0 });
    expect(await findOrganiserForRequest(t.db, request(`other=1; ${claim}`), secret)).toMatchObject({ id: analyst, role: "analyst" });
    expect(await canExportRaw(t.db, request(claim), secret)).toBe(true);
  });

  it("refuses a session whose version has moved on (signed out elsewhere) and one without a version", async () => {
    const current = await sealed({ organiserId: admin, role: "admin", issuedAt: Date.now(), version: 0 });
    const unversioned = await sealed({ organiserId: admin, role: "admin", issuedAt: Date.now() });
    expect(await canExportRaw(t.db, request(current), secret)).toBe(true);
    expect(await canExportRaw(t.db, request(unversioned), secret)).toBe(false);
    await endOrganiserSessions(t.db, null, admin, "organiser.sign-out-everywhere");
    expect(await canExportRaw(t.db, request(current), secret)).toBe(false);
    expect(await canExportRaw(t.db, request(await sealed({ organiserId: admin, role: "admin", issuedAt: Date.now(), version: 1 })), secret)).toBe(true);
  });

  it("signs out everywhere else: every other session and every copy of this cookie end, this browser stays", async () => {
    const version = (await t.db.organiser.findUniqueOrThrow({ where: { id: admin } })).sessionVersion;
    const here: SessionData = { organiserId: admin, role: "admin", issuedAt: Date.now() - 60_000, version };
    const copied = await sealed(here);
    const laptop = await sealed({ ...here, issuedAt: Date.now() });
    const actor = await findOrganiserForRequest(t.db, request(copied), secret);
    expect(actor).toMatchObject({ id: admin });
    const kept = await endOtherSessions(t.db, actor!, here);
    expect(kept).toEqual({ ...here, version: version + 1 });
    // The re-sealed cookie keeps its sign-in time, so the 8-hour limit still counts from the sign-in.
    expect(await findOrganiserForRequest(t.db, request(await sealed(kept)), secret)).toMatchObject({ id: admin });
    expect(await findOrganiserForRequest(t.db, request(copied), secret)).toBeNull();
    expect(await findOrganiserForRequest(t.db, request(laptop), secret)).toBeNull();
    // Another organiser's sessions are untouched, and the audit log says who did it.
    expect(await canExportRaw(t.db, request(await sealed({ organiserId: analyst, role: "analyst", issuedAt: Date.now(), version: 0 })), secret)).toBe(true);
    const audit = await t.db.auditLog.findFirst({ where: { action: "organiser.sign-out-everywhere" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ target: `organiser:${admin}`, actorEmail: "admin@example.org" });
  });

  it("refuses an expired session and a disabled account at once", async () => {
    const old = await sealed({ organiserId: admin, role: "admin", issuedAt: Date.now() - SESSION_TTL_SECONDS * 1000 - 1, version: 0 });
    expect(await canExportRaw(t.db, request(old), secret)).toBe(false);
    const fresh = await sealed({ organiserId: analyst, role: "analyst", issuedAt: Date.now(), version: 0 });
    await setOrganiserActive(t.db, null, analyst, false);
    expect(await canExportRaw(t.db, request(fresh), secret)).toBe(false);
    expect(await canExportRaw(t.db, request(await sealed({ organiserId: 9999, role: "admin", issuedAt: Date.now(), version: 0 })), secret)).toBe(false);
  });
});
