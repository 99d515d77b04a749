import { afterAll, beforeAll, expect, it } from "vitest";
import { createOrganiser, endOrganiserSessions, getActiveOrganiser, OrganiserInputError, setOrganiserActive } from "@/lib/db/admin-organisers";
import { ACCOUNT_CEILING_DELAY_MS, signIn, SIGN_IN_POLICY } from "@/lib/db/admin-sign-in";
import { consumeRateLimit, peekRateLimit } from "@/lib/db/rate-limit";
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
    const everything = JSON.stringify([failed, await t.db.rateLimit.findMany()], (_, value: unknown) => (typeof value === "bigint" ? String(value) : value));
    expect(everything).not.toMatch(/nobody|example\.org|wrong password|10\.0\.0/);
  });

  it("slows one client's guesses at one account, counting refused tries without logging each", async () => {
    const now = Date.parse("2026-12-01T12:00:00Z");
    await createOrganiser(t.db, { email: "locked@example.org", password: "the real password", role: "analyst" });
    const attempt = (client: string, password = "guess guess guess", at = now) => signIn(t.db, { email: "locked@example.org", password, client, secret, now: at });
    for (let i = 0; i < SIGN_IN_POLICY.pair.limit; i++) expect(await attempt("203.0.113.1")).toMatchObject({ reason: "invalid" });
    for (let i = 0; i < 10; i++) {
      expect(await attempt("203.0.113.1", "the real password")).toMatchObject({ ok: false, reason: "rate-limited", retryAfterSeconds: 900 });
    }
    // One summary row for the window, not one per refused try.
    expect(await t.db.auditLog.count({ where: { action: "sign-in.limit-reached" } })).toBe(1);
    // The owner on another client is not kept out, and the pair's window ending lets the right password in.
    expect(await attempt("198.51.100.1", "the real password")).toMatchObject({ ok: true });
    expect(await attempt("203.0.113.1", "the real password", now + SIGN_IN_POLICY.pair.windowMs + 1000)).toMatchObject({ ok: true });
  });

  it("never lets strangers keep the owner out: past the account's ceiling a clean client is delayed, not refused", async () => {
    const now = Date.parse("2026-12-01T13:00:00Z");
    await createOrganiser(t.db, { email: "target@example.org", password: "the owner's password", role: "admin" });
    const waits: number[] = [];
    const attempt = (client: string, password: string) =>
      signIn(t.db, { email: "target@example.org", password, client, secret, now, wait: async (ms) => void waits.push(ms) });
    // Many strangers, each a few guesses: the account goes over its ceiling.
    for (let i = 0; i < SIGN_IN_POLICY.account.limit + 10; i++) await attempt(`192.0.2.${i}`, "stranger's guess");
    expect(await t.db.auditLog.count({ where: { action: "sign-in.limit-reached" } })).toBeGreaterThanOrEqual(2);
    // A stranger who already tried is refused while the ceiling holds ...
    expect(await attempt("192.0.2.1", "stranger's guess")).toMatchObject({ reason: "rate-limited" });
    // ... the owner, from a client with no recent tries, is delayed and let in.
    waits.length = 0;
    expect(await attempt("198.51.100.200", "the owner's password")).toMatchObject({ ok: true });
    expect(waits).toEqual([ACCOUNT_CEILING_DELAY_MS]);
  });

  it("limits one client trying many emails", async () => {
    const now = Date.parse("2026-12-02T12:00:00Z");
    for (let i = 0; i < SIGN_IN_POLICY.client.limit; i++) {
      await signIn(t.db, { email: `spray-${i}@example.org`, password: "x", client: "198.51.100.7", secret, now });
    }
    expect(await signIn(t.db, { email: "admin@example.org", password: "correct horse battery", client: "198.51.100.7", secret, now })).toMatchObject({
      reason: "rate-limited",
    });
  });

  it("reserves the slot before verifying: of 40 parallel tries from one client, only the limit reach the password", async () => {
    const now = Date.parse("2026-12-02T14:00:00Z");
    await createOrganiser(t.db, { email: "burst@example.org", password: "the burst password", role: "analyst" });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signIn(t.db, { email: "burst@example.org", password: i === 39 ? "the burst password" : `guess ${i}`, client: "203.0.113.50", secret, now })),
    );
    const verified = results.filter((result) => result.ok || result.reason === "invalid");
    expect(verified.length).toBe(SIGN_IN_POLICY.pair.limit);
    expect(results.filter((result) => !result.ok && result.reason === "rate-limited")).toHaveLength(40 - SIGN_IN_POLICY.pair.limit);
  });

  it("counts concurrent hits exactly, and refuses every one past the limit", async () => {
    const policy = { limit: 25, windowMs: 60_000 };
    const now = Date.parse("2026-12-03T00:00:00Z");
    const states = await Promise.all(Array.from({ length: 200 }, () => consumeRateLimit(t.db, "test:concurrent", policy, now)));
    expect(states.filter((state) => !state.isLimited)).toHaveLength(25);
    expect(new Set(states.map((state) => state.count)).size).toBe(200);
    expect((await peekRateLimit(t.db, "test:concurrent", policy, now)).count).toBe(200);
    // The window ends: counting starts again at one.
    expect((await consumeRateLimit(t.db, "test:concurrent", policy, now + 60_000)).count).toBe(1);
  });

  it("ends every session of an organiser when asked, when disabled and when the password is reset", async () => {
    const { id } = await createOrganiser(t.db, { email: "sessions@example.org", password: "session password", role: "analyst" });
    const version = async () => (await t.db.organiser.findUniqueOrThrow({ where: { id } })).sessionVersion;
    const first = await version();
    expect(await getActiveOrganiser(t.db, id, first)).toMatchObject({ id });
    await endOrganiserSessions(t.db, null, id, "organiser.sign-out-everywhere");
    expect(await getActiveOrganiser(t.db, id, first)).toBeNull();
    const second = await version();
    await createOrganiser(t.db, { email: "sessions@example.org", password: "a new password!", role: "analyst" }, { replace: true });
    expect(await getActiveOrganiser(t.db, id, second)).toBeNull();
    const third = await version();
    await setOrganiserActive(t.db, null, id, false);
    await setOrganiserActive(t.db, null, id, true);
    expect(await getActiveOrganiser(t.db, id, third)).toBeNull();
    expect(await getActiveOrganiser(t.db, id, await version())).toMatchObject({ id });
  });

  it("forgets a disabled organiser at once", async () => {
    const { id } = await createOrganiser(t.db, { email: "temp@example.org", password: "temporary password", role: "analyst" });
    expect(await getActiveOrganiser(t.db, id, 0)).toMatchObject({ role: "analyst" });
    await setOrganiserActive(t.db, null, id, false);
    expect(await getActiveOrganiser(t.db, id, 1)).toBeNull();
    expect(await signIn(t.db, { email: "temp@example.org", password: "temporary password", client: "z", secret })).toMatchObject({ reason: "invalid" });
  });
});
