import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chartToCsv } from "./summary-charts";
import {
  shapeCategories,
  shapeCoContribution,
  shapeKindsPerCategory,
  shapeProjectsPerRespondent,
  shapeResponsesOverTime,
  shapeRoundComparison,
  shapeTeamCategory,
  shapeTopProjects,
} from "./summary-shape";
import type { SummaryLabels } from "./summary-rows";
import { cellValue, displayCell } from "./suppression";

const labels: SummaryLabels = {
  categories: [
    { id: 1, slug: "databases", name: "Databases", position: 0 },
    { id: 2, slug: "virtualization", name: "Virtualization", position: 1 },
    { id: 3, slug: "docs", name: "Docs tools", position: 2 },
  ],
  projects: [
    { id: 10, slug: "sqlalchemy", name: "SQLAlchemy", categoryId: 1 },
    { id: 11, slug: "alembic", name: "Alembic", categoryId: 1 },
    { id: 20, slug: "qemu", name: "QEMU", categoryId: 2 },
    { id: 21, slug: "libvirt", name: "libvirt", categoryId: 2 },
    { id: 30, slug: "sphinx", name: "Sphinx", categoryId: 3 },
  ],
  teams: [
    { id: 100, slug: "nova", name: "Nova" },
    { id: 101, slug: "neutron", name: "Neutron" },
    { id: 102, slug: "tiny", name: "Tiny team" },
    { id: 103, slug: "glance", name: "Glance" },
  ],
};

// Key sums chosen from the table (see lib/survey/perturbation-table.ts): these tests are about shaping;
// lib/survey/cell-key.test.ts about perturbing. X (cell key 100) leaves every count of at least k as it is and
// publishes 1..k-1 as 0; S (cell key 240) publishes 1..k-1 as k, and a count of k or more as count + 1.
const X = 100;
const S = 240;
const t = (count: number, keySum = X) => ({ count, keySum });
const kinds = (code: number, review = 0, bugs = 0, docs = 0, maintainer = 0) => ({
  code: t(code),
  review: t(review),
  bugs: t(bugs),
  docs: t(docs),
  maintainer: t(maintainer),
});
const shown = (value: number) => ({ suppressed: false, value });

describe("shapeTopProjects", () => {
  it("ranks by published respondents, ties by name, with % of n, leaving out small counts published as 0", () => {
    const series = shapeTopProjects(
      [
        { projectId: 20, respondents: 12, keySum: X },
        { projectId: 10, respondents: 30, keySum: X },
        { projectId: 11, respondents: 12, keySum: X },
        { projectId: 30, respondents: 2, keySum: S },
        { projectId: 21, respondents: 3, keySum: X },
      ],
      labels,
      40,
      5,
    );
    expect(series.rows.map((row) => row.slug)).toEqual(["sqlalchemy", "alembic", "qemu", "sphinx"]);
    expect(series.rows[0]).toMatchObject({ count: shown(30), percent: 75, category: "Databases" });
    // Sphinx's 2 are published as 5, a figure like any other, with its percentage; libvirt's 3 as 0, left out.
    expect(series.rows[3]).toMatchObject({ count: shown(5), percent: 12.5 });
    expect(series.projectsChosen).toBe(4);
  });

  it("keeps only the top `limit`", () => {
    const rows = labels.projects.map((p, i) => ({ projectId: p.id, respondents: 10 + i, keySum: X }));
    expect(shapeTopProjects(rows, labels, 50, 5, 2).rows.map((r) => r.slug)).toEqual(["sphinx", "libvirt"]);
  });
});

describe("shapeCategories", () => {
  it("lists every category by published figure, the ones nobody chose and those published as 0 as 0", () => {
    const series = shapeCategories(
      [
        { categoryId: 2, respondents: 8, keySum: X, kinds: kinds(8) },
        { categoryId: 1, respondents: 3, keySum: X, kinds: kinds(3) },
        { categoryId: 3, respondents: 2, keySum: S, kinds: kinds(2) },
      ],
      labels,
      16,
      5,
    );
    expect(series.rows.map((row) => [row.slug, displayCell(row.count), row.percent])).toEqual([
      ["virtualization", "8", 50],
      ["docs", "5", 31.3],
      ["databases", "0", 0],
    ]);
  });
});

describe("shapeProjectsPerRespondent", () => {
  it("bins counts, folds the top bin, and publishes each bin on its own", () => {
    const series = shapeProjectsPerRespondent(
      [
        { projectCount: 1, respondents: 10, keySum: X },
        { projectCount: 2, respondents: 7, keySum: X },
        { projectCount: 3, respondents: 4, keySum: X },
        { projectCount: 12, respondents: 1, keySum: 120 },
        { projectCount: 10, respondents: 2, keySum: 120 },
      ],
      20,
      5,
      10,
    );
    expect(series.bins).toHaveLength(11);
    expect(series.withheld).toBe(false);
    // The folded top bin is 3 respondents with key sum 240: published as 5, where either part alone (key 120)
    // would be 0, so the bin is published from the folded tally, not from its parts.
    expect(series.bins[10]).toMatchObject({ label: "10+", from: 10, to: null, count: shown(5), percent: 25 });
    expect(series.bins[0]).toMatchObject({ count: shown(0), percent: 0 });
    expect(series.bins[1]).toMatchObject({ count: { value: 10 }, percent: 50 });
    expect(series.bins[2]).toMatchObject({ count: { value: 7 }, percent: 35 });
    expect(series.bins[3]).toMatchObject({ count: shown(0), percent: 0 });
  });
});

describe("shapeKindsPerCategory", () => {
  it("gives each kind as respondents and % of the category's respondents, and a mix over the published kinds", () => {
    const series = shapeKindsPerCategory(
      [
        // Bugs: 2 published as 5; docs: 3 published as 0.
        { categoryId: 1, respondents: 20, keySum: X, kinds: { ...kinds(10, 5, 0, 3, 5), bugs: t(2, S) } },
        // Published as 0: left out like a category nobody chose.
        { categoryId: 2, respondents: 3, keySum: X, kinds: kinds(3) },
        { categoryId: 3, respondents: 2, keySum: S, kinds: { ...kinds(0), code: t(2, S) } },
      ],
      labels,
      5,
    );
    expect(series.rows.map((row) => [row.slug, cellValue(row.respondents)])).toEqual([
      ["databases", 20],
      ["docs", 5],
    ]);
    const row = series.rows[0]!;
    expect(row.kinds.code).toEqual({ count: shown(10), percent: 50 });
    expect(row.kinds.bugs).toEqual({ count: shown(5), percent: 25 });
    expect(row.kinds.docs).toEqual({ count: shown(0), percent: 0 });
    // Of 10 + 5 + 5 + 0 + 5 = 25 published kinds.
    expect(row.mix).toEqual({ code: 40, review: 20, bugs: 20, docs: 0, maintainer: 20 });
    expect(series.rows[1]!.kinds.code).toEqual({ count: shown(5), percent: 100 });
  });
});

describe("shapeTeamCategory", () => {
  it("shows teams published as a count, with percentages of the team's published respondents", () => {
    const series = shapeTeamCategory(
      [
        { teamId: 100, respondents: 10, keySum: X },
        { teamId: 101, respondents: 20, keySum: X },
        { teamId: 102, respondents: 3, keySum: S },
        { teamId: 103, respondents: 3, keySum: X },
      ],
      [
        { teamId: 100, categoryId: 1, respondents: 5, keySum: X },
        { teamId: 101, categoryId: 2, respondents: 4, keySum: X },
        { teamId: 101, categoryId: 3, respondents: 2, keySum: S },
        { teamId: 102, categoryId: 1, respondents: 3, keySum: S },
      ],
      labels,
      5,
    );
    // Glance's 3 are published as 0 and left out like a team nobody is in; Tiny team's 3 as 5, shown.
    expect(series.rows.map((row) => [row.slug, cellValue(row.respondents)])).toEqual([
      ["neutron", 20],
      ["nova", 10],
      ["tiny", 5],
    ]);
    // Only a team published as "<k" was counted here, and the table publishes none.
    expect(series.teamsLeftOut).toBe(0);
    expect(series.rows[1]!.cells[0]).toEqual({ count: shown(5), percent: 50 });
    expect(series.rows[0]!.cells.map((c) => c.count)).toEqual([shown(0), shown(0), shown(5)]);
    expect(series.rows[0]!.cells[2]!.percent).toBe(25);
    expect(series.rows[2]!.cells[0]).toEqual({ count: shown(5), percent: 100 });
  });
});

describe("shapeCoContribution", () => {
  it("lists pairs published as a count and builds a symmetric matrix with the project counts on the diagonal", () => {
    const series = shapeCoContribution(
      [
        { firstId: 10, secondId: 11, respondents: 9, keySum: X },
        { firstId: 20, secondId: 21, respondents: 6, keySum: X },
        { firstId: 10, secondId: 20, respondents: 2, keySum: X },
        { firstId: 20, secondId: 11, respondents: 3, keySum: S },
      ],
      [
        { projectId: 10, respondents: 15, keySum: X },
        { projectId: 11, respondents: 10, keySum: X },
        { projectId: 20, respondents: 8, keySum: X },
        { projectId: 30, respondents: 2, keySum: X },
      ],
      labels,
      30,
      5,
    );
    // SQLAlchemy + QEMU (2, published as 0) is not listed; Alembic + QEMU (3, published as 5) is.
    expect(series.pairs.map((p) => [p.first.slug, p.second.slug, p.percent])).toEqual([
      ["sqlalchemy", "alembic", 30],
      ["qemu", "libvirt", 20],
      ["alembic", "qemu", 16.7],
    ]);
    // Sphinx (2, published as 0) is left out of the matrix like a project nobody chose.
    expect(series.matrix.projects.map((p) => p.slug)).toEqual(["sqlalchemy", "alembic", "qemu"]);
    expect(series.matrix.cells[0]![0]!.count).toEqual(shown(15));
    expect(series.matrix.cells[0]![1]).toEqual(series.matrix.cells[1]![0]);
    expect(series.matrix.cells[0]![2]).toEqual({ count: shown(0), percent: 0 });
    expect(series.matrix.cells[2]![1]).toEqual({ count: shown(5), percent: 16.7 });
  });
});

describe("shapeRoundComparison", () => {
  it("gives % of each round's published respondents and counts the rounds published as a count", () => {
    const series = shapeRoundComparison(
      [
        { id: 1, slug: "r1", title: "R1" },
        { id: 2, slug: "r2", title: "R2" },
        { id: 3, slug: "r3", title: "R3" },
        { id: 4, slug: "r4", title: "R4" },
      ],
      [
        { roundId: 1, respondents: 50, keySum: X },
        { roundId: 2, respondents: 100, keySum: X },
        { roundId: 3, respondents: 4, keySum: X },
        { roundId: 4, respondents: 3, keySum: S },
      ],
      [
        { roundId: 1, projectId: 10, respondents: 10, keySum: X },
        { roundId: 2, projectId: 10, respondents: 30, keySum: X },
        { roundId: 3, projectId: 10, respondents: 4, keySum: X },
        { roundId: 4, projectId: 10, respondents: 3, keySum: S },
      ],
      [10],
      labels,
      5,
    );
    // R3's 4 are published as 0: not comparable, no percentage; R4's 3 as 5, compared like any n of 5.
    expect(series.comparableRounds).toBe(3);
    expect(series.rounds.map((r) => cellValue(r.respondents))).toEqual([50, 100, 0, 5]);
    expect(series.projects[0]!.byRound.map((m) => m.percent)).toEqual([20, 30, null, 100]);
  });
});

describe("shapeResponsesOverTime", () => {
  it("fills days without responses with 0 and publishes each day on its own", () => {
    const series = shapeResponsesOverTime(
      [
        { day: "2026-03-03", respondents: 20, keySum: X },
        { day: "2026-03-01", respondents: 10, keySum: X },
        { day: "2026-03-05", respondents: 2, keySum: S },
      ],
      30,
      5,
    );
    expect(series.days.map((d) => d.day)).toEqual(["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"]);
    expect(series.days.map((d) => displayCell(d.count))).toEqual(["10", "0", "20", "0", "5"]);
    expect(series.withheld).toBe(false);
  });

  it("leaves out a first or last day published as 0, as if nobody had answered then", () => {
    const series = shapeResponsesOverTime(
      [
        { day: "2026-03-01", respondents: 2, keySum: 0 },
        { day: "2026-03-02", respondents: 10, keySum: X },
        { day: "2026-03-03", respondents: 3, keySum: X },
        { day: "2026-03-04", respondents: 3, keySum: X },
      ],
      12,
      5,
    );
    expect(series.days.map((d) => d.day)).toEqual(["2026-03-02"]);
  });
});

describe("ordering", () => {
  it("orders small counts published as k by name only, whatever their true counts", () => {
    const series = shapeTopProjects(
      [
        { projectId: 20, respondents: 4, keySum: S },
        { projectId: 10, respondents: 1, keySum: S },
        { projectId: 11, respondents: 3, keySum: S },
        { projectId: 21, respondents: 4, keySum: X },
        { projectId: 30, respondents: 5, keySum: S },
      ],
      labels,
      40,
      5,
    );
    // Sphinx's 5 is published as 6, above them; libvirt's 4 as 0, left out.
    expect(series.rows.map((row) => [row.name, cellValue(row.count)])).toEqual([
      ["Sphinx", 6],
      ["Alembic", 5],
      ["QEMU", 5],
      ["SQLAlchemy", 5],
    ]);
  });

  it("orders small counts by their published 0 or k, then by name, never by their true counts (property)", () => {
    const small = (length: number) => fc.array(fc.integer({ min: 1, max: 4 }), { minLength: length, maxLength: length });
    // Half of the runs from the keys that publish a small count as k (224..255), which are only 1 in 8.
    const keys = (length: number) =>
      fc.array(fc.oneof(fc.integer({ min: 0, max: 223 }), fc.integer({ min: 224, max: 255 })), {
        minLength: length,
        maxLength: length,
      });
    const byFigureThenName = (a: { figure: number; name: string }, b: { figure: number; name: string }) =>
      b.figure - a.figure || a.name.localeCompare(b.name, "en");
    fc.assert(
      fc.property(fc.tuple(small(5), small(5), keys(5)), fc.tuple(small(4), small(4), keys(4)), (projects, teams) => {
        const top = (values: number[]) =>
          shapeTopProjects(labels.projects.map((p, i) => ({ projectId: p.id, respondents: values[i]!, keySum: projects[2][i]! })), labels, 40, 5);
        const heatmap = (values: number[]) =>
          shapeTeamCategory(labels.teams.map((team, i) => ({ teamId: team.id, respondents: values[i]!, keySum: teams[2][i]! })), [], labels, 5);
        // Other true counts behind the same keys: the same figures, so the same rows in the same order.
        const series = top(projects[0]);
        expect(top(projects[1])).toEqual(series);
        const rows = series.rows.map((row) => ({ figure: cellValue(row.count)!, name: row.name }));
        expect(rows.every((row) => row.figure === 5)).toBe(true);
        expect(rows).toEqual([...rows].sort(byFigureThenName));
        expect(series.projectsChosen).toBe(rows.length);
        const heat = heatmap(teams[0]);
        expect(heatmap(teams[1])).toEqual(heat);
        const teamRows = heat.rows.map((row) => ({ figure: cellValue(row.respondents)!, name: row.name }));
        expect(teamRows.every((row) => row.figure === 5)).toBe(true);
        expect(teamRows).toEqual([...teamRows].sort(byFigureThenName));
      }),
    );
  });

  it("drops projects published as 0 like projects nobody chose, from the rows and from projectsChosen", () => {
    const series = shapeTopProjects(
      [
        { projectId: 10, respondents: 30, keySum: X },
        { projectId: 30, respondents: 2, keySum: 0 },
      ],
      labels,
      40,
      5,
    );
    expect(series.rows.map((row) => row.slug)).toEqual(["sqlalchemy"]);
    expect(series.projectsChosen).toBe(1);
  });
});

describe("chartToCsv", () => {
  it("writes the published figures as shown on the page, small counts published as k with their percentage", () => {
    const series = shapeTopProjects(
      [
        { projectId: 10, respondents: 30, keySum: X },
        { projectId: 30, respondents: 2, keySum: S },
        { projectId: 21, respondents: 2, keySum: X },
      ],
      labels,
      40,
      5,
    );
    expect(chartToCsv("top-projects", series)).toEqual({
      header: ["rank", "project_slug", "project", "category", "respondents", "percent_of_respondents"],
      rows: [
        [1, "sqlalchemy", "SQLAlchemy", "Databases", "30", "75.0"],
        [2, "sphinx", "Sphinx", "Docs tools", "5", "12.5"],
      ],
    });
  });
});
