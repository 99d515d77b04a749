// Raw response exports against real databases: every cell of both layouts compared with the stored rows
// (parsed by csv-parse, independently of the code that wrote them), hostile free text, filters, streaming.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fillDemoRounds } from "@/lib/db/demo";
import { saveResponse } from "@/lib/db/submissions";
import { buildCodebookCsv, prepareResponsesExport, responsesCsvStream, type ExportStreamOptions } from "@/lib/db/responses-export";
import { newEditToken } from "@/lib/survey/edit-token";
import { responsesExportQuerySchema } from "@/lib/survey/export-filters";
import { responseInputSchema } from "@/lib/survey/response-schema";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

// What a spreadsheet-safe cell must look like, written here again so the test does not trust the exporter.
const guarded = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
const KIND_FIELDS = [
  ["kindCode", "code"],
  ["kindReview", "review"],
  ["kindBugs", "bugs"],
  ["kindDocs", "docs"],
  ["kindMaintainer", "maintainer"],
] as const;

describeEachDatabase("response export", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await fillDemoRounds(t.db, { count: 40, seed: 7 });
  });
  afterAll(async () => t?.drop());

  async function exportText(query: Record<string, string>, options: Omit<ExportStreamOptions, "kind"> = {}) {
    const prepared = await prepareResponsesExport(t.db, responsesExportQuerySchema.parse(query));
    if (!prepared.ok) throw new Error(prepared.message);
    return new Response(responsesCsvStream(t.db, prepared.plan, { kind, ...options })).text();
  }

  async function storedRound(slug: string) {
    const round = await t.db.round.findUniqueOrThrow({
      where: { slug },
      include: { projects: { orderBy: { position: "asc" }, include: { project: { include: { category: true } } } } },
    });
    const responses = await t.db.response.findMany({
      where: { roundId: round.id },
      include: {
        teams: { include: { team: true } },
        projects: { include: { project: { include: { category: true } } } },
        others: { orderBy: { position: "asc" } },
      },
    });
    return { round, responses };
  }

  const responseCells = (slug: string, r: Awaited<ReturnType<typeof storedRound>>["responses"][number]) => [
    r.publicId,
    slug,
    r.createdAt.toISOString(),
    [...r.teams].sort((a, b) => a.team.position - b.team.position).map((x) => x.team.slug).join("|"),
    String(r.notOpenStackContributor),
    String(r.nothingOutsideOpenStack),
    r.yearsContributing === null ? "" : String(r.yearsContributing),
    r.employerPaid ?? "",
  ];
  const kindsOf = (s: Record<(typeof KIND_FIELDS)[number][0], boolean>) => KIND_FIELDS.filter(([field]) => s[field]).map(([, code]) => code).join("|");
  const byResponseId = (rows: string[][]) => [...rows].sort((a, b) => ((a[0] ?? "") < (b[0] ?? "") ? -1 : (a[0] ?? "") > (b[0] ?? "") ? 1 : 0));

  it("exports every cell of the wide layout exactly as stored, with the catalogue's header", async () => {
    const { round, responses } = await storedRound("demo-2025");
    const [header, ...rows] = parse(await exportText({ round: "demo-2025", layout: "wide" })) as string[][];
    const projectColumns = round.projects.flatMap((rp) => [rp.project.slug, `${rp.project.slug}__frequency`]);
    const expectedHeader = [
      ...["response_id", "round", "submitted_at", "teams", "not_openstack_contributor", "nothing_outside_openstack", "years_contributing", "employer_paid"],
      ...projectColumns,
      ...Array.from({ length: 20 }, (_, i) => `other_${i + 1}`),
      "comment",
    ];
    expect(header).toEqual(expectedHeader);
    const expected = responses.map((r) => {
      const projectCells = round.projects.flatMap((rp) => {
        const selection = r.projects.find((s) => s.projectId === rp.projectId);
        return selection ? [kindsOf(selection), selection.frequency] : ["", ""];
      });
      const others = Array.from({ length: 20 }, (_, i) => guarded(r.others[i]?.rawText ?? ""));
      return [...responseCells("demo-2025", r), ...projectCells, ...others, guarded(r.comment ?? "")];
    });
    expect(rows).toHaveLength(40);
    expect(byResponseId(rows)).toEqual(byResponseId(expected));
    // Rows come in public-id order, which is random: neither the internal, time-ordered ids nor the order of
    // submission can be read from the file.
    const exported = rows.map((row) => row[0]!);
    expect(exported).toEqual([...exported].sort());
    const internal = new Set(responses.map((r) => r.id));
    expect(exported.some((id) => internal.has(id))).toBe(false);
    const bySubmission = [...responses].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((r) => r.publicId);
    expect(exported).not.toEqual(bySubmission);
  });

  it("exports every cell of the long layout exactly as stored", async () => {
    const { round, responses } = await storedRound("demo-2026");
    const [header, ...rows] = parse(await exportText({ round: "demo-2026", layout: "long" })) as string[][];
    expect(header).toEqual([
      ...["response_id", "round", "submitted_at", "teams", "not_openstack_contributor", "nothing_outside_openstack", "years_contributing", "employer_paid"],
      ...["row_type", "project_slug", "project_name", "category", "kinds", "frequency", "other_position", "other_text", "other_matched_slug"],
    ]);
    const position = new Map(round.projects.map((rp) => [rp.projectId, rp.position]));
    const slugOf = new Map(round.projects.map((rp) => [rp.projectId, rp.project.slug]));
    const expected = responses.flatMap((r) => {
      const lead = responseCells("demo-2026", r);
      const projectRows = [...r.projects]
        .sort((a, b) => (position.get(a.projectId) ?? 0) - (position.get(b.projectId) ?? 0))
        .map((s) => [...lead, "project", s.project.slug, s.project.name, s.project.category.name, kindsOf(s), s.frequency, "", "", ""]);
      const otherRows = r.others.map((o, i) => [...lead, "other", "", "", "", "", "", String(i + 1), guarded(o.rawText), o.projectId ? (slugOf.get(o.projectId) ?? "") : ""]);
      const all = [...projectRows, ...otherRows];
      return all.length > 0 ? all : [[...lead, "none", "", "", "", "", "", "", "", ""]];
    });
    expect(rows.length).toBeGreaterThan(40);
    expect(byResponseId(rows)).toEqual(byResponseId(expected));
  });

  it("keeps hostile free text exact and neutralised", async () => {
    const hostile = [
      '=HYPERLINK("http://x","y")',
      "@SUM(A1)",
      '"quoted, with comma"',
      "line one\nline two",
      "emoji 🐍🚀 done",
      "مشروع مفتوح المصدر",
      "-2+3",
      "+cmd|' /C calc'!A0",
    ];
    const input = responseInputSchema.parse({
      round: "openstack-2026",
      token: newEditToken(),
      teams: ["nova"],
      notOpenStackContributor: false,
      projects: [{ slug: "sqlalchemy", kinds: ["code"], frequency: "regularly" }],
      others: hostile,
      yearsContributing: 2,
      employerPaid: "no",
      comment: "=1+1\r\nsecond line, with comma",
    });
    const saved = await saveResponse(t.db, input);
    if (!saved.ok) throw new Error(saved.message);
    const wideText = await exportText({ round: "openstack-2026", layout: "wide" });
    const wide = parse(wideText, { columns: true }) as Record<string, string>[];
    const row = wide.find((r) => r.response_id === saved.responseId);
    expect(hostile.map((_, i) => row?.[`other_${i + 1}`])).toEqual([
      '\'=HYPERLINK("http://x","y")',
      "'@SUM(A1)",
      '"quoted, with comma"',
      "line one\nline two",
      "emoji 🐍🚀 done",
      "مشروع مفتوح المصدر",
      "'-2+3",
      "'+cmd|' /C calc'!A0",
    ]);
    expect(row?.comment).toBe("'=1+1\r\nsecond line, with comma");
    // The raw bytes: quoted per RFC 4180, quotes doubled, no cell starting with a bare "=".
    expect(wideText).toContain('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(wideText).toContain('"""quoted, with comma"""');
    expect(wideText).not.toMatch(/(^|,)=/m);
    const long = parse(await exportText({ round: "openstack-2026", layout: "long" }), { columns: true }) as Record<string, string>[];
    const texts = long.filter((r) => r.response_id === saved.responseId && r.row_type === "other").map((r) => r.other_text);
    expect(texts).toEqual(hostile.map((text) => (/^[=+\-@]/.test(text) ? `'${text}` : text)));
  });

  it("applies the filters and names them in the file", async () => {
    const { responses } = await storedRound("demo-2025");
    const ids = (text: string) => new Set((parse(text, { columns: true }) as { response_id: string }[]).map((r) => r.response_id));
    const withNova = responses.filter((r) => r.teams.some((x) => x.team.slug === "nova")).map((r) => r.publicId);
    expect(ids(await exportText({ round: "demo-2025", team: "nova" }))).toEqual(new Set(withNova));
    const unanswered = responses.filter((r) => r.employerPaid === null).map((r) => r.publicId);
    expect(ids(await exportText({ round: "demo-2025", employerPaid: "unanswered", layout: "long" }))).toEqual(new Set(unanswered));
    const databases = responses.filter((r) => r.projects.some((s) => s.project.category.slug === "databases-and-db-libraries")).map((r) => r.publicId);
    expect(databases.length).toBeGreaterThan(0);
    expect(ids(await exportText({ round: "demo-2025", category: "databases-and-db-libraries" }))).toEqual(new Set(databases));
  });

  it("refuses unknown rounds, teams and categories with a message", async () => {
    for (const [query, message] of [
      [{ round: "nope" }, "There is no survey round “nope”."],
      [{ round: "demo-2025", team: "nope" }, "There is no OpenStack team “nope”."],
      [{ round: "demo-2025", category: "nope" }, "There is no project category “nope”."],
    ] as const) {
      expect(await prepareResponsesExport(t.db, responsesExportQuerySchema.parse(query))).toEqual({ ok: false, message });
    }
  });

  it("defaults to the open round and adds the BOM only when asked", async () => {
    const prepared = await prepareResponsesExport(t.db, responsesExportQuerySchema.parse({ bom: "1" }));
    if (!prepared.ok) throw new Error(prepared.message);
    // Read bytes: Response.text() would silently drop the BOM it is checking for.
    const bytes = new Uint8Array(await new Response(responsesCsvStream(t.db, prepared.plan, { kind })).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = Buffer.from(bytes).toString("utf8");
    expect(text.startsWith("\uFEFFresponse_id,round,")).toBe(true);
    const rows = parse(text, { bom: true, columns: true }) as { round: string }[];
    expect(prepared.plan.round.slug).toBe("openstack-2026");
    expect(rows.every((r) => r.round === "openstack-2026")).toBe(true);
    expect((await exportText({ round: "demo-2025" })).startsWith("response_id,")).toBe(true);
  });

  it("starts sending before the rows are read: batch by batch as the reader pulls", async () => {
    let batches = 0;
    const prepared = await prepareResponsesExport(t.db, responsesExportQuerySchema.parse({ round: "demo-2025", layout: "long" }));
    if (!prepared.ok) throw new Error(prepared.message);
    const reader = responsesCsvStream(t.db, prepared.plan, { kind, batchSize: 2, onBatch: () => batches++ }).getReader();
    const decoder = new TextDecoder();
    const header = decoder.decode((await reader.read()).value);
    expect(header.startsWith("response_id,")).toBe(true);
    const firstRows = decoder.decode((await reader.read()).value);
    expect(firstRows.split("\r\n").length).toBeGreaterThan(1);
    // 40 responses in batches of 2 are 20 batches (and one empty read); the first rows came after at most 3.
    expect(batches).toBeLessThanOrEqual(3);
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += decoder.decode(chunk.value);
    expect(batches).toBe(21);
    const all = parse(header + firstRows + rest, { columns: true }) as { response_id: string }[];
    expect(new Set(all.map((r) => r.response_id)).size).toBe(40);
  });

  it("stops reading when the client goes away", async () => {
    let batches = 0;
    const prepared = await prepareResponsesExport(t.db, responsesExportQuerySchema.parse({ round: "demo-2025" }));
    if (!prepared.ok) throw new Error(prepared.message);
    const reader = responsesCsvStream(t.db, prepared.plan, { kind, batchSize: 2, onBatch: () => batches++ }).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    const seen = batches;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(batches).toBe(seen);
    expect(batches).toBeLessThan(5);
  });

  it("writes a codebook with one row per column of both layouts", async () => {
    const codebook = await buildCodebookCsv(t.db, { round: "demo-2025", bom: false });
    if (!codebook.ok) throw new Error(codebook.message);
    const rows = parse(codebook.plan.csv, { columns: true }) as { layout: string; column: string; description: string }[];
    const [wideHeader] = parse(await exportText({ round: "demo-2025" }), { to_line: 1 }) as string[][];
    const [longHeader] = parse(await exportText({ round: "demo-2025", layout: "long" }), { to_line: 1 }) as string[][];
    expect(rows.filter((r) => r.layout === "wide").map((r) => r.column)).toEqual(wideHeader);
    expect(rows.filter((r) => r.layout === "long").map((r) => r.column)).toEqual(longHeader);
    expect(await buildCodebookCsv(t.db, { round: "nope", bom: false })).toEqual({ ok: false, message: "There is no survey round “nope”." });
  });
});
