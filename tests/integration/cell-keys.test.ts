// The cell key method on SQLite and PostgreSQL (docs/privacy.md): every response gets a random record key from the
// database, which never changes and never leaves the server; every count's key sum, from the row counts and from
// the round's totals, is the sum of the record keys of exactly the cell's respondents; and every published figure
// is the perturbation table's answer for (true count, cell key), the same in stored and fresh summaries and for the
// same respondents in different charts.
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEFAULT_ROUND_SLUG } from "@/lib/db/catalogue";
import { openCounting } from "@/lib/db/read-pool";
import { prepareResponsesExport, responsesCsvStream } from "@/lib/db/responses-export";
import { countsFromTotals } from "@/lib/db/round-totals";
import { saveResponse } from "@/lib/db/submissions";
import {
  countProjectRespondents,
  countRespondentTally,
  countsFromRows,
  getSummary,
  resolveSummaryRequest,
  type ResolvedSummaryFilters,
  type SummarySource,
} from "@/lib/db/summary-queries";
import { publishTally, type Tally } from "@/lib/survey/cell-key";
import { responsesExportQuerySchema } from "@/lib/survey/export-filters";
import { submissionBody } from "@/lib/survey/synthetic-answers";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

const K = 5;

describeEachDatabase("the cell key method", (kind) => {
  let t: TestDatabase;
  let source: SummarySource;
  let roundId: number;

  async function filtersFor(query: string): Promise<ResolvedSummaryFilters> {
    const resolved = await resolveSummaryRequest(t.db, new URLSearchParams(query));
    if (!resolved.ok || !resolved.filters) throw new Error(`no filters for ${query}`);
    return resolved.filters;
  }

  /** Per response: its record key, teams, projects and employer-paid answer, read back by SQL. */
  async function respondents() {
    const keys = await t.db.$queryRaw<{ id: string; recordKey: unknown; employerPaid: string | null }[]>`
      SELECT "id", "recordKey", "employerPaid" FROM "Response" WHERE "roundId" = ${roundId} AND "isComplete" = TRUE`;
    const projects = await t.db.responseProject.findMany({ where: { roundId }, select: { responseId: true, projectId: true } });
    const teams = await t.db.responseTeam.findMany({ where: { roundId }, select: { responseId: true, teamId: true } });
    return keys.map((r) => ({
      id: r.id,
      key: Number(r.recordKey),
      employerPaid: r.employerPaid,
      projects: projects.filter((p) => p.responseId === r.id).map((p) => p.projectId),
      teams: teams.filter((p) => p.responseId === r.id).map((p) => p.teamId),
    }));
  }
  const tallyOf = (set: { key: number }[]): Tally => ({ count: set.length, keySum: set.reduce((sum, r) => sum + r.key, 0) });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    // The open round publishes while open here: these tests are about its figures (docs/privacy.md: open rounds).
    await t.db.round.updateMany({ where: { status: "open" }, data: { publishWhileOpen: true } });
    source = { db: t.db, kind, ...openCounting(t) };
    roundId = (await t.db.round.findUniqueOrThrow({ where: { slug: DEFAULT_ROUND_SLUG } })).id;
    for (let n = 0; n < 60; n++) {
      const result = await saveResponse(t.db, submissionBody(n, DEFAULT_ROUND_SLUG));
      if (!result.ok) throw new Error(result.message);
    }
  });
  afterAll(async () => {
    await source?.reads.close();
    await t?.drop();
  });

  it("gives every response a random record key in 0..255 from the database", async () => {
    const keys = (await respondents()).map((r) => r.key);
    expect(keys).toHaveLength(60);
    for (const key of keys) expect(Number.isInteger(key) && key >= 0 && key <= 255).toBe(true);
    // 60 draws from 256 values: all equal would be a default that is not random.
    expect(new Set(keys).size).toBeGreaterThan(20);
  });

  it("never changes a record key, whoever tries", async () => {
    const [first] = await respondents();
    await expect(
      t.db.$executeRaw`UPDATE "Response" SET "recordKey" = ${(first!.key + 1) % 256} WHERE "id" = ${first!.id}`,
    ).rejects.toThrow(/record key never changes/);
    // Other updates of the row still work and keep the key.
    await t.db.$executeRaw`UPDATE "Response" SET "comment" = 'still here' WHERE "id" = ${first!.id}`;
    expect((await respondents()).find((r) => r.id === first!.id)!.key).toBe(first!.key);
  });

  it("never returns a record key from a Prisma query, an export or a summary", async () => {
    const response = await t.db.response.findFirstOrThrow({ where: { roundId } });
    expect(Object.keys(response)).not.toContain("recordKey");
    const withRelations = await t.db.response.findFirstOrThrow({ where: { roundId }, include: { projects: true, teams: true } });
    expect(Object.keys(withRelations)).not.toContain("recordKey");
    for (const layout of ["wide", "long"]) {
      const prepared = await prepareResponsesExport(t.db, responsesExportQuerySchema.parse({ round: DEFAULT_ROUND_SLUG, layout }));
      if (!prepared.ok) throw new Error(prepared.message);
      const text = await new Response(responsesCsvStream(t.db, prepared.plan, { kind })).text();
      expect(text.split("\r\n")[0]!.toLowerCase()).not.toMatch(/record_?key|key_?sum/);
    }
    const summary = JSON.stringify(await getSummary(source, await filtersFor(`round=${DEFAULT_ROUND_SLUG}`), K, { snapshots: false }));
    expect(summary).not.toMatch(/recordKey|keySum/);
  });

  it("sums exactly the record keys of each cell's respondents, counting rows or reading the totals", async () => {
    const everyone = await respondents();
    const team = everyone.find((r) => r.teams.length > 0)!.teams[0]!;
    const scopes = [
      { filters: { team: null, category: null, employerPaid: null }, set: everyone, totals: countsFromTotals(source.reads, { roundId, teamId: null }) },
      {
        filters: { team: { id: team, slug: "", name: "" }, category: null, employerPaid: null },
        set: everyone.filter((r) => r.teams.includes(team)),
        totals: countsFromTotals(source.reads, { roundId, teamId: team }),
      },
      { filters: { team: null, category: null, employerPaid: "yes" as const }, set: everyone.filter((r) => r.employerPaid === "yes"), totals: null },
    ];
    for (const { filters, set, totals } of scopes) {
      const expected = new Map<number, Tally>();
      for (const projectId of new Set(set.flatMap((r) => r.projects)))
        expected.set(projectId, tallyOf(set.filter((r) => r.projects.includes(projectId))));
      const fromRows = await countProjectRespondents(source, filters, roundId);
      expect(new Map(fromRows.map((row) => [row.projectId, { count: row.respondents, keySum: row.keySum }]))).toEqual(expected);
      expect(await countRespondentTally(source, filters, roundId)).toEqual(tallyOf(set));
      expect(await countsFromRows(source, filters, roundId).respondents()).toEqual(tallyOf(set));
      if (totals) {
        const fromTotals = await totals.projects();
        expect(new Map(fromTotals.map((row) => [row.projectId, { count: row.respondents, keySum: row.keySum }]))).toEqual(expected);
        expect(await totals.respondents()).toEqual(tallyOf(set));
      }
    }
  });

  it("publishes every figure through the table, the same stored or fresh, and the same for the same respondents", async () => {
    const everyone = await respondents();
    for (const query of [`round=${DEFAULT_ROUND_SLUG}`, `round=${DEFAULT_ROUND_SLUG}&employerPaid=no`, `round=${DEFAULT_ROUND_SLUG}&employerPaid=unanswered`]) {
      const filters = await filtersFor(query);
      const fresh = await getSummary(source, filters, K, { snapshots: false });
      expect(await getSummary(source, filters, K)).toEqual(fresh);
      expect(await getSummary(source, filters, K)).toEqual(fresh);
      const set = filters.employerPaid === null
        ? everyone
        : everyone.filter((r) => (r.employerPaid ?? "unanswered") === filters.employerPaid);
      expect(fresh.respondents).toEqual(publishTally(tallyOf(set), K));
      if (fresh.status !== "ok") continue;
      const charts = fresh.charts!;
      const projectSlugs = new Map((await t.db.project.findMany({ select: { id: true, slug: true } })).map((p) => [p.slug, p.id]));
      for (const row of charts["top-projects"].rows) {
        const projectId = projectSlugs.get(row.slug)!;
        expect(row.count).toEqual(publishTally(tallyOf(set.filter((r) => r.projects.includes(projectId))), K));
        // No published value is 1..k-1.
        if (!row.count.suppressed) expect(row.count.value === 0 || row.count.value >= K).toBe(true);
      }
      // The same respondents in another chart: a project's count on the matrix's diagonal and in this round's column
      // of the comparison.
      charts["co-contribution"].matrix.projects.forEach((project, i) => {
        const top = charts["top-projects"].rows.find((row) => row.slug === project.slug);
        if (top) expect(charts["co-contribution"].matrix.cells[i]![i]!.count).toEqual(top.count);
      });
      const thisRound = charts["round-comparison"].rounds.findIndex((round) => round.slug === DEFAULT_ROUND_SLUG);
      expect(charts["round-comparison"].rounds[thisRound]!.respondents).toEqual(fresh.respondents);
      for (const project of charts["round-comparison"].projects) {
        const top = charts["top-projects"].rows.find((row) => row.slug === project.slug);
        if (top) expect(project.byRound[thisRound]!.count).toEqual(top.count);
      }
    }
  });
});
