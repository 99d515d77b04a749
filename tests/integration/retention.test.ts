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
