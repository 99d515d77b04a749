// The charts of how often, years contributing and employer-paid, against ten responses counted by hand, on SQLite
// and PostgreSQL: the counts unfiltered and for one team, the shaped and suppressed series, and their CSV rows.
import { afterAll, beforeAll, expect, it } from "vitest";
import { openCounting } from "@/lib/db/read-pool";
import { insertResponsesBulk, type BulkResponse } from "@/lib/db/responses-bulk";
import { countEmployerPaid, countProjectFrequencies, countYearsContributing } from "@/lib/db/summary-answer-counts";
import {
  getSummary,
  resolveSummaryFilters,
  type ResolvedSummaryFilters,
  type SummarySource,
} from "@/lib/db/summary-queries";
import type { RespondentFilters } from "@/lib/db/respondent-scope";
import { publishTally } from "@/lib/survey/cell-key";
import { hashEditToken } from "@/lib/survey/edit-token";
import { DEFAULT_QUESTIONS } from "@/lib/survey/questions";
import { chartToCsv } from "@/lib/survey/summary-charts";
import type { Cell } from "@/lib/survey/suppression";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

interface Fixture {
  teams: string[];
  /** Project and how often; "unspecified": named as free text, never asked how often. */
  projects: [string, string][];
  years: number | null;
  paid: string | null;
}

// Ten respondents; every expected number below is counted from this table by hand.
const RESPONSES: Fixture[] = [
  /* R1 */ {
    teams: ["nova"],
    projects: [
      ["sqlalchemy", "regularly"],
      ["qemu", "once"],
    ],
    years: 3,
    paid: "yes",
  },
  /* R2 */ { teams: ["nova"], projects: [["sqlalchemy", "regularly"]], years: 0, paid: "yes" },
  /* R3 */ {
    teams: ["neutron"],
    projects: [
      ["sqlalchemy", "occasionally"],
      ["libvirt", "regularly"],
    ],
    years: 12,
    paid: "no",
  },
  /* R4 */ { teams: ["nova"], projects: [["sqlalchemy", "once"]], years: 1, paid: "partly" },
  /* R5 */ { teams: ["neutron"], projects: [["qemu", "regularly"]], years: null, paid: null },
  /* R6 */ {
    teams: ["nova"],
    projects: [
      ["sqlalchemy", "regularly"],
      ["qemu", "occasionally"],
    ],
    years: 7,
    paid: "yes",
  },
  /* R7 */ { teams: ["neutron"], projects: [["libvirt", "unspecified"]], years: 2, paid: "no" },
  /* R8 */ { teams: ["nova"], projects: [["qemu", "regularly"]], years: 4, paid: "prefer-not" },
  /* R9 */ { teams: ["nova"], projects: [["sqlalchemy", "occasionally"]], years: 15, paid: "yes" },
  /* R10 */ {
    teams: ["neutron"],
    projects: [
      ["qemu", "regularly"],
      ["libvirt", "once"],
    ],
    years: 5,
    paid: "no",
  },
];

const shown = (cell: Cell) => (cell.suppressed ? cell.display : cell.value);

describeEachDatabase("charts of how often, years contributing and employer-paid", (kind) => {
  let t: TestDatabase;
  let source: SummarySource;
  let filters: ResolvedSummaryFilters;
  const project = new Map<string, number>();
  const team = new Map<string, number>();
  const none: RespondentFilters = { team: null, category: null, employerPaid: null };
  const nova = (): RespondentFilters => ({ ...none, team: { id: team.get("nova")!, slug: "nova", name: "Nova" } });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    source = { db: t.db, kind, ...openCounting(t) };
    for (const p of await t.db.project.findMany()) project.set(p.slug, p.id);
    for (const tm of await t.db.team.findMany()) team.set(tm.slug, tm.id);
    const round = await t.db.round.create({
      data: {
        slug: "answers",
        title: "Answers",
        status: "closed",
        opensAt: new Date("2030-01-01T00:00:00Z"),
        questions: JSON.stringify(DEFAULT_QUESTIONS),
      },
    });
    const responses: BulkResponse[] = RESPONSES.map((f, i) => ({
      editTokenHash: hashEditToken(`answers-${i}`),
      source: "import",
      createdAt: new Date(`2030-01-0${1 + (i % 3)}T10:00:00Z`),
      yearsContributing: f.years,
      employerPaid: f.paid,
      teamIds: f.teams.map((slug) => team.get(slug)!),
      selections: f.projects.map(([slug, frequency]) => ({
        projectId: project.get(slug)!,
        kinds: frequency === "unspecified" ? [] : ["code"],
        frequency,
      })),
    }));
    await insertResponsesBulk(t.db, round.id, responses);
    const resolved = await resolveSummaryFilters(t.db, { round: "answers", view: "percent" });
    if (!resolved.ok || !resolved.filters) throw new Error("no round");
    filters = resolved.filters;
  });
  afterAll(async () => {
    await source?.reads.close();
    await t?.drop();
  });

  const frequencies = async (f: RespondentFilters) => {
    const rows = await countProjectFrequencies(source, f, filters.round.id);
    const slugOf = new Map([...project].map(([slug, id]) => [id, slug]));
    return Object.fromEntries(
      rows
        .map((row) => [`${slugOf.get(row.projectId)}:${row.frequency}`, row.respondents] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  };

  it("counts respondents per project and frequency", async () => {
    expect(await frequencies(none)).toEqual({
      "libvirt:once": 1,
      "libvirt:regularly": 1,
      "libvirt:unspecified": 1,
      "qemu:occasionally": 1,
      "qemu:once": 1,
      "qemu:regularly": 3,
      "sqlalchemy:occasionally": 2,
      "sqlalchemy:once": 1,
      "sqlalchemy:regularly": 3,
    });
    // Nova: R1, R2, R4, R6, R8, R9.
    expect(await frequencies(nova())).toEqual({
      "qemu:occasionally": 1,
      "qemu:once": 1,
      "qemu:regularly": 1,
      "sqlalchemy:occasionally": 1,
      "sqlalchemy:once": 1,
      "sqlalchemy:regularly": 3,
    });
  });

  it("counts respondents per years contributing and per employer-paid answer", async () => {
    const years = async (f: RespondentFilters) =>
      Object.fromEntries(
        (await countYearsContributing(source, f, filters.round.id)).map((row) => [String(row.years), row.respondents]),
      );
    expect(await years(none)).toEqual({
      "0": 1,
      "1": 1,
      "2": 1,
      "3": 1,
      "4": 1,
      "5": 1,
      "7": 1,
      "12": 1,
      "15": 1,
      null: 1,
    });
    expect(await years(nova())).toEqual({ "0": 1, "1": 1, "3": 1, "4": 1, "7": 1, "15": 1 });
    const paid = async (f: RespondentFilters) =>
      Object.fromEntries(
        (await countEmployerPaid(source, f, filters.round.id)).map((row) => [String(row.answer), row.respondents]),
      );
    expect(await paid(none)).toEqual({ yes: 4, partly: 1, no: 3, "prefer-not": 1, null: 1 });
    expect(await paid(nova())).toEqual({ yes: 4, partly: 1, "prefer-not": 1 });
  });

  it("shapes the three charts without suppression (k = 1)", async () => {
    const charts = (await getSummary(source, filters, 1, { snapshots: false })).charts!;
    expect(
      charts.frequency.rows.map((row) => [
        row.slug,
        shown(row.respondents),
        ...charts.frequency.frequencies.map((key) => shown(row.frequencies[key].count)),
      ]),
    ).toEqual([
      // once, occasionally, regularly, not asked
      ["sqlalchemy", 6, 1, 2, 3, 0],
      ["qemu", 5, 1, 1, 3, 0],
      ["libvirt", 3, 1, 0, 1, 1],
    ]);
    expect(charts.frequency.rows[0]!.frequencies.regularly.percent).toBe(50);
    expect(charts["years-contributing"].bins.map((bin) => [bin.label, shown(bin.count), bin.percent])).toEqual([
      ["0", 1, 10],
      ["1", 1, 10],
      ["2", 1, 10],
      ["3–4", 2, 20],
      ["5–9", 2, 20],
      ["10+", 2, 20],
      ["n/a", 1, 10],
    ]);
    expect(charts["employer-paid"].rows.map((row) => [row.answer, shown(row.count), row.percent])).toEqual([
      ["yes", 4, 40],
      ["partly", 1, 10],
      ["no", 3, 30],
      ["prefer-not", 1, 10],
      ["no-answer", 1, 10],
    ]);
  });

  // Every cell published through the cell key method (docs/privacy.md): the figure the perturbation table gives for
  // the cell's count and key sum, whatever keys the database drew; the project rows as the top projects chart
  // publishes them. (Changed by the privacy track: the complementary suppression these charts had is gone.)
  it("publishes every cell through the cell key method (k = 2)", async () => {
    const k = 2;
    const charts = (await getSummary(source, filters, k, { snapshots: false })).charts!;
    const paid = await countEmployerPaid(source, filters, filters.round.id);
    const order = ["yes", "partly", "no", "prefer-not", null];
    expect(charts["employer-paid"].rows.map((row) => row.count)).toEqual(
      order.map((answer) => {
        const r = paid.find((row) => row.answer === answer);
        return publishTally(r ? { count: r.respondents, keySum: r.keySum } : { count: 0, keySum: 0 }, k);
      }),
    );
    const freq = await countProjectFrequencies(source, filters, filters.round.id);
    const slugOf = new Map([...project].map(([slug, id]) => [id, slug]));
    for (const row of charts.frequency.rows) {
      expect(row.respondents).toEqual(charts["top-projects"].rows.find((top) => top.slug === row.slug)!.count);
      for (const key of charts.frequency.frequencies) {
        const matching = freq.filter(
          (r) => slugOf.get(r.projectId) === row.slug && (key === "not-asked" ? !["once", "occasionally", "regularly"].includes(r.frequency) : r.frequency === key),
        );
        const tally = matching.reduce((sum, r) => ({ count: sum.count + r.respondents, keySum: sum.keySum + r.keySum }), { count: 0, keySum: 0 });
        expect(row.frequencies[key].count).toEqual(publishTally(tally, k));
      }
    }
    const csv = chartToCsv("employer-paid", charts["employer-paid"]);
    expect(csv.header).toEqual(["answer", "answer_label", "respondents", "percent_of_respondents"]);
    expect(csv.rows.map((r) => r[0])).toEqual(["yes", "partly", "no", "prefer-not", "no-answer"]);
  });

  it("counts one team's answers through the same path as the whole round's", async () => {
    const team = await resolveSummaryFilters(t.db, { round: "answers", team: "nova", view: "percent" });
    if (!team.ok || !team.filters) throw new Error("no team");
    const charts = (await getSummary(source, team.filters, 1, { snapshots: false })).charts!;
    expect(charts["years-contributing"].bins.map((bin) => shown(bin.count))).toEqual([1, 1, 0, 2, 1, 1, 0]);
    expect(charts["employer-paid"].rows.map((row) => shown(row.count))).toEqual([4, 1, 0, 1, 0]);
    expect(charts.frequency.rows.map((row) => row.slug)).toEqual(["sqlalchemy", "qemu"]);
  });
});
