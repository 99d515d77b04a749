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
  type SummaryLabels,
} from "./summary-shape";

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
  ],
};

// A key sum whose cell key (100) leaves every count of at least k as it is and publishes 1..k-1 as "<k" (see
// lib/survey/perturbation-table.ts): these tests are about shaping; lib/survey/cell-key.test.ts about perturbing.
const X = 100;
const t = (count: number) => ({ count, keySum: X });
const kinds = (code: number, review = 0, bugs = 0, docs = 0, maintainer = 0) => ({
  code: t(code),
  review: t(review),
  bugs: t(bugs),
  docs: t(docs),
  maintainer: t(maintainer),
});

describe("shapeTopProjects", () => {
  it("ranks by respondents, ties by name, with % of n and small counts hidden", () => {
    const series = shapeTopProjects(
      [
        { projectId: 20, respondents: 12, keySum: X },
        { projectId: 10, respondents: 30, keySum: X },
        { projectId: 11, respondents: 12, keySum: X },
        { projectId: 30, respondents: 2, keySum: X },
      ],
      labels,
      40,
      5,
    );
    expect(series.rows.map((row) => row.slug)).toEqual(["sqlalchemy", "alembic", "qemu", "sphinx"]);
    expect(series.rows[0]).toMatchObject({
      count: { suppressed: false, value: 30 },
      percent: 75,
      category: "Databases",
    });
    expect(series.rows[3]).toMatchObject({ count: { suppressed: true, display: "<5" }, percent: null });
    expect(series.projectsChosen).toBe(4);
  });

  it("keeps only the top `limit`", () => {
    const rows = labels.projects.map((p, i) => ({ projectId: p.id, respondents: 10 + i, keySum: X }));
    expect(shapeTopProjects(rows, labels, 50, 5, 2).rows.map((r) => r.slug)).toEqual(["sphinx", "libvirt"]);
  });
});

describe("shapeCategories", () => {
  it("lists every category, the ones nobody chose as 0", () => {
    const series = shapeCategories([{ categoryId: 2, respondents: 8, keySum: X, kinds: kinds(8) }], labels, 16, 5);
    expect(series.rows.map((row) => [row.slug, row.percent])).toEqual([
      ["virtualization", 50],
      ["databases", 0],
      ["docs", 0],
    ]);
  });
});

describe("shapeProjectsPerRespondent", () => {
  it("bins counts, folds the top bin, and publishes each bin on its own", () => {
    const series = shapeProjectsPerRespondent(
      [
        { projectCount: 1, respondents: 10, keySum: X },
        { projectCount: 2, respondents: 7, keySum: X },
        { projectCount: 12, respondents: 1, keySum: X },
        { projectCount: 10, respondents: 2, keySum: X },
      ],
      20,
      5,
      10,
    );
    expect(series.bins).toHaveLength(11);
    expect(series.withheld).toBe(false);
    // The folded top bin is 3 respondents with key sum 200: "<5".
    expect(series.bins[10]).toMatchObject({ label: "10+", count: { suppressed: true, reason: "small" } });
    expect(series.bins[0]).toMatchObject({ count: { suppressed: false, value: 0 }, percent: 0 });
    expect(series.bins[1]).toMatchObject({ count: { value: 10 }, percent: 50 });
    expect(series.bins[2]).toMatchObject({ count: { value: 7 }, percent: 35 });
  });
});

describe("shapeKindsPerCategory", () => {
  it("gives each kind as respondents and % of the category's respondents, and a mix over shown cells", () => {
    const series = shapeKindsPerCategory([{ categoryId: 1, respondents: 20, keySum: X, kinds: kinds(10, 5, 2, 0, 5) }], labels, 5);
    expect(series.rows).toHaveLength(1);
    const row = series.rows[0]!;
    expect(row.kinds.code).toEqual({ count: { suppressed: false, value: 10 }, percent: 50 });
    expect(row.kinds.bugs.count.suppressed).toBe(true);
    expect(row.mix).toEqual({ code: 50, review: 25, bugs: null, docs: 0, maintainer: 25 });
  });
});

describe("shapeTeamCategory", () => {
  it("shows teams with at least k respondents, percentages of the team's respondents", () => {
    const series = shapeTeamCategory(
      [
        { teamId: 100, respondents: 10, keySum: X },
        { teamId: 101, respondents: 20, keySum: X },
        { teamId: 102, respondents: 3, keySum: X },
      ],
      [
        { teamId: 100, categoryId: 1, respondents: 5, keySum: X },
        { teamId: 101, categoryId: 2, respondents: 4, keySum: X },
      ],
      labels,
      5,
    );
    expect(series.rows.map((row) => row.slug)).toEqual(["neutron", "nova"]);
    expect(series.teamsLeftOut).toBe(1);
    expect(series.rows[1]!.cells[0]).toEqual({ count: { suppressed: false, value: 5 }, percent: 50 });
    expect(series.rows[0]!.cells[1]!.count.suppressed).toBe(true);
  });
});

describe("shapeCoContribution", () => {
  it("lists pairs of at least k and builds a symmetric matrix with the project counts on the diagonal", () => {
    const series = shapeCoContribution(
      [
        { firstId: 10, secondId: 11, respondents: 9, keySum: X },
        { firstId: 20, secondId: 21, respondents: 6, keySum: X },
        { firstId: 10, secondId: 20, respondents: 2, keySum: X },
      ],
      [
        { projectId: 10, respondents: 15, keySum: X },
        { projectId: 11, respondents: 10, keySum: X },
        { projectId: 20, respondents: 8, keySum: X },
      ],
      labels,
      30,
      5,
    );
    expect(series.pairs.map((p) => [p.first.slug, p.second.slug, p.percent])).toEqual([
      ["sqlalchemy", "alembic", 30],
      ["qemu", "libvirt", 20],
    ]);
    expect(series.matrix.projects.map((p) => p.slug)).toEqual(["sqlalchemy", "alembic", "qemu"]);
    expect(series.matrix.cells[0]![0]!.count).toEqual({ suppressed: false, value: 15 });
    expect(series.matrix.cells[0]![1]).toEqual(series.matrix.cells[1]![0]);
    expect(series.matrix.cells[0]![2]!.count.suppressed).toBe(true);
  });
});

describe("shapeRoundComparison", () => {
  it("gives % of each round's respondents and counts comparable rounds", () => {
    const series = shapeRoundComparison(
      [
        { id: 1, slug: "r1", title: "R1" },
        { id: 2, slug: "r2", title: "R2" },
        { id: 3, slug: "r3", title: "R3" },
      ],
      [
        { roundId: 1, respondents: 50, keySum: X },
        { roundId: 2, respondents: 100, keySum: X },
        { roundId: 3, respondents: 4, keySum: X },
      ],
      [
        { roundId: 1, projectId: 10, respondents: 10, keySum: X },
        { roundId: 2, projectId: 10, respondents: 30, keySum: X },
        { roundId: 3, projectId: 10, respondents: 4, keySum: X },
      ],
      [10],
      labels,
      5,
    );
    expect(series.comparableRounds).toBe(2);
    expect(series.projects[0]!.byRound.map((m) => m.percent)).toEqual([20, 30, null]);
    expect(series.rounds[2]!.respondents.suppressed).toBe(true);
  });
});

describe("shapeResponsesOverTime", () => {
  it("fills days without responses with 0 and publishes each day on its own", () => {
    const series = shapeResponsesOverTime(
      [
        { day: "2026-03-03", respondents: 20, keySum: X },
        { day: "2026-03-01", respondents: 10, keySum: X },
        { day: "2026-03-05", respondents: 2, keySum: X },
      ],
      30,
      5,
    );
    expect(series.days.map((d) => d.day)).toEqual(["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"]);
    expect(series.days.map((d) => (d.count.suppressed ? d.count.display : d.count.value))).toEqual([10, 0, 20, 0, "<5"]);
    expect(series.withheld).toBe(false);
  });

  it("leaves out a first or last day published as 0, as if nobody had answered then", () => {
    // 2 respondents with cell key 0: published as 0.
    const series = shapeResponsesOverTime(
      [
        { day: "2026-03-01", respondents: 2, keySum: 0 },
        { day: "2026-03-02", respondents: 10, keySum: X },
      ],
      12,
      5,
    );
    expect(series.days.map((d) => d.day)).toEqual(["2026-03-02"]);
  });
});

describe("ordering", () => {
  it("orders rows published as <k by name only, whatever their true counts", () => {
    const series = shapeTopProjects(
      [
        { projectId: 20, respondents: 4, keySum: X },
        { projectId: 10, respondents: 1, keySum: X },
        { projectId: 11, respondents: 3, keySum: X },
        { projectId: 30, respondents: 2, keySum: X },
      ],
      labels,
      40,
      5,
    );
    expect(series.rows.map((row) => row.name)).toEqual(["Alembic", "QEMU", "Sphinx", "SQLAlchemy"]);
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
  it("writes hidden cells as shown on the page and no percentage for them", () => {
    const series = shapeTopProjects(
      [
        { projectId: 10, respondents: 30, keySum: X },
        { projectId: 30, respondents: 2, keySum: X },
      ],
      labels,
      40,
      5,
    );
    expect(chartToCsv("top-projects", series)).toEqual({
      header: ["rank", "project_slug", "project", "category", "respondents", "percent_of_respondents"],
      rows: [
        [1, "sqlalchemy", "SQLAlchemy", "Databases", "30", "75.0"],
        [2, "sphinx", "Sphinx", "Docs tools", "<5", ""],
      ],
    });
  });
});
