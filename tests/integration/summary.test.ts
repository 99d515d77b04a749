// The dashboard's aggregates against a small set of responses counted by hand, on SQLite and PostgreSQL.
import { afterAll, beforeAll, expect, it } from "vitest";
import { openCounting } from "@/lib/db/read-pool";
import { insertResponsesBulk, type BulkResponse } from "@/lib/db/responses-bulk";
import {
  countCategoryKinds,
  countProjectPairs,
  countProjectRespondents,
  countProjectsPerRespondent,
  countRespondents,
  countResponsesPerDay,
  countRoundProjectRespondents,
  countRoundRespondents,
  countTeamCategoryRespondents,
  countTeamRespondents,
  findComparisonRounds,
  getSummary,
  resolveSummaryFilters,
  resolveSummaryRequest,
  type ResolvedSummaryFilters,
  type SummarySource,
} from "@/lib/db/summary-queries";
import type { RespondentFilters } from "@/lib/db/respondent-scope";
import { hashEditToken } from "@/lib/survey/edit-token";
import type { ContributionKind } from "@/lib/survey/answer-codes";
import { DEFAULT_QUESTIONS } from "@/lib/survey/questions";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

interface Fixture {
  teams: string[];
  projects: [string, ContributionKind[]][];
  paid: string | null;
  at: string;
}

// Eight respondents; every expected number below is counted from this table by hand.
const CURRENT: Fixture[] = [
  /* R1 */ {
    teams: ["nova"],
    projects: [
      ["sqlalchemy", ["code", "review"]],
      ["alembic", ["code"]],
    ],
    paid: "yes",
    at: "2026-05-01T10:00:00Z",
  },
  /* R2 */ {
    teams: ["nova", "neutron"],
    projects: [
      ["sqlalchemy", ["code"]],
      ["qemu", ["bugs"]],
    ],
    paid: "yes",
    at: "2026-05-01T23:30:00Z",
  },
  /* R3 */ {
    teams: ["neutron"],
    projects: [
      ["qemu", ["code"]],
      ["libvirt", ["code", "maintainer"]],
    ],
    paid: "no",
    at: "2026-05-02T00:10:00Z",
  },
  /* R4 */ { teams: ["nova"], projects: [["sqlalchemy", ["docs"]]], paid: "partly", at: "2026-05-02T12:00:00Z" },
  /* R5 */ { teams: [], projects: [["sphinx", ["docs"]]], paid: null, at: "2026-05-04T08:00:00Z" },
  /* R6 */ {
    teams: ["nova"],
    projects: [
      ["sqlalchemy", ["code"]],
      ["alembic", ["review"]],
      ["qemu", ["code"]],
    ],
    paid: "yes",
    at: "2026-05-04T09:00:00Z",
  },
  /* R7 */ { teams: ["neutron"], projects: [], paid: "no", at: "2026-05-04T10:00:00Z" },
  /* R8 */ { teams: ["nova"], projects: [["libvirt", ["bugs"]]], paid: "prefer-not", at: "2026-05-04T11:00:00Z" },
];

const PREVIOUS: Fixture[] = [
  { teams: ["nova"], projects: [["sqlalchemy", ["code"]]], paid: "yes", at: "2025-05-01T10:00:00Z" },
  {
    teams: ["nova"],
    projects: [
      ["sqlalchemy", ["code"]],
      ["qemu", ["code"]],
    ],
    paid: "no",
    at: "2025-05-02T10:00:00Z",
  },
  { teams: ["neutron"], projects: [["libvirt", ["code"]]], paid: "no", at: "2025-05-03T10:00:00Z" },
];

describeEachDatabase("summary aggregates", (kind) => {
  let t: TestDatabase;
  let source: SummarySource;
  let current: ResolvedSummaryFilters;
  const project = new Map<string, number>();
  const team = new Map<string, number>();
  const category = new Map<string, number>();
  const none: RespondentFilters = { team: null, category: null, employerPaid: null };

  async function createRound(slug: string, opensAt: string, fixtures: Fixture[]) {
    const round = await t.db.round.create({
      data: {
        slug,
        title: slug,
        status: "closed",
        opensAt: new Date(opensAt),
        questions: JSON.stringify(DEFAULT_QUESTIONS),
      },
    });
    const responses: BulkResponse[] = fixtures.map((f, i) => ({
      editTokenHash: hashEditToken(`${slug}-${i}`),
      source: "import",
      createdAt: new Date(f.at),
      employerPaid: f.paid,
      teamIds: f.teams.map((s) => team.get(s)!),
      selections: f.projects.map(([s, kinds]) => ({ projectId: project.get(s)!, kinds, frequency: "regularly" })),
      // Fixtures without a team or a project answer the completeness rule's way, so every one of them counts.
      notOpenStackContributor: f.teams.length === 0,
      nothingOutsideOpenStack: f.projects.length === 0,
    }));
    await insertResponsesBulk(t.db, round.id, responses);
    return round;
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    source = { db: t.db, kind, ...openCounting(t) };
    for (const p of await t.db.project.findMany({ include: { category: true } })) {
      project.set(p.slug, p.id);
      category.set(p.slug, p.categoryId);
    }
    for (const tm of await t.db.team.findMany()) team.set(tm.slug, tm.id);
    await createRound("summary-previous", "2025-05-01T00:00:00Z", PREVIOUS);
    await createRound("summary-current", "2026-05-01T00:00:00Z", CURRENT);
    const resolved = await resolveSummaryFilters(t.db, { view: "percent" });
    if (!resolved.ok || !resolved.filters) throw new Error("no default round");
    current = resolved.filters;
  });
  afterAll(async () => {
    await source?.reads.close();
    await t?.drop();
  });

  const bySlug = (rows: { projectId: number; respondents: number }[]) =>
    Object.fromEntries(
      [...project].flatMap(([slug, id]) => rows.filter((r) => r.projectId === id).map((r) => [slug, r.respondents])),
    );
  const cat = (slug: string) => category.get(slug)!;
  const filtered = (f: Partial<RespondentFilters>): RespondentFilters => ({ ...none, ...f });
  const teamFilter = (slug: string) => ({ id: team.get(slug)!, slug, name: slug });
  const categoryFilter = (projectSlug: string) => ({ id: cat(projectSlug), slug: "x", name: "x", position: 0 });

  it("defaults to the most recent round that has responses (not the empty open round)", () => {
    expect(current.round.slug).toBe("summary-current");
  });

  it("counts respondents under each filter", async () => {
    const id = current.round.id;
    expect(await countRespondents(source, none, id)).toBe(8);
    expect(await countRespondents(source, filtered({ team: teamFilter("nova") }), id)).toBe(5);
    expect(await countRespondents(source, filtered({ category: categoryFilter("qemu") }), id)).toBe(4);
    expect(await countRespondents(source, filtered({ employerPaid: "yes" }), id)).toBe(3);
    expect(await countRespondents(source, filtered({ team: teamFilter("nova"), employerPaid: "yes" }), id)).toBe(3);
    expect(await countRespondents(source, filtered({ team: teamFilter("neutron"), employerPaid: "partly" }), id)).toBe(
      0,
    );
  });

  it("counts respondents per project, unfiltered and filtered", async () => {
    const id = current.round.id;
    expect(bySlug(await countProjectRespondents(source, none, id))).toEqual({
      sqlalchemy: 4,
      alembic: 2,
      qemu: 3,
      libvirt: 2,
      sphinx: 1,
    });
    expect(bySlug(await countProjectRespondents(source, filtered({ team: teamFilter("nova") }), id))).toEqual({
      sqlalchemy: 4,
      alembic: 2,
      qemu: 2,
      libvirt: 1,
    });
    // Category filter: respondents with a virtualization project, with all their projects.
    expect(bySlug(await countProjectRespondents(source, filtered({ category: categoryFilter("qemu") }), id))).toEqual({
      sqlalchemy: 2,
      alembic: 1,
      qemu: 3,
      libvirt: 2,
    });
  });

  it("counts respondents per category and per kind within a category", async () => {
    const rows = await countCategoryKinds(source, none, current.round.id);
    // Counts only: the key sums are checked against the record keys in tests/integration/cell-keys.test.ts.
    const of = (slug: string) => {
      const row = rows.find((r) => r.categoryId === cat(slug));
      return row && {
        categoryId: row.categoryId,
        respondents: row.respondents,
        kinds: Object.fromEntries(Object.entries(row.kinds).map(([kind, tally]) => [kind, tally.count])),
      };
    };
    expect(of("sqlalchemy")).toEqual({
      categoryId: cat("sqlalchemy"),
      respondents: 4,
      kinds: { code: 3, review: 2, bugs: 0, docs: 1, maintainer: 0 },
    });
    expect(of("qemu")).toEqual({
      categoryId: cat("qemu"),
      respondents: 4,
      kinds: { code: 2, review: 0, bugs: 2, docs: 0, maintainer: 1 },
    });
    expect(of("sphinx")).toEqual({
      categoryId: cat("sphinx"),
      respondents: 1,
      kinds: { code: 0, review: 0, bugs: 0, docs: 1, maintainer: 0 },
    });
    expect(rows).toHaveLength(3);
  });

  it("counts respondents by number of projects", async () => {
    const rows = await countProjectsPerRespondent(source, none, current.round.id);
    expect(Object.fromEntries(rows.map((r) => [r.projectCount, r.respondents]))).toEqual({ 0: 1, 1: 3, 2: 3, 3: 1 });
    const paid = await countProjectsPerRespondent(source, filtered({ employerPaid: "yes" }), current.round.id);
    expect(Object.fromEntries(paid.map((r) => [r.projectCount, r.respondents]))).toEqual({ 2: 2, 3: 1 });
  });

  it("counts respondents per team and per team × category", async () => {
    const teams = await countTeamRespondents(source, none, current.round.id);
    expect(Object.fromEntries(teams.map((r) => [r.teamId, r.respondents]))).toEqual({
      [team.get("nova")!]: 5,
      [team.get("neutron")!]: 3,
    });
    const cells = await countTeamCategoryRespondents(source, none, current.round.id);
    const cell = (teamSlug: string, projectSlug: string) =>
      cells.find((c) => c.teamId === team.get(teamSlug) && c.categoryId === cat(projectSlug))?.respondents ?? 0;
    expect(cell("nova", "sqlalchemy")).toBe(4);
    expect(cell("nova", "qemu")).toBe(3);
    expect(cell("neutron", "sqlalchemy")).toBe(1);
    expect(cell("neutron", "qemu")).toBe(2);
    expect(cell("nova", "sphinx")).toBe(0);
    expect(cells).toHaveLength(4);
  });

  it("counts pairs of projects chosen together (self-join)", async () => {
    const pairs = await countProjectPairs(source, none, current.round.id);
    const key = (a: string, b: string) => [project.get(a)!, project.get(b)!].sort((x, y) => x - y).join(":");
    expect(Object.fromEntries(pairs.map((p) => [`${p.firstId}:${p.secondId}`, p.respondents]))).toEqual({
      [key("sqlalchemy", "alembic")]: 2,
      [key("sqlalchemy", "qemu")]: 2,
      [key("alembic", "qemu")]: 1,
      [key("qemu", "libvirt")]: 1,
    });
  });

  it("counts responses per UTC day", async () => {
    const days = await countResponsesPerDay(source, none, current.round.id);
    expect(Object.fromEntries(days.map((d) => [d.day, d.respondents]))).toEqual({
      "2026-05-01": 2,
      "2026-05-02": 2,
      "2026-05-04": 4,
    });
    const nova = await countResponsesPerDay(source, filtered({ team: teamFilter("nova") }), current.round.id);
    expect(Object.fromEntries(nova.map((d) => [d.day, d.respondents]))).toEqual({
      "2026-05-01": 2,
      "2026-05-02": 1,
      "2026-05-04": 2,
    });
  });

  it("compares rounds of the same kind for the same project ids", async () => {
    const rounds = await findComparisonRounds(t.db, current.round);
    expect(rounds.map((r) => r.slug)).toEqual(["summary-previous", "summary-current"]);
    const ids = rounds.map((r) => r.id);
    const n = await countRoundRespondents(source, filtered({ team: teamFilter("nova") }), ids);
    expect(Object.fromEntries(n.map((r) => [r.roundId, r.respondents]))).toEqual({ [ids[0]!]: 2, [ids[1]!]: 5 });
    const rows = await countRoundProjectRespondents(source, filtered({ team: teamFilter("nova") }), ids, [
      project.get("sqlalchemy")!,
      project.get("qemu")!,
    ]);
    const at = (roundId: number, slug: string) =>
      rows.find((r) => r.roundId === roundId && r.projectId === project.get(slug))?.respondents;
    expect([at(ids[0]!, "sqlalchemy"), at(ids[0]!, "qemu"), at(ids[1]!, "sqlalchemy"), at(ids[1]!, "qemu")]).toEqual([
      2, 1, 4, 2,
    ]);
  });

  // k = 1 switches the cell key method off, so the shaping can be checked against the true counts; the
  // perturbation itself is lib/survey/cell-key.test.ts and tests/integration/cell-keys.test.ts.
  it("shapes the whole summary (k = 1: figures as counted)", async () => {
    const summary = await getSummary(source, current, 1);
    expect(summary.status).toBe("ok");
    expect(summary.respondents).toEqual({ suppressed: false, value: 8 });
    const charts = summary.charts!;
    expect(
      charts["top-projects"].rows.map((r) => [r.slug, r.count.suppressed ? r.count.display : r.count.value, r.percent]),
    ).toEqual([
      ["sqlalchemy", 4, 50],
      ["qemu", 3, 37.5],
      ["alembic", 2, 25],
      ["libvirt", 2, 25],
      ["sphinx", 1, 12.5],
    ]);
    expect(
      charts["projects-per-respondent"].bins
        .slice(0, 4)
        .map((b) => (b.count.suppressed ? b.count.display : b.count.value)),
    ).toEqual([1, 3, 3, 1]);
    expect(
      charts["co-contribution"].pairs
        .filter((p) => !p.count.suppressed && p.count.value >= 2)
        .map((p) => [p.first.slug, p.second.slug].sort().join("+"))
        .sort(),
    ).toEqual(["alembic+sqlalchemy", "qemu+sqlalchemy"]);
    expect(charts["round-comparison"].comparableRounds).toBe(2);
    expect(charts["team-category"].rows.map((r) => r.slug)).toEqual(["nova", "neutron"]);
  });

  it("shows no figures when fewer than k respondents match and their n is published as 0", async () => {
    const summary = await getSummary(source, { ...current, employerPaid: "yes" }, 5);
    // Three respondents: published as 0 for 7 cell keys in 8, as 5 for the rest, never as 3 (docs/privacy.md).
    expect([0, 5]).toContain(summary.respondents.suppressed ? null : summary.respondents.value);
    if (!summary.respondents.suppressed && summary.respondents.value === 5) expect(summary.status).toBe("ok");
    else expect(summary).toMatchObject({ status: "too-few", charts: null });
  });

  it("rejects unknown slugs instead of ignoring them", async () => {
    expect(await resolveSummaryRequest(t.db, new URLSearchParams("team=no-such-team"))).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(await resolveSummaryRequest(t.db, new URLSearchParams("category=no-such"))).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(await resolveSummaryRequest(t.db, new URLSearchParams("round=no-such-round"))).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(await resolveSummaryRequest(t.db, new URLSearchParams("colour=red"))).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(await resolveSummaryRequest(t.db, new URLSearchParams("round=summary-previous&team=nova"))).toMatchObject({
      ok: true,
      filters: { round: { slug: "summary-previous" }, team: { slug: "nova" } },
    });
  });
});
