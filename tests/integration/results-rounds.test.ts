// Which round the results open on, and why others show no figures, on SQLite and PostgreSQL. (The privacy track
// changed the expectations: a round's state follows its published n, and open rounds publish after closing.)
import { afterAll, beforeAll, expect, it } from "vitest";
import { insertResponsesBulk } from "@/lib/db/responses-bulk";
import { listResultsRounds } from "@/lib/db/results-rounds";
import { findDefaultRound } from "@/lib/db/summary-queries";
import { hashEditToken } from "@/lib/survey/edit-token";
import { DEFAULT_QUESTIONS } from "@/lib/survey/questions";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

describeEachDatabase("results rounds", (kind) => {
  let t: TestDatabase;

  async function round(
    slug: string,
    status: string,
    opensAt: string,
    responses: number,
    isDemo = false,
    incomplete = 0,
  ) {
    const created = await t.db.round.create({
      data: {
        slug,
        title: `Title of ${slug}`,
        status,
        isDemo,
        opensAt: new Date(opensAt),
        questions: JSON.stringify(DEFAULT_QUESTIONS),
      },
    });
    await insertResponsesBulk(
      t.db,
      created.id,
      Array.from({ length: responses + incomplete }, (_, i) => ({
        editTokenHash: hashEditToken(`${slug}-${i}`),
        source: "import" as const,
        // A complete answer says where in OpenStack and where outside it; blank ones are stored but not counted.
        notOpenStackContributor: i < responses,
        nothingOutsideOpenStack: i < responses,
        teamIds: [],
        selections: [],
        // Every cell key 0, so each round's n is published one known way (docs/privacy.md): a count of at least
        // k + 2 as itself − 2, a smaller one as 0.
        recordKey: 0,
      })),
    );
  }

  beforeAll(async () => {
    // No catalogue: the shipped first round would be one more open round.
    t = await createTestDatabase(kind, { catalogue: false });
    await round("real-2024", "closed", "2024-03-01T00:00:00Z", 7);
    await round("demo-2025", "closed", "2025-03-01T00:00:00Z", 30, true);
    // Four complete answers and three blank ones: fewer than k that count.
    await round("real-2025", "closed", "2025-06-01T00:00:00Z", 4, false, 3);
    await round("open-2026", "open", "2026-03-01T00:00:00Z", 0);
    await t.db.round.create({
      data: { slug: "draft-2027", title: "Draft", questions: JSON.stringify(DEFAULT_QUESTIONS) },
    });
  });
  afterAll(async () => t?.drop());

  it("lists every round newest first with whether it has figures (k = 5)", async () => {
    const rounds = await listResultsRounds(t.db, 5);
    // real-2025's four counted answers are published as 0, as no answers would be; the open round publishes only
    // once it has closed (the default).
    expect(rounds.map((r) => [r.slug, r.figures])).toEqual([
      // A draft never opened sorts by its creation time, which is now.
      ["draft-2027", "not-opened"],
      ["open-2026", "after-close"],
      ["real-2025", "no-responses"],
      ["demo-2025", "available"],
      ["real-2024", "available"],
    ]);
    // Published while open, the empty open round says it has no responses.
    await t.db.round.update({ where: { slug: "open-2026" }, data: { publishWhileOpen: true } });
    expect((await listResultsRounds(t.db, 5)).find((r) => r.slug === "open-2026")?.figures).toBe("no-responses");
    await t.db.round.update({ where: { slug: "open-2026" }, data: { publishWhileOpen: false } });
  });

  it("opens on the newest real round with figures, not the empty open round or a newer demo round", async () => {
    expect((await findDefaultRound(t.db, 5))?.slug).toBe("real-2024");
    // With k = 8 the only round with enough responses is the demo round.
    expect((await findDefaultRound(t.db, 8))?.slug).toBe("demo-2025");
    // With k = 31 no round has figures: the open round, so the page can say why.
    expect((await findDefaultRound(t.db, 31))?.slug).toBe("open-2026");
  });
});
