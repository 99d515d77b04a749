// Bytes of an import file to CSV records, each with the line of the file on which it starts. Anything that
// cannot be read as text is a file error naming the line: bytes that are not UTF-8 (with the character a
// Windows-1252 reader would see, the usual cause), UTF-16, a zip archive, a byte-order mark in the middle,
// an unclosed quote. Quoted cells may span lines; the line numbers count the lines of the file, not records.
import { CsvError, parse } from "csv-parse/sync";

/** Checked before the file is read: larger files are split, not streamed into one transaction. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export interface ImportFileError {
  /** Line of the file (1 is the first), or null when the problem is the whole file. */
  line: number | null;
  message: string;
}

export interface SourceRecord {
  line: number;
  cells: string[];
}

export type ReadRecords =
  { ok: true; records: SourceRecord[]; delimiter: string } | { ok: false; error: ImportFileError };

const SAVE_AS_UTF8 = "in a spreadsheet, save it as “CSV UTF-8”";
const UTF8_BOM_BYTES = [0xef, 0xbb, 0xbf];
const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

/** Byte offsets at which each line starts; CRLF, LF and CR each end a line. */
function lineStarts(bytes: Uint8Array): number[] {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === 0x0a || (byte === 0x0d && bytes[i + 1] !== 0x0a)) starts.push(i + 1);
  }
  return starts;
}

function lineAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  // The strict decoder is fast; walking the text to find the offset is only worth it for a file that fails it.
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return -1;
  } catch {
    // Not UTF-8: find where.
  }
  const lossy = new TextDecoder("utf-8").decode(bytes);
  let offset = 0;
  for (const char of lossy) {
    // A replacement character is an error unless the file really contains one (EF BF BD).
    if (char === "\uFFFD" && !(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd))
      return offset;
    offset += Buffer.byteLength(char);
  }
  return -1;
}

const hex = (byte: number) => `0x${byte.toString(16).toUpperCase().padStart(2, "0")}`;

/**
 * The file's bytes without a leading UTF-8 BOM, once they are known to be UTF-8 text. Excel and older survey
 * tools write Windows-1252 ("ANSI"): its accented letters and curly quotes are single bytes that are not
 * UTF-8, so the message shows what such a byte stands for there.
 */
export function checkTextEncoding(
  bytes: Uint8Array,
): { ok: true; body: Uint8Array } | { ok: false; error: ImportFileError } {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    return {
      ok: false,
      error: {
        line: null,
        message:
          "this is a zip archive, not a CSV file (Google Forms downloads responses zipped: unzip it and import the .csv inside)",
      },
    };
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return { ok: false, error: { line: 1, message: `the file is UTF-16 text, not UTF-8; ${SAVE_AS_UTF8}` } };
  }
  const body = startsWith(bytes, UTF8_BOM_BYTES) ? bytes.subarray(3) : bytes;
  const bad = firstInvalidUtf8(body);
  if (bad >= 0) {
    const byte = body[bad] ?? 0;
    const asWindows1252 = byte >= 0x80 ? new TextDecoder("windows-1252").decode(body.subarray(bad, bad + 1)) : "";
    const seen =
      asWindows1252 && asWindows1252 !== "\uFFFD"
        ? `, “${asWindows1252}” in Windows-1252: the file looks like Windows-1252 (ANSI) text`
        : "";
    return {
      ok: false,
      error: {
        line: lineAt(lineStarts(body), bad),
        message: `the file is not UTF-8 text (byte ${hex(byte)}${seen}); ${SAVE_AS_UTF8}`,
      },
    };
  }
  // A BOM anywhere but the start is what joining two exported files leaves behind; as text it is invisible.
  const strayBom = Buffer.from(body.buffer, body.byteOffset, body.byteLength).indexOf(Buffer.from(UTF8_BOM_BYTES));
  if (strayBom >= 0) {
    return {
      ok: false,
      error: {
        line: lineAt(lineStarts(body), strayBom),
        message: "a byte-order mark (U+FEFF) in the middle of the file, as left by joining two CSV files: remove it",
      },
    };
  }
  return { ok: true, body };
}

const DELIMITERS = [",", ";", "\t"] as const;

/**
 * The field delimiter, from the header line: the one of comma, semicolon and tab found most often outside
 * quotes. LimeSurvey and spreadsheets in many European locales write semicolons.
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let isQuoted = false;
  for (const char of text) {
    if (char === '"') isQuoted = !isQuoted;
    else if (!isQuoted && (char === "\n" || char === "\r")) break;
    else if (!isQuoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  return DELIMITERS.reduce((best, d) => ((counts.get(d) ?? 0) > (counts.get(best) ?? 0) ? d : best), ",");
}

/** First byte of a record at or after `offset`, past the empty lines csv-parse skipped. */
function skipLineBreaks(bytes: Uint8Array, offset: number): number {
  let at = offset;
  while (bytes[at] === 0x0a || bytes[at] === 0x0d) at++;
  return at;
}

const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted field is never closed (unbalanced quotes)",
  CSV_INVALID_CLOSING_QUOTE: "a quote inside a quoted field is not doubled, or text follows a closing quote",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "text follows a closing quote",
  CSV_MAX_RECORD_SIZE: "a record is too large",
};

/** CSV records of UTF-8 text (checked by checkTextEncoding), with the line each starts on. */
export function readRecords(body: Uint8Array): ReadRecords {
  const starts = lineStarts(body);
  const delimiter = detectDelimiter(new TextDecoder().decode(body.subarray(0, 64 * 1024)));
  // Byte offset where each record ends, as csv-parse reports it: the next record starts after it (and after skipped empty lines).
  const ends: number[] = [];
  try {
    const parsed = parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength), {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      // A line break inside quotes is part of the cell; outside quotes any of CRLF, LF, CR ends the record.
      record_delimiter: ["\r\n", "\n", "\r"],
      on_record: (record: string[], context: { bytes: number }) => {
        ends.push(context.bytes);
        return record;
      },
    }) as unknown as string[][];
    const records = parsed.map((cells, i) => ({
      line: lineAt(starts, skipLineBreaks(body, i === 0 ? 0 : (ends[i - 1] ?? 0))),
      cells,
    }));
    return { ok: true, records, delimiter };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = lineAt(starts, skipLineBreaks(body, ends.at(-1) ?? 0));
    return { ok: false, error: { line, message: `not valid CSV: ${CSV_PROBLEMS[error.code] ?? error.message}` } };
  }
}
