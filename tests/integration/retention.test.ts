import { afterAll, beforeAll, expect, it } from "vitest";
import { applyRetention } from "@/lib/db/retention";
import { isResponseDeleted } from "@/lib/db/responses";
import { saveResponse } from "@/lib/db/submissions";
import { newEditToken } from "@/lib/survey/edit-token";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

describeEachDatabase("retention", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.drop());

  it("deletes every row of responses in rounds closed longer ago than the setting, and nothing else", async () => {
    const token = newEditToken();
    const saved = await saveResponse(t.db, {
      round: "openstack-2026", token, teams: ["nova"], notOpenStackContributor: false, nothingOutsideOpenStack: false,
      projects: [{ slug: "pip", kinds: ["code"], frequency: "once" }], others: ["something else"],
      yearsContributing: null, employerPaid: null, comment: null,
    });
    expect(saved.ok).toBe(true);
    const closedAt = new Date("2026-01-01T00:00:00Z");
    await t.db.round.update({ where: { slug: "openstack-2026" }, data: { status: "closed", closesAt: closedAt } });

    expect(await applyRetention(t.db, 0)).toEqual({ rounds: [], responsesDeleted: 0 });
    expect(await applyRetention(t.db, 30, new Date("2026-01-15T00:00:00Z"))).toEqual({ rounds: [], responsesDeleted: 0 });
    expect(await t.db.response.count()).toBe(1);

    expect(await applyRetention(t.db, 30, new Date("2026-03-01T00:00:00Z"))).toEqual({ rounds: ["openstack-2026"], responsesDeleted: 1 });
    expect(await t.db.response.count()).toBe(0);
    expect(await t.db.responseProject.count()).toBe(0);
    expect(await t.db.responseTeam.count()).toBe(0);
    expect(await t.db.otherEntry.count()).toBe(0);
    expect(await isResponseDeleted(t.db, token)).toBe(true);
  });
});

describeEachDatabase("retention beside an organiser", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.drop());

  it("keeps the answers of a round reopened after the rule listed it, before it reached that round", async () => {
    const first = await t.db.round.findUniqueOrThrow({ where: { slug: "openstack-2026" } });
    const second = await t.db.round.create({
      data: { slug: "retention-second", title: "Second", status: "open", questions: first.questions },
    });
    const pip = await t.db.project.findUniqueOrThrow({ where: { slug: "pip" } });
    await t.db.roundProject.create({ data: { roundId: second.id, projectId: pip.id, position: 0 } });
    for (const round of [first, second]) {
      const saved = await saveResponse(t.db, {
        round: round.slug, token: newEditToken(), teams: ["nova"], notOpenStackContributor: false, nothingOutsideOpenStack: false,
        projects: [{ slug: "pip", kinds: ["code"], frequency: "once" }], others: [],
        yearsContributing: null, employerPaid: null, comment: null,
      });
      expect(saved.ok).toBe(true);
    }
    await t.db.round.updateMany({ data: { status: "closed", closesAt: new Date("2026-01-01T00:00:00Z") } });
    // An organiser reopens the second round while the rule deletes the first one's answers (after the rule listed
    // both): here, a trigger on that deletion does it.
    const reopen = `UPDATE "Round" SET "status" = 'open', "closesAt" = NULL WHERE "id" = ${second.id}`;
    if (kind === "sqlite") {
      await t.db.$executeRawUnsafe(
        `CREATE TRIGGER "test_reopen" AFTER DELETE ON "Response" WHEN OLD."roundId" = ${first.id} BEGIN ${reopen}; END`,
      );
    } else {
      await t.db.$executeRawUnsafe(
        `CREATE FUNCTION "test_reopen"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${reopen}; RETURN NULL; END $$`,
      );
      await t.db.$executeRawUnsafe(
        `CREATE TRIGGER "test_reopen" AFTER DELETE ON "Response" FOR EACH STATEMENT EXECUTE FUNCTION "test_reopen"()`,
      );
    }

    expect(await applyRetention(t.db, 30, new Date("2026-03-01T00:00:00Z"))).toEqual({ rounds: ["openstack-2026"], responsesDeleted: 1 });
    expect(await t.db.response.count({ where: { roundId: first.id } })).toBe(0);
    expect(await t.db.response.count({ where: { roundId: second.id } })).toBe(1);
    expect((await t.db.round.findUniqueOrThrow({ where: { id: second.id } })).status).toBe("open");
  });
});
