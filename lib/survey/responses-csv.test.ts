import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toCsv, toCsvRecords } from "./csv";
import {
  LONG_COLUMNS,
  WIDE_OTHER_COLUMNS,
  buildExportContext,
  headerFor,
  kindsFromColumns,
  kindsFromMask,
  projectColumnName,
  toLongRows,
  toWideRow,
  type ExportProject,
  type ExportResponse,
} from "./responses-csv";
import { codebookRows } from "./responses-codebook";
import { createResponsesCsvWriter } from "./responses-csv-writer";

const project = (id: number, slug: string, categoryName = "tools"): ExportProject => ({ id, slug, name: slug.toUpperCase(), categoryName });
const catalogue = [project(1, "alpha"), project(2, "beta"), project(3, "gamma"), project(4, "delta", "other")];
// The round offers gamma before alpha: its own order, not the catalogue's or the rows'.
const context = buildExportContext("round-1", [catalogue[2]!, catalogue[0]!, catalogue[1]!], catalogue, [
  { id: 10, slug: "nova" },
  { id: 11, slug: "neutron" },
]);

const response = (overrides: Partial<ExportResponse> = {}): ExportResponse => ({
  id: "r-1",
  createdAt: new Date("2026-03-01T10:00:00Z"),
  notOpenStackContributor: false,
  nothingOutsideOpenStack: false,
  yearsContributing: 4,
  employerPaid: "partly",
  comment: null,
  teamIds: [11, 10],
  selections: [],
  others: [],
  ...overrides,
});

describe("wide layout", () => {
  it("has fixed leading columns, two columns per offered project in round order, the free-text columns and the comment", () => {
    const header = headerFor(context, "wide");
    expect(header.slice(0, 14)).toEqual([
      "response_id",
      "round",
      "submitted_at",
      "teams",
      "not_openstack_contributor",
      "nothing_outside_openstack",
      "years_contributing",
      "employer_paid",
      "gamma",
      "gamma__frequency",
      "alpha",
      "alpha__frequency",
      "beta",
      "beta__frequency",
    ]);
    expect(header.slice(14, 14 + WIDE_OTHER_COLUMNS)).toEqual(Array.from({ length: 20 }, (_, i) => `other_${i + 1}`));
    expect(header.at(-1)).toBe("comment");
    expect(header).toHaveLength(8 + 6 + 20 + 1);
  });

  it("renames a project whose slug is a fixed column's name", () => {
    expect(projectColumnName("teams")).toBe("project:teams");
    expect(projectColumnName("other_3")).toBe("project:other_3");
    expect(projectColumnName("sqlalchemy")).toBe("sqlalchemy");
  });

  it("fills kinds and frequency of chosen projects, free text in the order typed, and leaves the rest empty", () => {
    const row = toWideRow(
      context,
      response({
        comment: "hi",
        selections: [
          { projectId: 1, kinds: ["review", "code"], frequency: "regularly" },
          { projectId: 2, kinds: [], frequency: "unspecified" },
          // delta is not offered by the round: no column (its raw text is in other_N).
          { projectId: 4, kinds: [], frequency: "unspecified" },
        ],
        others: [
          { position: 1, rawText: "DELTA", projectId: 4 },
          { position: 0, rawText: "beta", projectId: 2 },
        ],
      }),
    );
    const header = headerFor(context, "wide");
    const cell = (name: string) => row[header.indexOf(name)];
    expect(row.slice(0, 8)).toEqual(["r-1", "round-1", new Date("2026-03-01T10:00:00Z"), "nova|neutron", false, false, 4, "partly"]);
    expect([cell("gamma"), cell("gamma__frequency")]).toEqual(["", ""]);
    expect([cell("alpha"), cell("alpha__frequency")]).toEqual(["code|review", "regularly"]);
    expect([cell("beta"), cell("beta__frequency")]).toEqual(["", "unspecified"]);
    expect([cell("other_1"), cell("other_2"), cell("other_3")]).toEqual(["beta", "DELTA", ""]);
    expect(cell("comment")).toBe("hi");
    expect(row).toHaveLength(header.length);
  });

  it("keeps at most the schema's number of free-text entries", () => {
    const others = Array.from({ length: 25 }, (_, i) => ({ position: i, rawText: `t${i}`, projectId: null }));
    const row = toWideRow(context, response({ others }));
    const header = headerFor(context, "wide");
    expect(row[header.indexOf("other_20")]).toBe("t19");
    expect(row.at(-1)).toBeNull();
  });
});

describe("long layout", () => {
  it("has one row per project, in the round's order, then one per free-text entry", () => {
    const rows = toLongRows(
      context,
      response({
        selections: [
          { projectId: 4, kinds: [], frequency: "unspecified" },
          { projectId: 1, kinds: ["docs"], frequency: "once" },
          { projectId: 3, kinds: ["maintainer", "bugs"], frequency: "occasionally" },
        ],
        others: [{ position: 0, rawText: "delta", projectId: 4 }, { position: 1, rawText: "my tool", projectId: null }],
      }),
    );
    const tail = rows.map((row) => row.slice(8));
    expect(tail).toEqual([
      ["project", "gamma", "GAMMA", "tools", "bugs|maintainer", "occasionally", "", "", ""],
      ["project", "alpha", "ALPHA", "tools", "docs", "once", "", "", ""],
      ["project", "delta", "DELTA", "other", "", "unspecified", "", "", ""],
      ["other", "", "", "", "", "", 1, "delta", "delta"],
      ["other", "", "", "", "", "", 2, "my tool", ""],
    ]);
    expect(rows.every((row) => row.length === LONG_COLUMNS.length)).toBe(true);
  });

  it("writes one 'none' row for a response that names no project", () => {
    const rows = toLongRows(context, response());
    expect(rows).toHaveLength(1);
    expect(rows[0]?.[LONG_COLUMNS.indexOf("row_type")]).toBe("none");
  });
});

describe("codebook", () => {
  it("describes every column of both layouts exactly once, in header order", () => {
    const rows = codebookRows(context);
    expect(rows.filter((row) => row[0] === "wide").map((row) => row[1])).toEqual(headerFor(context, "wide"));
    expect(rows.filter((row) => row[0] === "long").map((row) => row[1])).toEqual([...LONG_COLUMNS]);
    expect(rows.every((row) => row.length === 5 && (row[4] ?? "").length > 10)).toBe(true);
  });
  it("is a valid CSV document", () => {
    const csv = toCsv(["layout", "column", "type", "values", "description"], codebookRows(context));
    expect(parse(csv, { columns: true })).toHaveLength(codebookRows(context).length);
  });
});

describe("cells", () => {
  it("turns the stored kind booleans into codes in the schema's order", () => {
    expect(kindsFromColumns({ kindCode: true, kindReview: false, kindBugs: true, kindDocs: false, kindMaintainer: true })).toEqual(["code", "bugs", "maintainer"]);
  });

  it("neutralises hostile free text and keeps it exact through an independent parser", () => {
    const hostile = ['=HYPERLINK("http://x","y")', "@SUM(A1)", '"quoted, with comma"', "two\nlines", "emoji 🐍", "עברית", "-1+2", "+cmd"];
    const row = toWideRow(context, response({ others: hostile.map((rawText, position) => ({ position, rawText, projectId: null })) }));
    const parsed = parse(toCsvRecords([row])) as string[][];
    const header = headerFor(context, "wide");
    const cells = hostile.map((_, i) => parsed[0]?.[header.indexOf(`other_${i + 1}`)]);
    expect(cells).toEqual(['\'=HYPERLINK("http://x","y")', "'@SUM(A1)", '"quoted, with comma"', "two\nlines", "emoji 🐍", "עברית", "'-1+2", "'+cmd"]);
  });
});

describe("streaming writer", () => {
  const text = fc.oneof(
    fc.string({ unit: fc.constantFrom("a", "é", "🐍", ",", '"', "\r", "\n", "=", "+", "-", "@", "\t", " ", "'", "|") }),
    fc.constantFrom("once", "regularly", "unspecified"),
  );
  const kinds = fc.oneof(
    fc.integer({ min: 0, max: 31 }).map(kindsFromMask),
    // Any order and repeats: the array functions sort kinds, and so must the writer.
    fc.array(fc.constantFrom("maintainer", "code", "docs", "bugs", "review", "unknown"), { maxLength: 6 }),
  );
  const other = fc.record({ position: fc.integer({ min: 0, max: 30 }), rawText: text, projectId: fc.option(fc.constantFrom(1, 4, 99)) });
  const exportResponse = fc.record({
    id: fc.oneof(fc.uuid(), text),
    createdAt: fc.date({ noInvalidDate: true }),
    notOpenStackContributor: fc.boolean(),
    nothingOutsideOpenStack: fc.boolean(),
    yearsContributing: fc.option(fc.integer({ min: -3, max: 60 })),
    employerPaid: fc.option(text),
    comment: fc.option(text),
    teamIds: fc.uniqueArray(fc.constantFrom(10, 11, 12), { maxLength: 3 }),
    // Project 4 is in the catalogue but not the round; 99 is unknown.
    selections: fc.uniqueArray(fc.record({ projectId: fc.constantFrom(1, 2, 3, 4, 99), kinds, frequency: text }), { selector: (s) => s.projectId, maxLength: 5 }),
    // Few entries, or about the wide layout's 20 columns and more.
    others: fc.oneof(fc.array(other, { maxLength: 3 }), fc.array(other, { minLength: 19, maxLength: 24 })),
  }) as fc.Arbitrary<ExportResponse>;

  it("writes byte-for-byte what the row functions and toCsvRecords write, for both layouts", () => {
    const wide = createResponsesCsvWriter(context, "wide");
    const long = createResponsesCsvWriter(context, "long");
    expect(wide.header).toBe(toCsvRecords([headerFor(context, "wide")]));
    expect(long.header).toBe(toCsvRecords([headerFor(context, "long")]));
    fc.assert(
      fc.property(fc.array(exportResponse, { maxLength: 4 }), (responses) => {
        // Several responses through one writer: nothing of one response may leak into the next.
        expect(responses.map((r) => wide.write(r)).join("")).toBe(toCsvRecords(responses.map((r) => toWideRow(context, r))));
        expect(responses.map((r) => long.write(r)).join("")).toBe(toCsvRecords(responses.flatMap((r) => toLongRows(context, r))));
      }),
      { numRuns: 500 },
    );
  });

  it("shares one kinds array per bit mask", () => {
    expect(kindsFromMask(0b10011)).toEqual(["code", "review", "maintainer"]);
    expect(kindsFromMask(5)).toBe(kindsFromMask(5));
  });
});
