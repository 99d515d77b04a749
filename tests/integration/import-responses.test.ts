// CSV imports against real databases: the report for aliases and typos, all-or-nothing, idempotent
// re-import, bad files leaving the database unchanged, and a full round trip export -> import -> export.
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fillDemoRounds } from "@/lib/db/demo";
import { prepareResponsesExport, responsesCsvStream } from "@/lib/db/responses-export";
import { importResponsesCsv, type ImportOptions } from "@/lib/db/import-into-round";
import { responsesExportQuerySchema } from "@/lib/survey/export-filters";
import { countAnswerRows } from "../helpers/answer-rows";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

describeEachDatabase("response import", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await fillDemoRounds(t.db, { count: 30, seed: 3 });
  });
  afterAll(async () => t?.drop());

  /** A closed round offering the same projects as the open one, like a past poll entered after the fact. */
  async function createClosedRound(slug: string) {
    const source = await t.db.round.findUniqueOrThrow({ where: { slug: "openstack-2026" }, include: { projects: true } });
    const round = await t.db.round.create({ data: { slug, title: slug, status: "closed", questions: source.questions } });
    await t.db.roundProject.createMany({ data: source.projects.map((p) => ({ roundId: round.id, projectId: p.projectId, position: p.position })) });
    return round;
  }
  const counts = () => countAnswerRows(t.db);
  const importText = (text: string, options: Omit<ImportOptions, "file">) => importResponsesCsv(t.db, new TextEncoder().encode(text), { file: "test.csv", ...options });
  async function exportText(query: Record<string, string>) {
    const prepared = await prepareResponsesExport(t.db, responsesExportQuerySchema.parse(query));
    if (!prepared.ok) throw new Error(prepared.message);
    return new Response(responsesCsvStream(t.db, prepared.plan, { kind })).text();
  }

  const poll = [
    "Respondent,Project,Teams",
    "m-001,SQL Alchemy,nova",
    "m-001,pypa/pip,",
    "m-001,Linux,neutron",
    "m-002,python-libvirt,None",
    "m-002,Kubernets,",
    "m-003,OpenStack-internal tool,glance",
    "m-003,qemu,",
  ].join("\n");

  it("imports a respondent, project, teams sheet into a closed round, matching aliases and keeping typos as free text", async () => {
    const round = await createClosedRound("poll-2019");
    const result = await importText(poll, { roundSlug: "poll-2019" });
    if (!result.ok) throw new Error(result.error.message);
    const { report } = result;
    expect(report).toMatchObject({ layout: "pairs", written: true, totals: { responses: 3, imported: 3, alreadyImported: 0, rejected: 0 } });
    expect(report.rows.map((row) => [row.line, row.key, row.status, row.matched.map((m) => m.slug), row.freeText])).toEqual([
      [2, "m-001", "valid", ["sqlalchemy"], []],
      [3, "m-001", "valid", ["pip"], []],
      [4, "m-001", "valid", ["linux-kernel"], []],
      [5, "m-002", "valid", ["libvirt"], []],
      [6, "m-002", "valid", [], [{ text: "Kubernets", suggestion: "kubernetes" }]],
      [7, "m-003", "valid", [], [{ text: "OpenStack-internal tool", suggestion: null }]],
      [8, "m-003", "valid", ["qemu"], []],
    ]);
    const stored = await t.db.response.findMany({
      where: { roundId: round.id },
      orderBy: { importKey: "asc" },
      include: { projects: { include: { project: true } }, teams: { include: { team: true } }, others: { orderBy: { position: "asc" } } },
    });
    expect(
      stored.map((r) => [
        r.importKey,
        r.source,
        r.isComplete,
        r.teams.map((x) => x.team.slug).sort(),
        r.notOpenStackContributor,
        r.projectCount,
        r.projects.map((p) => p.project.slug).sort(),
        r.others.map((o) => [o.rawText, o.projectId !== null]),
      ]),
    ).toEqual([
      ["m-001", "import", true, ["neutron", "nova"], false, 3, ["linux-kernel", "pip", "sqlalchemy"], [["SQL Alchemy", true], ["pypa/pip", true], ["Linux", true]]],
      ["m-002", "import", true, [], true, 1, ["libvirt"], [["python-libvirt", true], ["Kubernets", false]]],
      ["m-003", "import", true, ["glance"], false, 1, ["qemu"], [["OpenStack-internal tool", false], ["qemu", true]]],
    ]);
    expect(stored.every((r) => r.projects.every((p) => p.frequency === "unspecified" && !p.kindCode && p.roundId === round.id))).toBe(true);
  });

  it("does not duplicate responses when the same file is imported again", async () => {
    const before = await counts();
    const result = await importText(poll, { roundSlug: "poll-2019" });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.report).toMatchObject({ written: false, totals: { responses: 3, imported: 0, alreadyImported: 3, rejected: 0 } });
    expect(result.report.rows.every((row) => row.status === "already-imported")).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it("imports nothing from a file with an invalid row, unless told to skip invalid rows", async () => {
    await createClosedRound("poll-2020");
    const text = "respondent,project,teams\nx-1,pip,nova\nx-2,bad\u0007name,nova\nx-3,tox,nova\n";
    const before = await counts();
    const refused = await importText(text, { roundSlug: "poll-2020" });
    if (!refused.ok) throw new Error(refused.error.message);
    expect(refused.report).toMatchObject({ written: false, totals: { responses: 3, imported: 0, rejected: 1 } });
    expect(refused.report.rows[1]).toMatchObject({ line: 3, status: "rejected", reason: "A project name contains control characters" });
    expect(await counts()).toEqual(before);

    const dryRun = await importText(text, { roundSlug: "poll-2020", skipInvalid: true, dryRun: true });
    expect(dryRun).toMatchObject({ ok: true, report: { written: false, dryRun: true } });
    expect(await counts()).toEqual(before);

    const skipped = await importText(text, { roundSlug: "poll-2020", skipInvalid: true });
    expect(skipped).toMatchObject({ ok: true, report: { written: true, totals: { imported: 2, rejected: 1 } } });
    expect((await counts()).responses).toBe(before.responses + 2);
  });

  it("refuses an incomplete response with the line and the rule, and a sheet that cannot say where in OpenStack", async () => {
    await createClosedRound("poll-2021");
    const before = await counts();
    const refused = await importText("respondent,project,teams\ny-1,pip,\ny-2,tox,nova\n", { roundSlug: "poll-2021" });
    if (!refused.ok) throw new Error(refused.error.message);
    expect(refused.report).toMatchObject({ written: false, totals: { responses: 2, rejected: 1 } });
    expect(refused.report.rows[0]).toMatchObject({
      line: 2,
      status: "rejected",
      reason: "incomplete answer: teams: Choose at least one OpenStack team, or “None: I am not an OpenStack contributor”",
    });
    expect(await importText("respondent,project\ny-1,pip\n", { roundSlug: "poll-2021" })).toMatchObject({ ok: false, error: { line: 1, message: /needs a third column, teams/ } });
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["an unknown round", "respondent,project\na,pip\n", "no-such-round", { line: null, message: "there is no survey round “no-such-round” (create it first)" }],
    ["unbalanced quotes", 'respondent,project\na,pip\nb,"pip\n', "poll-2019", { line: 3, message: "not valid CSV: a quoted field is never closed (unbalanced quotes)" }],
    ["unknown columns", "response_id,pip,favourite_colour\na,code,blue\n", "poll-2019", { line: 1, message: /unknown column “favourite_colour”/ }],
  ])("refuses %s and leaves the database unchanged", async (_what, text, roundSlug, error) => {
    const before = await counts();
    expect(await importText(text, { roundSlug })).toMatchObject({ ok: false, error });
    expect(await counts()).toEqual(before);
  });

  it("refuses a file that is not UTF-8, naming the line", async () => {
    const before = await counts();
    const latin1 = Buffer.concat([Buffer.from("respondent,project\na,pip\nb,Caf"), Buffer.from([0xe9]), Buffer.from("\n")]);
    expect(await importResponsesCsv(t.db, latin1, { file: "latin1.csv", roundSlug: "poll-2019" })).toMatchObject({ ok: false, error: { line: 3, message: /not UTF-8/ } });
    expect(await counts()).toEqual(before);
  });

  it("recognises responses exported from the same round and leaves them alone", async () => {
    const before = await counts();
    const result = await importText(await exportText({ round: "demo-2025" }), { roundSlug: "demo-2025" });
    expect(result).toMatchObject({ ok: true, report: { layout: "wide", written: false, totals: { responses: 30, alreadyImported: 30 } } });
    expect(await counts()).toEqual(before);
  });

  it.each(["wide", "long"] as const)("keeps “nothing outside OpenStack” through the %s export and an import", async (layout) => {
    await createClosedRound(`nothing-${layout}`);
    const source = `nothing-source-${layout}`;
    await createClosedRound(source);
    const poll = "respondent,project,teams\nn-1,I contribute to nothing outside OpenStack,nova\n";
    expect(await importText(poll, { roundSlug: source })).toMatchObject({ ok: true, report: { written: true } });
    const exported = (await exportText({ round: source, layout })).replaceAll(`,${source},`, `,nothing-${layout},`);
    expect(exported.split("\r\n")[0]).toContain(",not_openstack_contributor,nothing_outside_openstack,");
    expect(await importText(exported, { roundSlug: `nothing-${layout}` })).toMatchObject({ ok: true, report: { written: true, totals: { imported: 1 } } });
    const copy = await t.db.response.findFirstOrThrow({ where: { round: { slug: `nothing-${layout}` } } });
    expect([copy.nothingOutsideOpenStack, copy.isComplete, copy.projectCount]).toEqual([true, true, 0]);
  });

  it.each(["wide", "long"] as const)("round-trips the %s layout: export, import into another round, export again", async (layout) => {
    await createClosedRound(`copy-${layout}`);
    // The demo round offers the same projects in the same order; only the round column names the source.
    const original = parse(await exportText({ round: "demo-2026", layout })) as string[][];
    const [header = [], ...rows] = original;
    const roundColumn = header.indexOf("round");
    const retargeted = stringify([header, ...rows.map((row) => row.map((cell, i) => (i === roundColumn ? `copy-${layout}` : cell)))]);
    const result = await importText(retargeted, { roundSlug: `copy-${layout}` });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.report.totals).toEqual({ responses: 30, imported: 30, alreadyImported: 0, rejected: 0, notSubmitted: 0 });

    const copy = parse(await exportText({ round: `copy-${layout}`, layout })) as string[][];
    expect(copy[0]).toEqual(header);
    // Response ids are new; the import key links each copy to its original.
    const keys = new Map((await t.db.response.findMany({ where: { round: { slug: `copy-${layout}` } }, select: { publicId: true, importKey: true } })).map((r) => [r.publicId, r.importKey ?? ""]));
    const normalise = (table: string[][], mapId: (id: string) => string) =>
      table
        .slice(1)
        .map((row) => row.map((cell, i) => (i === 0 ? mapId(cell) : i === roundColumn ? "" : cell)))
        .sort((a, b) => ((a[0] ?? "") < (b[0] ?? "") ? -1 : (a[0] ?? "") > (b[0] ?? "") ? 1 : 0));
    expect(normalise(copy, (id) => keys.get(id) ?? "?")).toEqual(normalise(original, (id) => id));
  });
});
