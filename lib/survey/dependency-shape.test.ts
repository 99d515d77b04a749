import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computeCoverage,
  dependencyRowsToCsv,
  parseDependencyQuery,
  rankNeedsHelp,
  shapeDependencyReport,
  publishDependencyCount,
  publishMaintainers,
  toDependencyQueryString,
  type DependencyProject,
} from "./dependency-shape";
import { cellValue, type Cell } from "./suppression";

const project = (projectId: number, name: string, sections: string[], packages = [name.toLowerCase()]) =>
  ({
    projectId,
    slug: name.toLowerCase(),
    name,
    categorySlug: "cat",
    categoryName: "Cat",
    packages,
    sections,
  }) satisfies DependencyProject;

const PROJECTS = [
  project(1, "Alembic", ["general"]),
  project(2, "SQLAlchemy", ["general"]),
  project(3, "Sphinx", ["docs"]),
  project(4, "Boto3", ["general", "testing"], ["boto", "boto3", "botocore"]),
  project(5, "Pytest", ["testing"]),
  project(6, "Zed", ["testing"]),
];

// Key sums chosen from the table (lib/survey/perturbation-table.ts), as these tests are about ranking and shaping:
// X (cell key 100) publishes 1..k-1 as 0 and leaves every count of at least k as it is; S (cell key 240)
// publishes 1..k-1 as k and moves every count of at least k up by 1.
const X = 100;
const S = 240;
const row = (projectId: number, respondents: number, maintainers: number, keySum = X, maintainersKeySum = keySum) => ({
  projectId,
  respondents,
  keySum,
  maintainers,
  maintainersKeySum,
});
const tally = (count: number, keySum = X) => ({ count, keySum });
const byName = (a: string, b: string) => a.localeCompare(b, "en", { sensitivity: "base" });
// Any cell key, half of the runs from the keys that publish a small count as k (224..255), which are only 1 in 8.
const anyKey = fc.oneof(fc.integer({ min: 0, max: 223 }), fc.integer({ min: 224, max: 255 }));
const smallCounts = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 6, maxLength: 6 });

describe("publishDependencyCount and publishMaintainers", () => {
  it("publishes 0 as 0, 1..k-1 as 0 or k by its cell key, the rest within 2", () => {
    expect(publishDependencyCount(tally(0), 5)).toEqual({ suppressed: false, value: 0 });
    expect(publishDependencyCount(tally(0, S), 5)).toEqual({ suppressed: false, value: 0 });
    expect(publishDependencyCount(tally(1), 5)).toEqual({ suppressed: false, value: 0 });
    expect(publishDependencyCount(tally(4, S), 5)).toEqual({ suppressed: false, value: 5 });
    // The boundary between the two: keys 0..223 give 0, 224..255 give k.
    expect(publishDependencyCount(tally(2, 223), 5)).toEqual({ suppressed: false, value: 0 });
    expect(publishDependencyCount(tally(2, 224), 5)).toEqual({ suppressed: false, value: 5 });
    expect(publishDependencyCount({ respondents: 5, keySum: X }, 5)).toEqual({ suppressed: false, value: 5 });
    expect(publishDependencyCount(tally(5, S), 5)).toEqual({ suppressed: false, value: 6 });
  });

  it("publishes maintainers on their own under a shown row, and gives none under a row published as 0", () => {
    const shown = { suppressed: false as const, value: 10 };
    expect(publishMaintainers(tally(3), shown, 5)).toEqual({ suppressed: false, value: 0 });
    expect(publishMaintainers(tally(3, S), shown, 5)).toEqual({ suppressed: false, value: 5 });
    expect(publishMaintainers(tally(8), shown, 5)).toEqual({ suppressed: false, value: 8 });
    expect(publishMaintainers(tally(0), shown, 5)).toEqual({ suppressed: false, value: 0 });
    const none = { suppressed: true, reason: "not-shown", display: "—" };
    // Whatever the maintainers' own key: a figure of their own could contradict the row's 0.
    expect(publishMaintainers(tally(2, S), { suppressed: false, value: 0 }, 5)).toEqual(none);
    // A row with no count at all (a table with a "<k" band, or an unpublished round) gives none either.
    expect(publishMaintainers(tally(8), { suppressed: true, reason: "small", display: "<5" }, 5)).toEqual(none);
  });

  it("never publishes a value in 1..k-1, nor a \"<k\" (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 0, max: 60 }), fc.nat(10_000), (k, count, keySum) => {
        const cell = publishDependencyCount({ count, keySum }, k);
        expect(cell.suppressed).toBe(false);
        if (!cell.suppressed) expect(cell.value === 0 || cell.value >= k).toBe(true);
      }),
    );
  });
});

describe("rankNeedsHelp", () => {
  const counts = [
    // SQLAlchemy: 9; its 2 maintainers have a key of their own, which publishes them as 5.
    row(2, 9, 2, X, S),
    // Alembic 7 and Zed 6 (+1) are both published as 7: the tie goes by name, not by the true counts.
    row(1, 7, 5),
    row(6, 6, 0, S),
    // Boto3: 3 published as 0, ranked with Sphinx, which nobody named; Pytest: 1 published as 5.
    row(4, 3, 1),
    row(5, 1, 0, S),
  ];

  it("puts rows published as 0 first by name, then published counts ascending with ties by name", () => {
    const rows = rankNeedsHelp(PROJECTS, counts, 20, 5);
    expect(rows.map((r) => [r.name, r.tier])).toEqual([
      ["Boto3", "none"],
      ["Sphinx", "none"],
      ["Pytest", "counted"],
      ["Alembic", "counted"],
      ["Zed", "counted"],
      ["SQLAlchemy", "counted"],
    ]);
  });

  it("publishes every count, with a share of n for each published figure", () => {
    const rows = Object.fromEntries(rankNeedsHelp(PROJECTS, counts, 20, 5).map((r) => [r.name, r]));
    expect(rows.Sphinx).toMatchObject({ respondents: { value: 0 }, maintainers: { display: "—" }, share: 0 });
    // A small count published as 0 looks exactly like Sphinx.
    expect(rows.Boto3).toMatchObject({ respondents: { value: 0 }, maintainers: { display: "—" }, share: 0 });
    expect(rows.Pytest).toMatchObject({ respondents: { value: 5 }, maintainers: { value: 0 }, share: 0.25 });
    expect(rows.Alembic).toMatchObject({ respondents: { value: 7 }, maintainers: { value: 5 }, share: 0.35 });
    expect(rows.Zed).toMatchObject({ respondents: { value: 7 }, maintainers: { value: 0 }, share: 0.35 });
    expect(rows.SQLAlchemy).toMatchObject({ respondents: { value: 9 }, maintainers: { value: 5 }, share: 0.45 });
  });

  it("filters by section", () => {
    expect(rankNeedsHelp(PROJECTS, counts, 20, 5, "testing").map((r) => r.name)).toEqual(["Boto3", "Pytest", "Zed"]);
    expect(rankNeedsHelp(PROJECTS, counts, 20, 5, "docs").map((r) => r.name)).toEqual(["Sphinx"]);
  });

  it("orders small counts by their published 0 or k, then by name, never by their true counts (property)", () => {
    fc.assert(
      fc.property(smallCounts, smallCounts, fc.array(anyKey, { minLength: 6, maxLength: 6 }), (some, others, keys) => {
        const rank = (values: number[]) => rankNeedsHelp(PROJECTS, values.map((v, i) => row(i + 1, v, 0, keys[i])), 50, 5);
        const rows = rank(some);
        // Other true counts behind the same keys: the same figures, so exactly the same ranking.
        expect(rank(others)).toEqual(rows);
        for (const r of rows) {
          expect(r.respondents).toSatisfy((c: Cell) => !c.suppressed && (c.value === 0 || c.value === 5));
          expect(r.tier).toBe(cellValue(r.respondents) === 0 ? "none" : "counted");
          expect(r.share).toBe(cellValue(r.respondents)! / 50);
        }
        const sorted = [...rows].sort((a, b) => cellValue(a.respondents)! - cellValue(b.respondents)! || byName(a.name, b.name));
        expect(rows.map((r) => r.name)).toEqual(sorted.map((r) => r.name));
      }),
    );
  });
});

describe("computeCoverage", () => {
  it("counts projects published as a count against every external dependency, overall and by section", () => {
    // Coverage follows the published figures: Pytest's 4 (published as 0) is not covered, Sphinx's 2 (published
    // as 5) is, since the table shows it as 5 like any count of 5.
    const rows = rankNeedsHelp(PROJECTS, [row(2, 9, 0), row(4, 5, 0), row(5, 4, 0), row(3, 2, 0, S)], 20, 5);
    expect(computeCoverage(rows)).toEqual({
      overall: { dependencies: 6, inSurvey: 6, covered: 3, share: 3 / 6 },
      bySection: [
        { section: "docs", dependencies: 1, inSurvey: 1, covered: 1, share: 1 },
        { section: "general", dependencies: 3, inSurvey: 3, covered: 2, share: 2 / 3 },
        { section: "testing", dependencies: 3, inSurvey: 3, covered: 1, share: 1 / 3 },
      ],
    });
    // Packages not in the survey yet count in the denominator, as not covered.
    const unmatched = [{ package: "six", section: "general" }, { package: "mox", section: "qa" }];
    expect(computeCoverage(rows, unmatched)).toEqual({
      overall: { dependencies: 8, inSurvey: 6, covered: 3, share: 3 / 8 },
      bySection: [
        { section: "docs", dependencies: 1, inSurvey: 1, covered: 1, share: 1 },
        { section: "general", dependencies: 4, inSurvey: 3, covered: 2, share: 2 / 4 },
        { section: "qa", dependencies: 1, inSurvey: 0, covered: 0, share: 0 },
        { section: "testing", dependencies: 3, inSurvey: 3, covered: 1, share: 1 / 3 },
      ],
    });
  });
});

describe("shapeDependencyReport", () => {
  const base = {
    projects: PROJECTS,
    counts: [row(2, 9, 0)],
    unmatched: [
      { package: "zzz", section: "general" },
      { package: "aaa", section: "testing" },
    ],
    roundTotal: tally(30),
    k: 5,
    section: null,
  };

  it("gives no figures when n is published as 0, but still lists the unmatched packages", () => {
    const report = shapeDependencyReport({ ...base, n: tally(4) });
    expect(report).toMatchObject({ status: "too-few", respondents: { value: 0 }, rows: null, coverage: null });
    expect(report.unmatched.map((u) => u.package)).toEqual(["aaa", "zzz"]);
    // A small n published as k is shown like any n of k: the figure says no more than a count of 5 would.
    expect(shapeDependencyReport({ ...base, n: tally(4, S) })).toMatchObject({ status: "ok", respondents: { value: 5 } });
  });

  it("says no-responses for a round published as 0, empty or not", () => {
    expect(shapeDependencyReport({ ...base, n: tally(0), roundTotal: tally(0) }).status).toBe("no-responses");
    expect(shapeDependencyReport({ ...base, n: tally(3), roundTotal: tally(3) }).status).toBe("no-responses");
  });

  it("narrows the rows and the unmatched list by section, not the coverage", () => {
    const report = shapeDependencyReport({ ...base, n: tally(20), section: "testing" });
    expect(report.rows?.map((r) => r.name)).toEqual(["Boto3", "Pytest", "Zed"]);
    expect(report.coverage?.overall).toEqual({ dependencies: 8, inSurvey: 6, covered: 1, share: 1 / 8 });
    expect(report.unmatched.map((u) => u.package)).toEqual(["aaa"]);
  });

  it("writes the CSV with the same figures", () => {
    const report = shapeDependencyReport({
      ...base,
      counts: [row(4, 2, 1, S), row(5, 3, 1), ...base.counts],
      n: tally(20),
    });
    const csv = dependencyRowsToCsv(report.rows ?? [], 20, 5);
    // 2 contributors published as 5 (and its maintainer, with the same key, as 5): a row like any count of 5.
    expect(csv.find((row) => row[1] === "Boto3")).toEqual([
      "shown as 5 or more",
      "Boto3",
      "boto3",
      "Cat",
      "boto boto3 botocore",
      "general testing",
      5,
      5,
      "0.2500",
      20,
    ]);
    // 3 contributors published as 0: a row like one nobody named, with no maintainers' figure.
    expect(csv.find((row) => row[1] === "Pytest")?.slice(0, 9)).toEqual(["0 (fewer than 5, perhaps none)", "Pytest", "pytest", "Cat", "pytest", "testing", 0, "—", "0.0000"]);
    expect(csv.find((row) => row[1] === "SQLAlchemy")?.slice(6, 9)).toEqual([9, 0, "0.4500"]);
  });
});

describe("parseDependencyQuery", () => {
  it("accepts the dashboard filters plus section", () => {
    const parsed = parseDependencyQuery(new URLSearchParams("round=demo-2026&section=testing&team="));
    expect(parsed).toMatchObject({ ok: true, filters: { round: "demo-2026" }, section: "testing" });
  });

  it("rejects unknown parameters, a repeated or malformed section, and view", () => {
    const bad = (query: string) => {
      const parsed = parseDependencyQuery(new URLSearchParams(query));
      return parsed.ok ? [] : parsed.issues.map((i) => i.parameter);
    };
    expect(bad("section=a&section=b")).toEqual(["section"]);
    expect(bad("section=Not%20A%20Section")).toEqual(["section"]);
    expect(bad("view=count")).toEqual(["view"]);
    expect(bad("colour=red")).toEqual(["colour"]);
    expect(bad("bom=1")).toEqual(["bom"]);
    expect(parseDependencyQuery(new URLSearchParams("bom=1"), { allowFormat: true }).ok).toBe(true);
  });

  it("writes the query string in a fixed order", () => {
    expect(toDependencyQueryString({ section: "docs", round: "r", team: "" })).toBe("?round=r&section=docs");
  });
});
