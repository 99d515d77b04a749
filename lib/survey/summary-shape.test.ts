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

const kinds = (code: number, review = 0, bugs = 0, docs = 0, maintainer = 0) => ({
  code,
  review,
  bugs,
  docs,
  maintainer,
});

describe("shapeTopProjects", () => {
  it("ranks by respondents, ties by name, with % of n and small counts hidden", () => {
    const series = shapeTopProjects(
      [
        { projectId: 20, respondents: 12 },
        { projectId: 10, respondents: 30 },
        { projectId: 11, respondents: 12 },
        { projectId: 30, respondents: 2 },
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
    const rows = labels.projects.map((p, i) => ({ projectId: p.id, respondents: 10 + i }));
    expect(shapeTopProjects(rows, labels, 50, 5, 2).rows.map((r) => r.slug)).toEqual(["sphinx", "libvirt"]);
  });
});

describe("shapeCategories", () => {
  it("lists every category, the ones nobody chose as hidden zeros", () => {
    const series = shapeCategories([{ categoryId: 2, respondents: 8, kinds: kinds(8) }], labels, 16, 5);
    expect(series.rows.map((row) => [row.slug, row.percent])).toEqual([
      ["virtualization", 50],
      ["databases", null],
      ["docs", null],
    ]);
  });
});

describe("shapeProjectsPerRespondent", () => {
  it("bins counts, folds the top bin, and hides a complement for a lone small bin", () => {
    const series = shapeProjectsPerRespondent(
      [
        { projectCount: 1, respondents: 10 },
        { projectCount: 2, respondents: 7 },
        { projectCount: 12, respondents: 1 },
        { projectCount: 10, respondents: 2 },
      ],
      20,
      5,
      10,
    );
    expect(series.bins).toHaveLength(11);
    expect(series.bins[10]).toMatchObject({ label: "10+", count: { suppressed: true, reason: "small" } });
    // Bins 0, 3..9 are zero (small) too, so there are many hidden cells; shown ones are the true values.
    expect(series.bins[1]).toMatchObject({ count: { value: 10 }, percent: 50 });
  });
});

describe("shapeKindsPerCategory", () => {
  it("gives each kind as respondents and % of the category's respondents, and a mix over all kinds named", () => {
    const series = shapeKindsPerCategory([{ categoryId: 1, respondents: 20, kinds: kinds(10, 5, 2, 0, 5) }], labels, 5);
    expect(series.rows).toHaveLength(1);
    const row = series.rows[0]!;
    expect(row.kinds.code).toEqual({ count: { suppressed: false, value: 10 }, percent: 50 });
    expect(row.kinds.bugs.count.suppressed).toBe(true);
    // 22 kinds named: the hidden 2 and 0 stay in the 100%, drawn hatched; they add up to 2 in either order.
    expect(row.mix).toEqual({ code: 45.5, review: 22.7, bugs: null, docs: null, maintainer: 22.7 });
  });

  it("hides one more kind when the shares would let a small one be worked out", () => {
    // 27 named; maintainer's 1 alone is below k, and 27 - 26 shown would give it away. Hiding review (5) as well
    // is not enough (what else could 6 be, with a hidden count of at least 5 beside one below 5?), so bugs goes too.
    const series = shapeKindsPerCategory([{ categoryId: 1, respondents: 20, kinds: kinds(10, 5, 5, 6, 1) }], labels, 5);
    const row = series.rows[0]!;
    expect(Object.values(row.kinds).map((m) => (m.count.suppressed ? m.count.display : m.count.value))).toEqual([
      10,
      "hidden",
      "hidden",
      6,
      "<5",
    ]);
  });
});

describe("shapeTeamCategory", () => {
  it("shows teams with at least k respondents, percentages of the team's respondents", () => {
    const series = shapeTeamCategory(
      [
        { teamId: 100, respondents: 10 },
        { teamId: 101, respondents: 20 },
        { teamId: 102, respondents: 3 },
      ],
      [
        { teamId: 100, categoryId: 1, respondents: 5 },
        { teamId: 101, categoryId: 2, respondents: 4 },
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
        { firstId: 10, secondId: 11, respondents: 9 },
        { firstId: 20, secondId: 21, respondents: 6 },
        { firstId: 10, secondId: 20, respondents: 2 },
      ],
      [
        { projectId: 10, respondents: 15 },
        { projectId: 11, respondents: 10 },
        { projectId: 20, respondents: 8 },
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
        { roundId: 1, respondents: 50 },
        { roundId: 2, respondents: 100 },
        { roundId: 3, respondents: 4 },
      ],
      [
        { roundId: 1, projectId: 10, respondents: 10 },
        { roundId: 2, projectId: 10, respondents: 30 },
        { roundId: 3, projectId: 10, respondents: 4 },
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
  it("fills days without responses and protects the days, which add up to n", () => {
    const series = shapeResponsesOverTime(
      [
        { day: "2026-03-03", responses: 20 },
        { day: "2026-03-01", responses: 10 },
      ],
      30,
      5,
    );
    expect(series.days.map((d) => d.day)).toEqual(["2026-03-01", "2026-03-02", "2026-03-03"]);
    // The empty day is small; alone it could be worked out as 30 - 10 - 20, so the smaller other day is hidden too.
    expect(series.days.map((d) => (d.count.suppressed ? d.count.display : d.count.value))).toEqual([
      "hidden",
      "<5",
      20,
    ]);
  });
});

describe("chartToCsv", () => {
  it("writes hidden cells as shown on the page and no percentage for them", () => {
    const series = shapeTopProjects(
      [
        { projectId: 10, respondents: 30 },
        { projectId: 30, respondents: 2 },
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
