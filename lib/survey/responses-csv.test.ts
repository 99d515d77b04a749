import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { toCsv, toCsvRecords } from "./csv";
import {
  LONG_COLUMNS,
  WIDE_OTHER_COLUMNS,
  buildExportContext,
  codebookRows,
  headerFor,
  kindsFromColumns,
  projectColumnName,
  toLongRows,
  toWideRow,
  type ExportProject,
  type ExportResponse,
} from "./responses-csv";

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
    expect(header.slice(0, 13)).toEqual([
      "response_id",
      "round",
      "submitted_at",
      "teams",
      "not_openstack_contributor",
      "years_contributing",
      "employer_paid",
      "gamma",
      "gamma__frequency",
      "alpha",
      "alpha__frequency",
      "beta",
      "beta__frequency",
    ]);
    expect(header.slice(13, 13 + WIDE_OTHER_COLUMNS)).toEqual(Array.from({ length: 20 }, (_, i) => `other_${i + 1}`));
    expect(header.at(-1)).toBe("comment");
    expect(header).toHaveLength(7 + 6 + 20 + 1);
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
    expect(row.slice(0, 7)).toEqual(["r-1", "round-1", new Date("2026-03-01T10:00:00Z"), "nova|neutron", false, 4, "partly"]);
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
    const tail = rows.map((row) => row.slice(7));
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
    expect(rows[0]?.[7]).toBe("none");
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
