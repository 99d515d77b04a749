// An open round shows its figures only once it has closed, unless an organiser chooses to publish them while it is
// open (docs/privacy.md: open rounds): on SQLite and PostgreSQL, the summary, the dependency report and the
// organisers' audited choice.
import { afterAll, beforeAll, expect, it } from "vitest";
import { setRoundPublishing } from "@/lib/db/admin-rounds";
import { DEFAULT_ROUND_SLUG } from "@/lib/db/catalogue";
import { getDependencyReport } from "@/lib/db/dependency-queries";
import { openCounting } from "@/lib/db/read-pool";
import { saveResponse } from "@/lib/db/submissions";
import { getSummary, resolveSummaryRequest, type SummarySource } from "@/lib/db/summary-queries";
import { submissionBody } from "@/lib/survey/synthetic-answers";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

describeEachDatabase("publishing an open round's figures", (kind) => {
  let t: TestDatabase;
  let source: SummarySource;
  let actor: { id: number; email: string; role: string };

  const filters = async () => {
    const resolved = await resolveSummaryRequest(t.db, new URLSearchParams(`round=${DEFAULT_ROUND_SLUG}`));
    if (!resolved.ok || !resolved.filters) throw new Error("no round");
    return resolved.filters;
  };

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    source = { db: t.db, kind, ...openCounting(t) };
    const organiser = await t.db.organiser.create({ data: { email: "publish@example.org", passwordHash: "-", role: "admin" } });
    actor = { id: organiser.id, email: organiser.email, role: organiser.role };
    for (let n = 0; n < 20; n++) {
      const result = await saveResponse(t.db, submissionBody(n, DEFAULT_ROUND_SLUG));
      if (!result.ok) throw new Error(result.message);
    }
  });
  afterAll(async () => {
    await source?.reads.close();
    await t?.drop();
  });

  it("shows nothing of an open round by default, not even n, and stores nothing", async () => {
    const f = await filters();
    expect(f.round.status).toBe("open");
    expect(f.round.publishWhileOpen).toBe(false);
    const summary = await getSummary(source, f, 5);
    expect(summary).toMatchObject({ status: "after-close", charts: null, respondents: { suppressed: true, reason: "unpublished" } });
    expect(await t.db.summarySnapshot.count()).toBe(0);
    const report = await getDependencyReport(source, f, null, 5);
    expect(report).toMatchObject({ status: "after-close", rows: null, coverage: null, respondents: { suppressed: true } });
  });

  it("publishes while open once an organiser chooses so, audited, and stops again", async () => {
    const round = await t.db.round.findUniqueOrThrow({ where: { slug: DEFAULT_ROUND_SLUG } });
    expect(await setRoundPublishing(t.db, actor, { roundId: round.id, publishWhileOpen: true })).toEqual({ ok: true, value: undefined });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "round.publishing" }, orderBy: { id: "desc" } });
    expect(JSON.parse(audit.before!)).toEqual({ publishWhileOpen: false });
    expect(JSON.parse(audit.after!)).toEqual({ publishWhileOpen: true });
    expect((await getSummary(source, await filters(), 5)).status).toBe("ok");
    expect((await getDependencyReport(source, await filters(), null, 5)).status).toBe("ok");

    await setRoundPublishing(t.db, actor, { roundId: round.id, publishWhileOpen: false });
    expect((await getSummary(source, await filters(), 5)).status).toBe("after-close");
    // Closed, a round shows its figures whatever the choice.
    await t.db.round.update({ where: { id: round.id }, data: { status: "closed", closesAt: new Date() } });
    expect((await getSummary(source, await filters(), 5)).status).toBe("ok");
  });
});
