// CSV that opens correctly everywhere and cannot attack the reader. Pure: used by every export.
import { stringify, type Stringifier } from "csv-stringify";
import { stringify as stringifySync } from "csv-stringify/sync";

// OWASP CSV injection: a spreadsheet evaluates a cell starting with one of these as a formula, also inside quotes.
const FORMULA_START = /^"*[=+\-@\t\r]/;
// A spreadsheet may split a line on a character other than ours (Excel in many locales uses ";", and reads
// quotes inside a field literally), so the text after any separator can become a cell of its own: it is guarded too.
const FORMULA_AFTER_SEPARATOR = /([,;\t\r\n]"*)(?=[=+\-@])/g;

/** Prefix a formula-looking cell with a quote so spreadsheets show it as text; other values pass unchanged. */
export function neutralizeCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  // Numbers are written by us, never by respondents, and a negative one must stay a number.
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = String(value).replace(FORMULA_AFTER_SEPARATOR, "$1'");
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function toCsvRow(values: readonly unknown[]): string[] {
  return values.map(neutralizeCell);
}

// RFC 4180: CRLF line ends, quotes doubled, and fields with a comma, quote or line break quoted. csv-stringify
// by itself quotes only the whole record delimiter, so a lone LF or CR would split the row in Excel and pandas;
// a ";" is quoted too, so a spreadsheet splitting on ";" keeps the cell whole.
export const CSV_RECORD_END = "\r\n";
const STRINGIFY_OPTIONS = { record_delimiter: CSV_RECORD_END, quoted_match: /[;\r\n]/ } as const;

// Excel assumes a legacy code page unless the file starts with a UTF-8 byte-order mark.
export const UTF8_BOM = "\uFEFF";

/** A whole CSV document, for small outputs (aggregates, codebooks). */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[], options: { bom?: boolean } = {}): string {
  const body = stringifySync([toCsvRow(header), ...rows.map(toCsvRow)], STRINGIFY_OPTIONS);
  return (options.bom ? UTF8_BOM : "") + body;
}

// The same quoting rule as STRINGIFY_OPTIONS gives csv-stringify; csv.test.ts checks the two agree on any input.
const NEEDS_QUOTES = /[",;\r\n]/;
const QUOTE = /"/g;

/**
 * One field as it appears between the commas: formula-guarded, then quoted when it holds a comma, semicolon,
 * quote or line break. The unit both toCsvRecords and the streaming export writers build records from.
 */
export function toCsvField(value: unknown): string {
  // Most cells of a wide row are empty: skip the guard and the quoting test for them.
  if (value === "" || value === null || value === undefined) return "";
  const text = neutralizeCell(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text;
}

/**
 * CSV records without a header, for streaming one batch at a time: concatenated batches form one document.
 * Byte-for-byte what csv-stringify writes with our options (a property test holds it to that), about four times
 * faster: a wide export row has hundreds of mostly empty cells, and per-cell cost decides the export's speed.
 */
export function toCsvRecords(rows: readonly (readonly unknown[])[]): string {
  let out = "";
  for (const row of rows) {
    let record = "";
    for (let i = 0; i < row.length; i++) record += i === 0 ? toCsvField(row[i]) : "," + toCsvField(row[i]);
    out += record + CSV_RECORD_END;
  }
  return out;
}

/** A streaming stringifier with the same rules; write rows already passed through toCsvRow. */
export function createCsvStringifier(): Stringifier {
  return stringify(STRINGIFY_OPTIONS);
}

/** `attachment; filename="..."` naming the export, the round and the date; ASCII only, safe for every browser. */
export function csvContentDisposition(parts: readonly string[], date: Date): string {
  const stem = [...parts, date.toISOString().slice(0, 10)]
    .map((part) => part.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, ""))
    .filter(Boolean)
    .join("_");
  return `attachment; filename="${stem || "export"}.csv"`;
}

/** The parts of an aggregate export's file name: what it is, then the round and every filter applied. */
export function aggregateExportNameParts(
  what: string,
  filters: { round: { slug: string }; team: { slug: string } | null; category: { slug: string } | null; employerPaid: string | null },
  ...more: (string | null | undefined)[]
): string[] {
  return [
    "upstream-census",
    what,
    filters.round.slug,
    filters.team?.slug,
    filters.category?.slug,
    filters.employerPaid ? `paid-${filters.employerPaid}` : undefined,
    ...more,
  ].filter((part): part is string => Boolean(part));
}

export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";
