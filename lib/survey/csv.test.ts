import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvContentDisposition, neutralizeCell, toCsv, toCsvRecords, UTF8_BOM } from "./csv";

describe("neutralizeCell", () => {
  it.each(["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])("neutralises %j", (text) => {
    expect(neutralizeCell(text)).toBe(`'${text}`);
  });
  it("leaves ordinary text, numbers and empty values alone", () => {
    expect(neutralizeCell("SQLAlchemy")).toBe("SQLAlchemy");
    expect(neutralizeCell(-3)).toBe("-3");
    expect(neutralizeCell(null)).toBe("");
    expect(neutralizeCell(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
  });
});

describe("toCsv", () => {
  it("quotes per RFC 4180 with CRLF line ends and round-trips hostile text", () => {
    const hostile = ['"quoted, with comma"', "line\nbreak", "emoji 🐍", "עברית right-to-left"];
    const csv = toCsv(["a", "b"], hostile.map((text) => [text, 1]));
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.split("\r\n")[0]).toBe("a,b");
    const rows = parse(csv, { columns: true }) as { a: string; b: string }[];
    expect(rows.map((row) => row.a)).toEqual(hostile);
  });
  it("quotes a lone line feed or carriage return, so a parser splitting on any line break keeps the row whole", () => {
    const csv = toCsv(["a", "b"], [["two\nlines", "cr\ronly"]]);
    expect(csv).toBe('a,b\r\n"two\nlines","cr\ronly"\r\n');
    expect(parse(csv, { record_delimiter: ["\r\n", "\n", "\r"] })).toEqual([["a", "b"], ["two\nlines", "cr\ronly"]]);
  });
  it("adds a byte-order mark only when asked", () => {
    expect(toCsv(["a"], []).startsWith(UTF8_BOM)).toBe(false);
    expect(toCsv(["a"], [], { bom: true }).startsWith(UTF8_BOM)).toBe(true);
  });
});

describe("csvContentDisposition", () => {
  it("names the export, round and date in ASCII", () => {
    expect(csvContentDisposition(["responses", "openstack-2026", "wide"], new Date("2026-12-01T10:00:00Z"))).toBe(
      'attachment; filename="responses_openstack-2026_wide_2026-12-01.csv"',
    );
    expect(csvContentDisposition(["Zürich \"round\""], new Date("2026-12-01T10:00:00Z"))).toBe(
      'attachment; filename="Zurich-round_2026-12-01.csv"',
    );
  });
});

describe("toCsvRecords", () => {
  const cell = fc.oneof(
    fc.string({ unit: fc.constantFrom("a", "é", "🐍", ",", '"', "\r", "\n", "=", "+", "-", "@", "\t", " ", "'", "|") }),
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.date({ noInvalidDate: true }),
  );
  it("writes exactly what csv-stringify writes with the same options, and parses back to the neutralised cells", () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const fast = toCsvRecords(rows);
        // toCsv is csv-stringify; drop its header line to compare the records alone.
        const reference = toCsv(["h"], rows).slice("h\r\n".length);
        expect(fast).toBe(reference);
        const back = parse(fast, { record_delimiter: "\r\n", relax_column_count: true }) as string[][];
        expect(back).toEqual(rows.map((row) => row.map(neutralizeCell)));
      }),
      { numRuns: 500 },
    );
  });
  it("writes nothing for no rows", () => {
    expect(toCsvRecords([])).toBe("");
  });
});
