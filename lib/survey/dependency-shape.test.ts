import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computeCoverage,
  dependencyRowsToCsv,
  parseDependencyQuery,
  rankNeedsHelp,
  shapeDependencyReport,
  suppressDependencyCount,
  suppressMaintainers,
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

describe("suppressDependencyCount", () => {
  it("shows zero as zero, 1..k-1 as <k, the rest as is", () => {
    expect(suppressDependencyCount(0, 5)).toEqual({ suppressed: false, value: 0 });
    expect(suppressDependencyCount(1, 5)).toMatchObject({ suppressed: true, display: "<5" });
    expect(suppressDependencyCount(4, 5)).toMatchObject({ suppressed: true, display: "<5" });
    expect(suppressDependencyCount(5, 5)).toEqual({ suppressed: false, value: 5 });
  });
});

describe("suppressMaintainers", () => {
  it("shows maintainers only when neither they nor the other contributors number 1..k-1", () => {
    expect(suppressMaintainers(0, 6, 5)).toEqual({ suppressed: false, value: 0 });
    expect(suppressMaintainers(6, 6, 5)).toEqual({ suppressed: false, value: 6 });
    expect(suppressMaintainers(5, 10, 5)).toEqual({ suppressed: false, value: 5 });
    const hidden = { suppressed: true, reason: "complementary", display: "hidden" };
    // Small maintainers and small others look the same, so the display does not tell which side is small.
    expect(suppressMaintainers(3, 10, 5)).toEqual(hidden);
    expect(suppressMaintainers(8, 10, 5)).toEqual(hidden);
    // k = 2, r = 2: "hidden" could only mean 1, so every value is hidden.
    for (const m of [0, 1, 2]) expect(suppressMaintainers(m, 2, 2)).toEqual(hidden);
  });

  it("never lets a hidden value be pinned down (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 0, max: 40 }), (k, extra) => {
        const respondents = k + extra;
        const hiddenValues = Array.from({ length: respondents + 1 }, (_, m) => m).filter(
          (m) => suppressMaintainers(m, respondents, k).suppressed,
        );
        expect(hiddenValues.length === 0 || hiddenValues.length >= 2).toBe(true);
        for (let m = 0; m <= respondents; m++) {
          const small = (v: number) => v > 0 && v < k;
          if (small(m) || small(respondents - m)) expect(suppressMaintainers(m, respondents, k).suppressed).toBe(true);
        }
      }),
    );
  });
});

describe("rankNeedsHelp", () => {
  const counts = [
    { projectId: 2, respondents: 9, maintainers: 2 },
    { projectId: 1, respondents: 6, maintainers: 5 },
    { projectId: 4, respondents: 3, maintainers: 1 },
    { projectId: 5, respondents: 1, maintainers: 0 },
    { projectId: 6, respondents: 6, maintainers: 0 },
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

  it("suppresses every count and gives no share for a hidden count", () => {
    const rows = Object.fromEntries(rankNeedsHelp(PROJECTS, counts, 20, 5).map((r) => [r.name, r]));
    expect(rows.Sphinx).toMatchObject({ respondents: { value: 0 }, maintainers: { value: 0 }, share: 0 });
    expect(rows.Boto3).toMatchObject({ respondents: { display: "<5" }, maintainers: { display: "<5" }, share: null });
    expect(rows.Pytest).toMatchObject({ respondents: { display: "<5" }, maintainers: { display: "<5" }, share: null });
    expect(rows.Alembic).toMatchObject({ respondents: { value: 6 }, maintainers: { display: "hidden" }, share: 0.3 });
    expect(rows.SQLAlchemy).toMatchObject({ respondents: { value: 9 }, maintainers: { display: "hidden" }, share: 0.45 });
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
          values.map((respondents, i) => ({ projectId: i + 1, respondents, maintainers: 0 })),
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
        { projectId: 2, respondents: 9, maintainers: 0 },
        { projectId: 4, respondents: 5, maintainers: 0 },
        { projectId: 5, respondents: 4, maintainers: 0 },
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
    counts: [{ projectId: 2, respondents: 9, maintainers: 0 }],
    unmatched: [
      { package: "zzz", section: "general" },
      { package: "aaa", section: "testing" },
    ],
    roundTotal: 30,
    k: 5,
    section: null,
  };

  it("gives no figures for n < k, but still lists the unmatched packages", () => {
    const report = shapeDependencyReport({ ...base, n: 4 });
    expect(report).toMatchObject({ status: "too-few", respondents: { display: "<5" }, rows: null, coverage: null });
    expect(report.unmatched.map((u) => u.package)).toEqual(["aaa", "zzz"]);
  });

  it("says no-responses for an empty round", () => {
    expect(shapeDependencyReport({ ...base, n: 0, roundTotal: 0 }).status).toBe("no-responses");
  });

  it("narrows the rows and the unmatched list by section, not the coverage", () => {
    const report = shapeDependencyReport({ ...base, n: 20, section: "testing" });
    expect(report.rows?.map((r) => r.name)).toEqual(["Boto3", "Pytest", "Zed"]);
    expect(report.coverage?.overall).toEqual({ dependencies: 8, inSurvey: 6, covered: 1, share: 1 / 8 });
    expect(report.unmatched.map((u) => u.package)).toEqual(["aaa"]);
  });

  it("writes the CSV with the same suppression", () => {
    const report = shapeDependencyReport({
      ...base,
      counts: [{ projectId: 4, respondents: 2, maintainers: 1 }, ...base.counts],
      n: 20,
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
      "<5",
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
