// "Dependencies that need help" against a small set of responses counted by hand, on SQLite and PostgreSQL.
// The dependency list is the shipped one: 74 catalogue projects are mapped from external packages (50 with a
// package in "general", 17 in "testing", 4 in "docs", 3 "internal"), and 186 external packages are not in the
// survey yet.
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  countDependencyRespondents,
  getDependencyReport,
  listDependencyProjects,
  resolveDependencyRequest,
} from "@/lib/db/dependency-queries";
import { readCatalogueFiles } from "@/lib/db/catalogue";
import { listBundledDependencies, loadDependencyList } from "@/lib/db/dependencies-load";
import { findRoundDependencyLoad } from "@/lib/db/dependency-history";
import { getWhereToHelp } from "@/lib/db/where-to-help-queries";
import { openCounting } from "@/lib/db/read-pool";
import { insertResponsesBulk, type BulkResponse } from "@/lib/db/responses-bulk";
import { resolveSummaryFilters, type ResolvedSummaryFilters, type SummarySource } from "@/lib/db/summary-queries";
import { publishTally } from "@/lib/survey/cell-key";
import type { NeedsHelpRow } from "@/lib/survey/dependency-shape";
import { cellValue, type Cell } from "@/lib/survey/suppression";
import { hashEditToken } from "@/lib/survey/edit-token";
import { DEFAULT_QUESTIONS } from "@/lib/survey/questions";
import { type ContributionKind } from "@/lib/survey/answer-codes";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

// k = 3 keeps the fixture small; every expected count below is counted from this table by hand. Figures are
// published through the cell key method (docs/privacy.md): the tests read the record keys back and expect the
// perturbation table's figure for each set of respondents (pub), so they hold whatever keys the database drew.
const K = 3;

interface Fixture {
  teams: string[];
  projects: [string, ContributionKind[]][];
  paid: string | null;
}

const RESPONDENTS: Fixture[] = [
  /* R1 */ { teams: ["nova"], paid: "yes", projects: [["sqlalchemy", ["code", "maintainer"]], ["alembic", ["code"]], ["pbr", ["code"]]] },
  /* R2 */ { teams: ["nova"], paid: "yes", projects: [["sqlalchemy", ["code"]], ["boto3", ["maintainer"]], ["qemu", ["code"]]] },
  /* R3 */ { teams: ["neutron"], paid: "no", projects: [["sqlalchemy", ["maintainer"]], ["alembic", ["review"]]] },
  /* R4 */ { teams: ["nova"], paid: "partly", projects: [["sqlalchemy", ["docs"]], ["alembic", ["code", "maintainer"]]] },
  /* R5 */ { teams: ["neutron"], paid: "no", projects: [["sphinx", ["docs"]], ["pbr", ["review"]]] },
  /* R6 */ { teams: ["nova"], paid: "yes", projects: [["boto3", ["code"]], ["sqlalchemy", ["code"]]] },
  /* R7 */ { teams: [], paid: "no", projects: [] },
];
// Unfiltered, n = 7:
//   SQLAlchemy R1 R2 R3 R4 R6 = 5, maintainers R1 R3 = 2 (1..k-1)          -> counted, 5/7
//   Alembic    R1 R3 R4       = 3, maintainers R4 = 1 (1..k-1)             -> counted, 3/7
//   Boto3      R2 R6          = 2, published as 3 (R6's key)    -> counted
//   Sphinx     R5             = 1, published as 0               -> none (docs)
//   pbr is OpenStack's own (origin "openstack") and QEMU is no dependency: neither is listed.
//   Coverage: 3 of 260 external dependencies (74 in the survey); general 3 of 168, docs 0 of 19, testing 0 of 46.
// team=nova (R1 R2 R4 R6), n = 4: SQLAlchemy 4 (maintainers 1 -> 0), Alembic 2 -> 0, Boto3 2 -> 3, Sphinx 0;
//   coverage 2 of 260.
// employerPaid=no (R3 R5 R7), n = 3: SQLAlchemy 1, Alembic 1, Sphinx 1: all published as 0, coverage 0.
// employerPaid=partly (R4), n = 1 < k: no figures.

describeEachDatabase("dependencies that need help", (kind) => {
  let t: TestDatabase;
  let source: SummarySource;
  let round: ResolvedSummaryFilters;
  const project = new Map<string, number>();
  const team = new Map<string, number>();
  /** Record key of R1..R7 (index 1..7). */
  const keys: number[] = [];
  /** The published figure of a set of fixture respondents (R numbers). */
  const pub = (...rs: number[]) => publishTally({ count: rs.length, keySum: rs.reduce((sum, r) => sum + keys[r]!, 0) }, K);
  const tierOf = (cell: Cell) => (cell.suppressed ? "fewer-than-k" : cell.value === 0 ? "none" : "counted");
  /** The ranking rule: none, then "<k" by name, then counts ascending, ties by name. */
  const expectRanked = (rows: NeedsHelpRow[]) => {
    const order = { none: 0, "fewer-than-k": 1, counted: 2 };
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      expect(order[a.tier] <= order[b.tier]).toBe(true);
      if (a.tier === b.tier && a.tier === "counted" && !a.respondents.suppressed && !b.respondents.suppressed)
        expect(a.respondents.value <= b.respondents.value).toBe(true);
      if (a.tier === b.tier && a.tier === "fewer-than-k") expect(a.name.localeCompare(b.name, "en", { sensitivity: "base" }) <= 0).toBe(true);
    }
    for (const r of rows) expect(r.tier).toBe(tierOf(r.respondents));
  };

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    source = { db: t.db, kind, ...openCounting(t) };
    for (const p of await t.db.project.findMany()) project.set(p.slug, p.id);
    for (const tm of await t.db.team.findMany()) team.set(tm.slug, tm.id);
    const created = await t.db.round.create({
      data: {
        slug: "deps-round",
        title: "Deps round",
        status: "closed",
        opensAt: new Date("2026-05-01T00:00:00Z"),
        questions: JSON.stringify(DEFAULT_QUESTIONS),
      },
    });
    const responses: BulkResponse[] = RESPONDENTS.map((f, i) => ({
      editTokenHash: hashEditToken(`deps-${i}`),
      source: "import",
      employerPaid: f.paid,
      teamIds: f.teams.map((s) => team.get(s)!),
      selections: f.projects.map(([s, kinds]) => ({ projectId: project.get(s)!, kinds, frequency: "regularly" })),
      // Fixtures without a team or a project answer the completeness rule's way, so every one of them counts.
      notOpenStackContributor: f.teams.length === 0,
      nothingOutsideOpenStack: f.projects.length === 0,
      // Chosen record keys, so each set's figure is known (docs/privacy.md): R6's 230 puts every small set with R6
      // in the keys that publish 1..k-1 as k, and every other small set (key sum 0) is published as 0.
      recordKey: i === 5 ? 230 : 0,
    }));
    await insertResponsesBulk(t.db, created.id, responses);
    const stored = await t.db.$queryRaw<{ editTokenHash: string; recordKey: unknown }[]>`
      SELECT "editTokenHash", "recordKey" FROM "Response" WHERE "roundId" = ${created.id}`;
    RESPONDENTS.forEach((_, i) => {
      keys[i + 1] = Number(stored.find((r) => r.editTokenHash === hashEditToken(`deps-${i}`))!.recordKey);
    });
    const resolved = await resolveSummaryFilters(t.db, { round: "deps-round", view: "percent" });
    if (!resolved.ok || !resolved.filters) throw new Error("round not resolved");
    round = resolved.filters;
  });
  afterAll(async () => {
    await source?.reads.close();
    await t?.drop();
  });

  const withFilters = (f: Partial<ResolvedSummaryFilters>): ResolvedSummaryFilters => ({ ...round, ...f });
  const nova = () => ({ id: team.get("nova")!, slug: "nova", name: "Nova" });
  const row = (rows: NeedsHelpRow[] | null, slug: string) => rows?.find((r) => r.slug === slug);

  it("lists one row per mapped project, with every package that maps to it", async () => {
    const projects = await listDependencyProjects(t.db, await findRoundDependencyLoad(t.db, { status: "open", closesAt: null }));
    expect(projects.length).toBe(74);
    expect(projects.find((p) => p.slug === "boto3")).toMatchObject({
      packages: ["boto3", "botocore"],
      sections: ["general"],
    });
    expect(projects.some((p) => p.slug === "pbr")).toBe(false);
  });

  it("counts respondents and maintainers per dependency project in SQL", async () => {
    const loadId = await findRoundDependencyLoad(t.db, { status: "open", closesAt: null });
    const rows = await countDependencyRespondents(source, round, round.round.id, loadId);
    const bySlug = Object.fromEntries(
      rows.map((r) => [[...project].find(([, id]) => id === r.projectId)![0], [r.respondents, r.maintainers]]),
    );
    expect(bySlug).toEqual({ sqlalchemy: [5, 2], alembic: [3, 1], boto3: [2, 1], sphinx: [1, 0] });
  });

  it("ranks, publishes and computes coverage, unfiltered", async () => {
    const report = await getDependencyReport(source, round, null, K);
    expect(report.status).toBe("ok");
    expect(report.respondents).toEqual(pub(1, 2, 3, 4, 5, 6, 7));
    const n = (report.respondents as { value: number }).value;
    const rows = report.rows!;
    expect(rows.length).toBe(74);
    expectRanked(rows);
    // 70 projects nobody named are 0; so is Sphinx (1); Boto3 (2) is published as 3; Alembic (3) and SQLAlchemy (5) count.
    expect([tierOf(pub(2, 6)), tierOf(pub(5))]).toEqual(["counted", "none"]);
    expect(rows.filter((r) => !["boto3", "sphinx", "alembic", "sqlalchemy"].includes(r.slug)).every((r) => r.tier === "none" && r.share === 0)).toBe(true);
    expect(row(rows, "boto3")).toMatchObject({ respondents: pub(2, 6), tier: tierOf(pub(2, 6)) });
    expect(row(rows, "sphinx")).toMatchObject({ respondents: pub(5), tier: tierOf(pub(5)) });
    expect(row(rows, "alembic")).toMatchObject({ respondents: pub(1, 3, 4), maintainers: pub(4), tier: "counted" });
    expect(row(rows, "alembic")!.share).toBeCloseTo((pub(1, 3, 4) as { value: number }).value / n);
    expect(row(rows, "sqlalchemy")).toMatchObject({ respondents: pub(1, 2, 3, 4, 6), maintainers: pub(1, 3), tier: "counted" });
    expect(row(rows, "sqlalchemy")!.share).toBeCloseTo((pub(1, 2, 3, 4, 6) as { value: number }).value / n);
    const coverage = report.coverage!;
    // Against every external dependency: 74 catalogue projects and 186 packages not in the survey yet.
    expect(coverage.overall).toEqual({ dependencies: 260, inSurvey: 74, covered: 3, share: 3 / 260 });
    const section = (name: string) => coverage.bySection.find((s) => s.section === name);
    expect(section("general")).toMatchObject({ inSurvey: 50, covered: 3 });
    expect(section("docs")).toMatchObject({ inSurvey: 4, covered: 0, share: 0 });
    expect(section("testing")).toMatchObject({ inSurvey: 17, covered: 0 });
    expect(report.unmatched.length).toBe(262 - 76); // 262 external packages, 76 of them mapped
    expect(report.unmatched.some((u) => u.package === "a2wsgi")).toBe(true);
  });

  it("narrows the table by section but keeps coverage over every section", async () => {
    const report = await getDependencyReport(source, round, "docs", K);
    expect(report.rows!.length).toBe(4);
    expect(row(report.rows, "sphinx")).toMatchObject({ tier: tierOf(pub(5)) });
    expectRanked(report.rows!);
    expect(report.coverage!.overall).toMatchObject({ dependencies: 260, inSurvey: 74, covered: 3 });
    expect(report.unmatched.every((u) => u.section === "docs")).toBe(true);
  });

  it("applies the dashboard's respondent filters", async () => {
    const team = await getDependencyReport(source, withFilters({ team: nova() }), null, K);
    expect(team.respondents).toEqual(pub(1, 2, 4, 6));
    expect(row(team.rows, "sqlalchemy")).toMatchObject({ respondents: pub(1, 2, 4, 6), maintainers: pub(1) });
    expect(row(team.rows, "alembic")).toMatchObject({ respondents: pub(1, 4), tier: tierOf(pub(1, 4)) });
    expect(row(team.rows, "sphinx")).toMatchObject({ tier: "none", respondents: { value: 0 } });
    expect(team.coverage!.overall.covered).toBe(2);

    const unpaid = await getDependencyReport(source, withFilters({ employerPaid: "no" }), null, K);
    expect(unpaid.respondents).toEqual(pub(3, 5, 7));
    for (const [slug, cell] of [["alembic", pub(3)], ["sphinx", pub(5)], ["sqlalchemy", pub(3)]] as const)
      expect(row(unpaid.rows, slug)).toMatchObject({ respondents: cell, tier: tierOf(cell) });
    expect(unpaid.coverage!.overall.covered).toBe(0);
  });

  it("shows no figures for fewer than k respondents", async () => {
    const report = await getDependencyReport(source, withFilters({ employerPaid: "partly" }), null, K);
    expect(report).toMatchObject({ status: "too-few", respondents: pub(4), rows: null, coverage: null });
  });

  it("rejects bad input with a clear message", async () => {
    const bad = async (query: string) => {
      const result = await resolveDependencyRequest(t.db, new URLSearchParams(query));
      return result.ok ? null : { status: result.status, message: result.issues.map((i) => i.message).join("; ") };
    };
    expect(await bad("round=deps-round&section=nonsense")).toMatchObject({
      status: 400,
      message: expect.stringContaining('no requirement section "nonsense"'),
    });
    expect(await bad("round=nope")).toMatchObject({ status: 404 });
    expect(await bad("round=deps-round&team=nope")).toMatchObject({ status: 400 });
    expect(await bad("round=deps-round&section=docs")).toBeNull();
  });

  it("shows where to help: per team, ranked by use, no previous round to compare", async () => {
    const report = await getDependencyReport(source, round, null, K);
    const help = await getWhereToHelp(source, round, report.rows!, K);
    expect(help.previousRound).toBeNull();
    expect(help.changes).toEqual({});
    // nova: R1 R2 R4 R6 (n = 4): SQLAlchemy 4, Boto3 2 published as 3; Alembic 2 published as 0 and left out.
    // neutron: R3 R5, published as 0 and left out like a team nobody chose.
    expect(help.teams.map((t) => [t.slug, t.respondents, t.dependencies?.map((d) => [d.slug, d.respondents])])).toEqual([
      ["nova", pub(1, 2, 4, 6), [["sqlalchemy", pub(1, 2, 4, 6)], ["boto3", { suppressed: false, value: 3 }]]],
    ]);
    // Nobody contributes to most dependencies: the ranking opens with those, run-time requirements first.
    expect(help.ranking).toHaveLength(15);
    expect(help.ranking.every((r) => r.tier === "none")).toBe(true);
    expect(help.ranking[0]?.runtime).toBe(true);
    expect(help.loads).toBe(1);
  });

  it("compares a round with the previous one under the same filters", async () => {
    const later = await t.db.round.create({
      data: { slug: "deps-later", title: "Deps later", status: "closed", opensAt: new Date("2026-09-01T00:00:00Z"), questions: JSON.stringify(DEFAULT_QUESTIONS) },
    });
    // The later round: SQLAlchemy named by 3 (R1..R3 again), nothing else.
    await insertResponsesBulk(
      t.db,
      later.id,
      [0, 1, 2].map((i) => ({
        editTokenHash: hashEditToken(`deps-later-${i}`),
        source: "import",
        employerPaid: "no",
        teamIds: [team.get("nova")!],
        selections: [{ projectId: project.get("sqlalchemy")!, kinds: ["code"], frequency: "regularly" }],
      })),
    );
    const resolved = await resolveSummaryFilters(t.db, { round: "deps-later", view: "percent" });
    if (!resolved.ok || !resolved.filters) throw new Error("round not resolved");
    const report = await getDependencyReport(source, resolved.filters, null, K);
    const help = await getWhereToHelp(source, resolved.filters, report.rows!, K);
    expect(help.previousRound).toMatchObject({ slug: "deps-round", respondents: pub(1, 2, 3, 4, 5, 6, 7) });
    const now = (slug: string) => cellValue(row(report.rows, slug)!.respondents);
    const change = (before: Cell, slug: string) =>
      cellValue(before) !== null && now(slug) !== null ? now(slug)! - cellValue(before)! : null;
    expect(help.changes.sqlalchemy).toEqual({ previous: pub(1, 2, 3, 4, 6), change: change(pub(1, 2, 3, 4, 6), "sqlalchemy") });
    expect(help.changes.alembic).toEqual({ previous: pub(1, 3, 4), change: change(pub(1, 3, 4), "alembic") });
    expect(help.changes.boto3).toEqual({ previous: pub(2, 6), change: change(pub(2, 6), "boto3") });
    await t.db.round.delete({ where: { id: later.id } });
  });

  it("compares a round against the dependency list of its time", async () => {
    const bundled = await listBundledDependencies(t.db, readCatalogueFiles().dependencies);
    const withoutAlembic = bundled.filter((dep) => dep.normalized !== "alembic");
    const load = await loadDependencyList(t.db, withoutAlembic, { source: "without alembic", text: "" });
    // The round has no closing time, so it is compared against the list loaded now: alembic has left it.
    const report = await getDependencyReport(source, round, null, K);
    expect(row(report.rows, "alembic")).toBeUndefined();
    expect(report.coverage!.overall).toMatchObject({ dependencies: 259, inSurvey: 73, covered: 2 });
    // Closed before that load, the round keeps the list of its time.
    const loadedAt = (await t.db.dependencyLoad.findUniqueOrThrow({ where: { id: load.loadId! } })).at;
    await t.db.round.update({ where: { id: round.round.id }, data: { closesAt: new Date(loadedAt.getTime() - 1) } });
    const closedEarlier = await getDependencyReport(source, round, null, K);
    expect(row(closedEarlier.rows, "alembic")?.respondents).toEqual(pub(1, 3, 4));
    await t.db.round.update({ where: { id: round.round.id }, data: { closesAt: null } });
    await loadDependencyList(t.db, bundled, { source: "bundled again", text: "" });
  });
});
