import { afterAll, beforeAll, expect, it } from "vitest";
import { createOrganiser, getActiveOrganiser, OrganiserInputError, setOrganiserActive, signIn, SIGN_IN_LIMITS } from "@/lib/db/admin-organisers";
import { hitRateLimit, peekRateLimit } from "@/lib/db/admin-rate-limit";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

const secret = "s".repeat(40);

describeEachDatabase("admin sign-in", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind, { catalogue: false });
    await createOrganiser(t.db, { email: "Admin@Example.org", password: "correct horse battery", role: "admin" });
  });
  afterAll(async () => t?.drop());

  it("stores an argon2id hash, never the password, and refuses a duplicate or a short password", async () => {
    const stored = await t.db.organiser.findUniqueOrThrow({ where: { email: "admin@example.org" } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.passwordHash).not.toContain("correct horse");
    await expect(createOrganiser(t.db, { email: "admin@example.org", password: "another long one" })).rejects.toThrow(OrganiserInputError);
    await expect(createOrganiser(t.db, { email: "x@example.org", password: "short" })).rejects.toThrow(/at least 12/);
    expect(await t.db.auditLog.count({ where: { action: "organiser.create" } })).toBe(1);
  });

  it("signs in with the right password and gives the same answer for a wrong password and an unknown email", async () => {
    const good = await signIn(t.db, { email: "ADMIN@example.org ", password: "correct horse battery", client: "10.0.0.1", secret });
    expect(good).toMatchObject({ ok: true, organiser: { email: "admin@example.org", role: "admin" } });
    const wrong = await signIn(t.db, { email: "admin@example.org", password: "wrong password!", client: "10.0.0.2", secret });
    const unknown = await signIn(t.db, { email: "nobody@example.org", password: "wrong password!", client: "10.0.0.2", secret });
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ ok: false, reason: "invalid" });
    const failed = await t.db.auditLog.findMany({ where: { action: "sign-in", outcome: "failed" } });
    expect(failed).toHaveLength(2);
    // Neither the email nor the password is kept in the audit or the counters: only keyed hashes.
    const everything = JSON.stringify([failed, await t.db.rateLimit.findMany()]);
    expect(everything).not.toMatch(/nobody|example\.org|wrong password|10\.0\.0/);
  });

  it("locks an email after five failures, counted in the database, and says when to retry", async () => {
    const now = new Date("2026-12-01T12:00:00Z");
    const attempt = (client: string, password = "guess guess guess") =>
      signIn(t.db, { email: "locked@example.org", password, client, secret, now });
    await createOrganiser(t.db, { email: "locked@example.org", password: "the real password", role: "analyst" });
    for (let i = 0; i < SIGN_IN_LIMITS.email.limit; i++) expect(await attempt(`client-${i}`)).toMatchObject({ reason: "invalid" });
    const limited = await attempt("client-new", "the real password");
    expect(limited).toMatchObject({ ok: false, reason: "rate-limited", retryAfterSeconds: 900 });
    if (!limited.ok) expect(limited.message).toBe("Too many attempts, try again in 15 minutes.");
    expect(await t.db.auditLog.count({ where: { action: "sign-in", outcome: "denied" } })).toBe(1);
    // A fresh window after expiry lets the right password in again.
    const later = new Date(now.getTime() + SIGN_IN_LIMITS.email.windowMs + 1000);
    expect(await signIn(t.db, { email: "locked@example.org", password: "the real password", client: "c", secret, now: later })).toMatchObject({ ok: true });
  });

  it("limits one client trying many emails", async () => {
    const now = new Date("2026-12-02T12:00:00Z");
    for (let i = 0; i < SIGN_IN_LIMITS.client.limit; i++) {
      await signIn(t.db, { email: `spray-${i}@example.org`, password: "x", client: "198.51.100.7", secret, now });
    }
    expect(await signIn(t.db, { email: "admin@example.org", password: "correct horse battery", client: "198.51.100.7", secret, now })).toMatchObject({
      reason: "rate-limited",
    });
  });

  it("counts concurrent hits exactly in one fixed window", async () => {
    const policy = { limit: 100, windowMs: 60_000 };
    const now = new Date("2026-12-03T00:00:00Z");
    await Promise.all(Array.from({ length: 20 }, () => hitRateLimit(t.db, "test:concurrent", policy, now)));
    expect((await peekRateLimit(t.db, "test:concurrent", policy, now)).count).toBe(20);
    expect((await peekRateLimit(t.db, "test:concurrent", policy, new Date(now.getTime() + 60_000))).count).toBe(0);
  });

  it("forgets a disabled organiser at once", async () => {
    const { id } = await createOrganiser(t.db, { email: "temp@example.org", password: "temporary password", role: "analyst" });
    expect(await getActiveOrganiser(t.db, id)).toMatchObject({ role: "analyst" });
    await setOrganiserActive(t.db, null, id, false);
    expect(await getActiveOrganiser(t.db, id)).toBeNull();
    expect(await signIn(t.db, { email: "temp@example.org", password: "temporary password", client: "z", secret })).toMatchObject({ reason: "invalid" });
  });
});
