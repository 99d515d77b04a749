import { describe, expect, it } from "vitest";
import { checkTextEncoding, detectDelimiter, readRecords } from "./csv-records";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === "string" ? [...new TextEncoder().encode(part)] : part)));
const records = (text: string) => {
  const read = readRecords(bytes(text));
  if (!read.ok) throw new Error(read.error.message);
  return read.records;
};
const encodingError = (input: Uint8Array) => {
  const checked = checkTextEncoding(input);
  if (checked.ok) throw new Error("expected an encoding error");
  return checked.error;
};

describe("text encoding", () => {
  it("drops a leading byte-order mark and passes UTF-8 through", () => {
    expect(checkTextEncoding(bytes([0xef, 0xbb, 0xbf], "a,b"))).toEqual({ ok: true, body: bytes("a,b") });
    expect(checkTextEncoding(bytes("Zoë,“quoted”,\uFFFD kept"))).toMatchObject({ ok: true });
  });

  it("names the line and the Windows-1252 character of a file saved as ANSI", () => {
    // "Café" and curly quotes as Excel writes them in Windows-1252: 0xE9, 0x93, 0x94.
    const windows1252 = bytes(
      "Timestamp,Comment\r\n2026/03/03 10:15:42 AM GMT+1,fine\r\n2026/03/03 10:16:00 AM GMT+1,Caf",
      [0xe9],
      " ",
      [0x93],
      "ok",
      [0x94],
      "\r\n",
    );
    expect(encodingError(windows1252)).toEqual({
      line: 3,
      message:
        "the file is not UTF-8 text (byte 0xE9, “é” in Windows-1252: the file looks like Windows-1252 (ANSI) text); in a spreadsheet, save it as “CSV UTF-8”",
    });
  });

  it("counts the lines of a quoted multi-line cell before the bad byte", () => {
    expect(encodingError(bytes('a,b\n"one\ntwo\nthree",x\nbad ', [0x80], "\n"))).toMatchObject({
      line: 5,
      message: /byte 0x80, “€” in Windows-1252/,
    });
  });

  it("refuses UTF-16 and zip archives by what they start with", () => {
    expect(encodingError(bytes([0xff, 0xfe], "T\0i\0"))).toEqual({
      line: 1,
      message: "the file is UTF-16 text, not UTF-8; in a spreadsheet, save it as “CSV UTF-8”",
    });
    expect(encodingError(bytes([0x50, 0x4b, 0x03, 0x04], "rest"))).toMatchObject({
      line: null,
      message: /zip archive.*unzip it/,
    });
  });

  it("names the line of a byte-order mark left in the middle by joining two files", () => {
    expect(encodingError(bytes("a,b\r\n1,2\r\n", [0xef, 0xbb, 0xbf], "a,b\r\n3,4\r\n"))).toEqual({
      line: 3,
      message: "a byte-order mark (U+FEFF) in the middle of the file, as left by joining two CSV files: remove it",
    });
  });
});

describe("records", () => {
  it("gives each record the line it starts on, with quoted line breaks inside cells", () => {
    expect(records('h1,h2\r\n"multi\r\nline, with comma",x\r\n\r\nnext,"say ""hi"""\r\n')).toEqual([
      { line: 1, cells: ["h1", "h2"] },
      { line: 2, cells: ["multi\r\nline, with comma", "x"] },
      { line: 5, cells: ["next", 'say "hi"'] },
    ]);
  });

  it("reads semicolon and tab separated files, deciding from the header", () => {
    expect(records('"id";"teams"\r\n"1";"nova, neutron"\r\n').map((r) => r.cells)).toEqual([
      ["id", "teams"],
      ["1", "nova, neutron"],
    ]);
    expect(detectDelimiter("a\tb\tc\nx,y")).toBe("\t");
    // Delimiters inside quotes do not count.
    expect(detectDelimiter('"Which, if any; projects",b,c\n')).toBe(",");
  });

  it("names the line of an unclosed quote and of text after a closing quote", () => {
    expect(readRecords(bytes('respondent,project\nalice,pip\nbob,"sqlalchemy\ncarol,pip\n'))).toEqual({
      ok: false,
      error: { line: 3, message: "not valid CSV: a quoted field is never closed (unbalanced quotes)" },
    });
    expect(readRecords(bytes('respondent,project\r\nalice,"multi\r\nline"\r\n\r\nbob,"x"y\r\n'))).toMatchObject({
      ok: false,
      error: { line: 5 },
    });
  });
});
