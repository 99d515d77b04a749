// The differencing attack of issue #15, at a size CI affords: one demo round (400 synthetic answers, as
// `npm run demo` makes them), a few teams and categories with every employer-paid value, both public figure
// endpoints, plus the posting attack on the open round. `npm run audit:privacy` runs every filter combination
// of both demo rounds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatOpenRound, formatReport, type AttackReport } from "./report";
import type { OpenRoundReport } from "./open-round";
import type { DemoDatabase } from "./harness";

const K = 5;

describe("privacy attack on the public API", () => {
  let demo: DemoDatabase;
  let report: AttackReport;
  let openRound: OpenRoundReport | null;
  const saved = { ...process.env };

  beforeAll(async () => {
    const { createDemoDatabase, runAttack } = await import("./harness");
    demo = await createDemoDatabase({ responses: 400, seed: 2026 });
    process.env.DATABASE_URL = demo.url;
    process.env.MIN_CELL_SIZE = String(K);
    process.env.RATE_LIMIT_SUBMISSIONS_PER_MINUTE = "0";
    const { inProcessApi } = await import("./api");
    const result = await runAttack(
      await inProcessApi(),
      demo.db,
      {
        rounds: ["demo-2026"],
        teams: [null, "nova", "neutron", "trove", "ironic", "swift"],
        categories: [null, "databases-and-db-libraries", "virtualization", "networking", "packaging-and-distribution"],
        openRound: { round: "openstack-2026", baseline: 30, maxTargets: 4 },
        csvEvery: 4,
      },
      // The documented largest adjustment (docs/privacy.md); how the figures are read is detected from them.
      { k: K, maxAdjustment: 2 },
    );
    ({ report, openRound } = result);
    const other = result.openRoundOtherSetting;
    console.log(
      [
        formatReport(report),
        openRound ? formatOpenRound(openRound) : "",
        // Reported, not asserted: an organiser who publishes while open accepts that posters can difference.
        other ? `with publish-while-open ${other.publishWhileOpen}: ${formatOpenRound(other)}` : "",
      ].join("\n"),
    );
  }, 240_000);

  afterAll(async () => {
    const { closeDatabase } = await import("../../lib/db/client");
    await closeDatabase();
    for (const key of ["DATABASE_URL", "MIN_CELL_SIZE", "RATE_LIMIT_SUBMISSIONS_PER_MINUTE"])
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    await demo?.drop();
  });

  it("crawled figures and scored them without a wrong assumption", () => {
    expect(report.queriesWithFigures).toBeGreaterThan(20);
    expect(report.smallCounts).toBeGreaterThan(1000);
    // An exact count pinned to a wrong value would mean the attack misreads the API: its figures would be void.
    expect(report.pinnedWrongly).toBe(0);
  });

  it("reads the figures as the cell key publishes them", () => {
    expect(report.model).toBe("cell-key");
  });

  it("(c) gives every set of respondents one figure, in every query", () => {
    expect(report.inconsistentSets).toBe(0);
  });

  it("(d) publishes no count of 1..k−1", () => {
    expect(report.publishedSmallValues).toBe(0);
  });

  // Posting: against the open round as an organiser leaves it by default.
  it("(a) derives no hidden small count exactly, from the crawl or by posting", () => {
    expect(report.derivedExactly).toBe(0);
    expect(openRound?.derivedExactly ?? 0).toBe(0);
  });

  it("(b) guesses at most 30% of the true 1..k−1 counts right", () => {
    expect(report.bestGuessShare).toBeLessThanOrEqual(0.3);
  });
});
