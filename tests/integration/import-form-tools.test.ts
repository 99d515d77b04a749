// Google Forms and LimeSurvey exports imported into real databases: what is stored, that importing the same
// (or a later, longer) export again adds nothing twice, that no email address is stored anywhere, and that a
// file that cannot be read or holds an invalid row writes nothing.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { importResponsesCsv, type ImportOptions } from "@/lib/db/import-into-round";
import { countAnswerRows } from "../helpers/answer-rows";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url));

describeEachDatabase("import of Google Forms and LimeSurvey exports", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    // A closed round offering the open round's projects, as a poll run elsewhere is entered after the fact.
    const source = await t.db.round.findUniqueOrThrow({ where: { slug: "openstack-2026" }, include: { projects: true } });
    for (const slug of ["forms-2026", "lime-2026", "refused-2026"]) {
      const round = await t.db.round.create({ data: { slug, title: slug, status: "closed", questions: source.questions } });
      await t.db.roundProject.createMany({ data: source.projects.map((p) => ({ roundId: round.id, projectId: p.projectId, position: p.position })) });
    }
  });
  afterAll(async () => t?.drop());

  const counts = () => countAnswerRows(t.db);
  const importBytes = async (bytes: Uint8Array, options: Omit<ImportOptions, "file">) => {
    const result = await importResponsesCsv(t.db, bytes, { file: "export.csv", ...options });
    if (!result.ok) throw new Error(`line ${result.error.line}: ${result.error.message}`);
    return result.report;
  };
  const storedOf = (round: string) =>
    t.db.response.findMany({
      where: { round: { slug: round } },
      orderBy: { createdAt: "asc" },
      include: { teams: { include: { team: true } }, projects: { include: { project: true } }, others: { orderBy: { position: "asc" } } },
    });

  /** Every text value of every table, so a test can say what is stored nowhere. */
  async function allStoredText(): Promise<string> {
    const tables =
      kind === "sqlite"
        ? (await t.db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table'`)).map((r) => r.name)
        : (await t.db.$queryRawUnsafe<{ name: string }[]>(`SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`)).map((r) => r.name);
    const dumps = await Promise.all(tables.map((table) => t.db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`)));
    return JSON.stringify(dumps, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value));
  }

  it("imports a Google Forms download as the form would have stored the same answers, without the email addresses", async () => {
    const report = await importBytes(fixture("google-forms-download.csv"), { roundSlug: "forms-2026" });
    expect(report).toMatchObject({ layout: "google-forms", written: true, totals: { responses: 5, imported: 5, alreadyImported: 0, rejected: 0 } });
    const stored = await storedOf("forms-2026");
    expect(
      stored.map((r) => [
        r.importKey,
        r.source,
        r.createdAt.toISOString(),
        r.teams.map((x) => x.team.slug).sort(),
        r.notOpenStackContributor,
        r.projects.map((p) => [p.project.slug, p.frequency]).sort(),
        r.others.map((o) => [o.rawText, o.projectId !== null]),
        r.yearsContributing,
        r.employerPaid,
        r.comment,
      ]),
    ).toEqual([
      [
        "google-forms:2026-03-03T09:15:42Z",
        "import",
        "2026-03-03T09:15:42.000Z",
        ["neutron", "nova"],
        false,
        [["libvirt", "unspecified"], ["pip", "unspecified"], ["qemu", "unspecified"], ["sqlalchemy", "unspecified"]],
        [["SQLAlchemy", true], ["libvirt", true], ["QEMU", true], ["pypa/pip", true]],
        7,
        "partly",
        "Thanks for running this!",
      ],
      ["google-forms:2026-03-03T13:04:09Z", "import", "2026-03-03T13:04:09.000Z", [], true, [["kubernetes", "unspecified"]], [["Kubernetes", true]], null, "no", null],
      [
        "google-forms:2026-03-04T08:30:00Z",
        "import",
        "2026-03-04T08:30:00.000Z",
        ["glance"],
        false,
        [["ceph", "unspecified"]],
        [["Ceph", true], ["Kubernets", false], ["my own tool", false], ["some-internal-lib", false]],
        12,
        "yes",
        "First line\nsecond line, with a comma",
      ],
      ["google-forms:2026-03-05T10:00:00Z", "import", "2026-03-05T10:00:00.000Z", ["cinder"], false, [["tox", "unspecified"]], [["tox", true]], 3, "prefer-not", null],
      ["google-forms:2026-03-05T10:00:00Z#2", "import", "2026-03-05T10:00:00.000Z", ["nova"], false, [["eventlet", "unspecified"], ["rabbitmq", "unspecified"]], [["eventlet", true], ["RabbitMQ", true]], null, null, null],
    ]);
    const everything = await allStoredText();
    expect(everything).toContain("some-internal-lib");
    expect(everything).not.toMatch(/@example\.org|ada@|Email address/);
  });

  it("adds nothing when the same export is imported again, and only the new rows of a later, longer export", async () => {
    const before = await counts();
    const again = await importBytes(fixture("google-forms-download.csv"), { roundSlug: "forms-2026" });
    expect(again).toMatchObject({ written: false, totals: { responses: 5, imported: 0, alreadyImported: 5 } });
    expect(await counts()).toEqual(before);

    const later = Buffer.concat([fixture("google-forms-download.csv"), Buffer.from('"2026/03/09 4:20:00 PM GMT+1","new@example.org","ironic","Ceph","","1","No",""\r\n')]);
    const report = await importBytes(later, { roundSlug: "forms-2026" });
    expect(report).toMatchObject({ written: true, totals: { responses: 6, imported: 1, alreadyImported: 5, rejected: 0 } });
    expect((await counts()).responses).toBe(before.responses + 1);
  });

  it("imports LimeSurvey exports, leaves never-submitted responses out, and recognises them again", async () => {
    const full = await importBytes(fixture("limesurvey-full-headings.csv"), { roundSlug: "lime-2026" });
    expect(full).toMatchObject({ layout: "limesurvey", written: true, totals: { responses: 4, imported: 3, notSubmitted: 1, rejected: 0 } });
    const codes = await importBytes(fixture("limesurvey-codes.csv"), { roundSlug: "lime-2026", map: [{ text: "paid", target: "employer-paid" }] });
    expect(codes).toMatchObject({ written: true, totals: { responses: 3, imported: 2, notSubmitted: 1 } });
    const stored = await storedOf("lime-2026");
    expect(stored.map((r) => [r.importKey, r.teams.map((x) => x.team.slug).sort(), r.projects.map((p) => p.project.slug).sort(), r.yearsContributing, r.employerPaid]).sort()).toEqual([
      ["limesurvey:11:55012", ["neutron", "nova"], ["sqlalchemy"], 10, "partly"],
      ["limesurvey:12:9021", ["glance"], ["libvirt", "tox"], null, "no"],
      ["limesurvey:1:1846390529", ["nova"], ["libvirt", "sqlalchemy"], 5, "partly"],
      ["limesurvey:3:771203958", ["neutron"], ["pip"], 2, "no"],
      ["limesurvey:4:1203389471", [], ["libvirt"], null, "yes"],
    ]);
    const before = await counts();
    expect(await importBytes(fixture("limesurvey-full-headings.csv"), { roundSlug: "lime-2026" })).toMatchObject({ written: false, totals: { imported: 0, alreadyImported: 3, notSubmitted: 1 } });
    expect(await counts()).toEqual(before);
  });

  it("recognises a thousand responses imported before, more than one query's worth of keys", async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `"${i + 1}","2026-03-03 10:00:00","${900000 + i}","nova","pip"`);
    const file = Buffer.from(['"id","submitdate","seed","teams","projects"', ...rows].join("\r\n"));
    expect(await importBytes(file, { roundSlug: "lime-2026" })).toMatchObject({ written: true, totals: { imported: 1000 } });
    const before = await counts();
    expect(await importBytes(file, { roundSlug: "lime-2026" })).toMatchObject({ written: false, totals: { imported: 0, alreadyImported: 1000 } });
    expect(await counts()).toEqual(before);
  });

  const googleForms = () => fixture("google-forms-download.csv").toString("utf8");
  it.each<[string, () => Uint8Array, { line: number | null; message: RegExp }]>([
    // Saved again by Excel as "CSV" rather than "CSV UTF-8": the é of Café becomes the single byte 0xE9.
    ["Windows-1252 text", () => Buffer.from(googleForms().replace("Thanks for running this!", "Merci, café offert !"), "latin1"), { line: 2, message: /not UTF-8 text \(byte 0xE9, “é” in Windows-1252/ }],
    ["a quote never closed", () => Buffer.from(googleForms().replace(/""\r\n$/, '"\r\n')), { line: 8, message: /a quoted field is never closed/ }],
    ["two exports joined, the second's byte-order mark in the middle", () => Buffer.concat([fixture("limesurvey-full-headings.csv"), fixture("limesurvey-full-headings.csv")]), { line: 7, message: /byte-order mark \(U\+FEFF\) in the middle/ }],
    ["a zip archive", () => Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), { line: null, message: /zip archive/ }],
  ])("writes nothing from a file with %s and names the line", async (_what, bytes, error) => {
    const before = await counts();
    expect(await importResponsesCsv(t.db, bytes(), { file: "bad.csv", roundSlug: "refused-2026" })).toMatchObject({ ok: false, error });
    expect(await counts()).toEqual(before);
  });

  it("writes nothing from a file with one invalid row, naming the line and the rule, unless told to skip it", async () => {
    const invalid = Buffer.from(googleForms().replace('"2026/03/04 9:30:00 AM GMT+1","cy@example.org","glance"', '"2026/03/04 9:30:00 AM GMT+1","cy@example.org","Glancee"'));
    const before = await counts();
    const refused = await importBytes(invalid, { roundSlug: "refused-2026" });
    expect(refused).toMatchObject({ written: false, totals: { responses: 5, imported: 0, rejected: 1 } });
    expect(refused.rows.find((row) => row.status === "rejected")).toMatchObject({
      line: 4,
      reason: "“Which OpenStack teams do you contribute to?”: “Glancee” is not an OpenStack team (did you mean glance?)",
    });
    expect(await importBytes(invalid, { roundSlug: "refused-2026", dryRun: true, skipInvalid: true })).toMatchObject({ written: false, dryRun: true });
    expect(await counts()).toEqual(before);
    expect(await importBytes(invalid, { roundSlug: "refused-2026", skipInvalid: true })).toMatchObject({ written: true, totals: { imported: 4, rejected: 1 } });
  });

  it("asks for the columns through the prompt hook only for another tool's export", async () => {
    const asked: string[][] = [];
    const report = await importBytes(fixture("google-sheets-uk.csv"), {
      roundSlug: "forms-2026",
      chooseColumns: async (outline) => {
        asked.push(outline.header);
        return [
          { text: "Which OpenStack project teams", target: "teams" },
          { text: "Upstream projects", target: "projects" },
        ];
      },
    });
    expect(asked).toHaveLength(1);
    expect(report).toMatchObject({ written: true, totals: { imported: 2 } });
  });
});
