// Rounds on schedule, on both databases: a round opens and closes at its stored times with nothing running in
// between, and the stored status change is recorded once even when several instances settle it at once.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Actor } from "@/lib/db/admin-audit";
import { createOrganiser } from "@/lib/db/admin-organisers";
import { closeRound, createRound, openRound, setRoundSchedule } from "@/lib/db/admin-rounds";
import { createDb } from "@/lib/db/client";
import { listResultsRounds } from "@/lib/db/results-rounds";
import { settleRoundSchedule } from "@/lib/db/round-schedule";
import { saveResponse } from "@/lib/db/submissions";
import { findRoundBySlug } from "@/lib/db/survey-form";
import { newEditToken } from "@/lib/survey/edit-token";
import { responseInputSchema } from "@/lib/survey/response-schema";
import { formatUtc } from "@/lib/survey/round-schedule";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

const MINUTE = 60_000;

describeEachDatabase("round schedule", (kind) => {
  let t: TestDatabase;
  let actor: Actor;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const admin = await createOrganiser(t.db, { email: "admin@example.org", password: "correct horse battery", role: "admin" });
    actor = { id: admin.id, email: admin.email, role: admin.role };
  });
  afterAll(async () => t?.drop());

  const answer = (round: string) =>
    responseInputSchema.parse({
      round,
      token: newEditToken(),
      teams: ["nova"],
      notOpenStackContributor: false,
      projects: [],
      others: [],
      nothingOutsideOpenStack: true,
      yearsContributing: null,
      employerPaid: null,
      comment: null,
    });
  // A second instance: on PostgreSQL its own connection pool, racing on row locks. On SQLite the same client: both
  // calls read the due rounds before either transaction runs, so only the conditional update keeps the entry
  // single. (A second SQLite client in this process would deadlock: better-sqlite3 waits for a lock synchronously,
  // blocking the event loop the holder needs to commit; real instances are separate processes.)
  const secondInstance = () => (kind === "postgres" ? createDb(t.url).db : t.db);
  const stamp = (offset: number) => new Date(Date.now() + offset);
  const scheduleAudits = (slug: string) =>
    t.db.auditLog.findMany({ where: { target: `round:${slug}`, action: { in: ["round.open", "round.close"] } }, orderBy: { id: "asc" } });

  it("refuses answers once the closing time has passed, before anything records the close", async () => {
    const round = await t.db.round.findUniqueOrThrow({ where: { slug: "openstack-2026" } });
    expect((await saveResponse(t.db, answer(round.slug))).ok).toBe(true);
    // The closing time passes with no process running: the stored status still says open.
    await t.db.round.update({ where: { id: round.id }, data: { closesAt: stamp(-MINUTE) } });
    const refused = await saveResponse(t.db, answer(round.slug));
    expect(refused).toMatchObject({ ok: false, reason: "round-closed" });
    expect((await t.db.round.findUniqueOrThrow({ where: { id: round.id } })).status).toBe("open");
    expect(await closeRound(t.db, actor, round.id)).toMatchObject({ ok: false });
  });

  it("records the close once when two instances settle the schedule at the same moment", async () => {
    const other = secondInstance();
    try {
      const [a, b] = await Promise.all([settleRoundSchedule(t.db), settleRoundSchedule(other)]);
      expect([...a, ...b]).toEqual([{ slug: "openstack-2026", status: "closed" }]);
      expect(await settleRoundSchedule(t.db)).toEqual([]);
    } finally {
      if (other !== t.db) await other.$disconnect();
    }
    expect((await t.db.round.findUniqueOrThrow({ where: { slug: "openstack-2026" } })).status).toBe("closed");
    expect((await findRoundBySlug(t.db, "openstack-2026"))?.status).toBe("closed");
    expect((await listResultsRounds(t.db, 5)).find((r) => r.slug === "openstack-2026")?.status).toBe("closed");
    const entries = await scheduleAudits("openstack-2026");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "round.close", organiserId: null });
    expect(JSON.parse(entries[0]?.after ?? "{}")).toMatchObject({ status: "closed", by: "schedule" });
  });

  it("keeps a round whose opening time is ahead shut, then opens it on time, recorded once", async () => {
    const created = await createRound(t.db, actor, { slug: "spring", title: "Spring" });
    if (!created.ok) throw new Error(created.message);
    const roundId = created.value.id;
    // A draft, not yet scheduled: it does not exist for respondents, exactly as a round that was never made.
    const neverMade = await saveResponse(t.db, answer("no-such-round"));
    expect(await saveResponse(t.db, answer("spring"))).toEqual(neverMade);
    expect(neverMade).toMatchObject({ ok: false, reason: "round-not-found" });
    const opensAt = stamp(MINUTE);
    expect(await setRoundSchedule(t.db, actor, { roundId, opensAt, closesAt: stamp(60 * MINUTE) })).toEqual({ ok: true, value: undefined });
    // Refused as a closed round is, but saying when it opens rather than that it is closed.
    expect(await saveResponse(t.db, answer("spring"))).toMatchObject({
      ok: false,
      reason: "round-closed",
      message: `This survey round is not open yet; it opens at ${formatUtc(opensAt)}.`,
    });
    expect((await findRoundBySlug(t.db, "spring"))?.phase).toBe("scheduled");
    expect(await settleRoundSchedule(t.db)).toEqual([]);

    // The opening time passes (moved into the past directly, as the clock would).
    await t.db.round.update({ where: { id: roundId }, data: { opensAt: stamp(-1000) } });
    expect((await saveResponse(t.db, answer("spring"))).ok).toBe(true);
    const other = secondInstance();
    try {
      const settled = await Promise.all([settleRoundSchedule(t.db), settleRoundSchedule(other), settleRoundSchedule(t.db)]);
      expect(settled.flat()).toEqual([{ slug: "spring", status: "open" }]);
    } finally {
      if (other !== t.db) await other.$disconnect();
    }
    expect(await scheduleAudits("spring")).toHaveLength(1);
    expect((await t.db.round.findUniqueOrThrow({ where: { id: roundId } })).status).toBe("open");
  });

  it("refuses a schedule that would overlap another round, or a time already past", async () => {
    const created = await createRound(t.db, actor, { slug: "autumn", title: "Autumn" });
    if (!created.ok) throw new Error(created.message);
    const roundId = created.value.id;
    // "spring" is open until an hour from now.
    expect(await setRoundSchedule(t.db, actor, { roundId, opensAt: stamp(30 * MINUTE), closesAt: null })).toMatchObject({ ok: false, field: "opensAt" });
    expect(await setRoundSchedule(t.db, actor, { roundId, opensAt: stamp(-MINUTE), closesAt: null })).toMatchObject({ ok: false, field: "opensAt" });
    expect(await setRoundSchedule(t.db, actor, { roundId, opensAt: stamp(61 * MINUTE), closesAt: null })).toMatchObject({ ok: true });
    // Opening "autumn" by hand is refused while "spring" is open.
    expect(await openRound(t.db, actor, roundId)).toMatchObject({ ok: false });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "round.schedule", target: "round:autumn" } });
    expect(audit.actorEmail).toBe("admin@example.org");
  });
});
