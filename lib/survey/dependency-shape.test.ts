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

// A key sum whose cell key (100) leaves counts of at least k as they are and publishes 1..k-1 as "<k"
// (lib/survey/perturbation-table.ts): these tests are about ranking and shaping.
const X = 100;
const row = (projectId: number, respondents: number, maintainers: number) => ({
  projectId,
  respondents,
  keySum: X,
  maintainers,
  maintainersKeySum: X,
});
const tally = (count: number) => ({ count, keySum: X });

describe("publishDependencyCount and publishMaintainers", () => {
  it("publishes 0 as 0, 1..k-1 as <k or 0, the rest within 2", () => {
    expect(publishDependencyCount(tally(0), 5)).toEqual({ suppressed: false, value: 0 });
    expect(publishDependencyCount(tally(1), 5)).toMatchObject({ suppressed: true, display: "<5" });
    expect(publishDependencyCount({ count: 4, keySum: 0 }, 5)).toEqual({ suppressed: false, value: 0 });
    expect(publishDependencyCount(tally(5), 5)).toEqual({ suppressed: false, value: 5 });
  });

  it("publishes maintainers on their own under a shown row, and gives none under a hidden or zero row", () => {
    const shown = { suppressed: false as const, value: 10 };
    expect(publishMaintainers(tally(3), shown, 5)).toMatchObject({ suppressed: true, display: "<5" });
    expect(publishMaintainers(tally(8), shown, 5)).toEqual({ suppressed: false, value: 8 });
    expect(publishMaintainers(tally(0), shown, 5)).toEqual({ suppressed: false, value: 0 });
    const small = { suppressed: true as const, reason: "small" as const, display: "<5" };
    const none = { suppressed: true, reason: "not-shown", display: "—" };
    expect(publishMaintainers(tally(1), small, 5)).toEqual(none);
    expect(publishMaintainers(tally(2), { suppressed: false, value: 0 }, 5)).toEqual(none);
  });

  it("never publishes a value in 1..k-1 (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 0, max: 60 }), fc.nat(10_000), (k, count, keySum) => {
        const cell = publishDependencyCount({ count, keySum }, k);
        if (!cell.suppressed) expect(cell.value === 0 || cell.value >= k).toBe(true);
      }),
    );
  });
});

describe("rankNeedsHelp", () => {
  const counts = [
    row(2, 9, 2),
    row(1, 6, 5),
    row(4, 3, 1),
    row(5, 1, 0),
    row(6, 6, 0),
  ];

  it("puts zero first, then every <k row by name, then counts ascending with ties by name", () => {
    const rows = rankNeedsHelp(PROJECTS, counts, 20, 5);
    expect(rows.map((r) => [r.name, r.tier])).toEqual([
      ["Sphinx", "none"],
      ["Boto3", "fewer-than-k"],
      ["Pytest", "fewer-than-k"],
      ["Alembic", "counted"],
      ["Zed", "counted"],
      ["SQLAlchemy", "counted"],
    ]);
  });

  it("publishes every count and gives no share for a hidden count", () => {
    const rows = Object.fromEntries(rankNeedsHelp(PROJECTS, counts, 20, 5).map((r) => [r.name, r]));
    expect(rows.Sphinx).toMatchObject({ respondents: { value: 0 }, maintainers: { display: "—" }, share: 0 });
    expect(rows.Boto3).toMatchObject({ respondents: { display: "<5" }, maintainers: { display: "—" }, share: null });
    expect(rows.Pytest).toMatchObject({ respondents: { display: "<5" }, maintainers: { display: "—" }, share: null });
    expect(rows.Alembic).toMatchObject({ respondents: { value: 6 }, maintainers: { value: 5 }, share: 0.3 });
    expect(rows.SQLAlchemy).toMatchObject({ respondents: { value: 9 }, maintainers: { display: "<5" }, share: 0.45 });
    expect(rows.Zed).toMatchObject({ maintainers: { value: 0 } });
  });

  it("filters by section", () => {
    expect(rankNeedsHelp(PROJECTS, counts, 20, 5, "testing").map((r) => r.name)).toEqual(["Boto3", "Pytest", "Zed"]);
  });

  it("never orders the <k rows by their hidden counts (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 6, maxLength: 6 }), (values) => {
        const rows = rankNeedsHelp(
          PROJECTS,
          values.map((respondents, i) => row(i + 1, respondents, 0)),
          50,
          5,
        );
        const names = rows.map((r) => r.name);
        expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" })));
        expect(rows.every((r) => r.respondents.suppressed && r.share === null)).toBe(true);
      }),
    );
  });
});

describe("computeCoverage", () => {
  it("counts projects with at least k respondents against every external dependency, overall and by section", () => {
    const rows = rankNeedsHelp(
      PROJECTS,
      [
        row(2, 9, 0),
        row(4, 5, 0),
        row(5, 4, 0),
      ],
      20,
      5,
    );
    expect(computeCoverage(rows)).toEqual({
      overall: { dependencies: 6, inSurvey: 6, covered: 2, share: 2 / 6 },
      bySection: [
        { section: "docs", dependencies: 1, inSurvey: 1, covered: 0, share: 0 },
        { section: "general", dependencies: 3, inSurvey: 3, covered: 2, share: 2 / 3 },
        { section: "testing", dependencies: 3, inSurvey: 3, covered: 1, share: 1 / 3 },
      ],
    });
    // Packages not in the survey yet count in the denominator, as not covered.
    const unmatched = [{ package: "six", section: "general" }, { package: "mox", section: "qa" }];
    expect(computeCoverage(rows, unmatched)).toEqual({
      overall: { dependencies: 8, inSurvey: 6, covered: 2, share: 2 / 8 },
      bySection: [
        { section: "docs", dependencies: 1, inSurvey: 1, covered: 0, share: 0 },
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

  it("gives no figures for n < k, but still lists the unmatched packages", () => {
    const report = shapeDependencyReport({ ...base, n: tally(4) });
    expect(report).toMatchObject({ status: "too-few", respondents: { display: "<5" }, rows: null, coverage: null });
    expect(report.unmatched.map((u) => u.package)).toEqual(["aaa", "zzz"]);
  });

  it("says no-responses for an empty round", () => {
    expect(shapeDependencyReport({ ...base, n: tally(0), roundTotal: tally(0) }).status).toBe("no-responses");
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
      counts: [row(4, 2, 1), ...base.counts],
      n: tally(20),
    });
    const csv = dependencyRowsToCsv(report.rows ?? [], 20, 5);
    expect(csv.find((row) => row[1] === "Boto3")).toEqual([
      "fewer than 5",
      "Boto3",
      "boto3",
      "Cat",
      "boto boto3 botocore",
      "general testing",
      "<5",
      "—",
      "",
      20,
    ]);
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
