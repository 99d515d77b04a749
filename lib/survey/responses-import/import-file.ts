// Reading an import file: responses collected elsewhere (an earlier mailing-list poll, a spreadsheet, our own
// export, Google Forms, LimeSurvey) checked against a round's catalogue. Pure: the caller reads the file and
// the catalogue and writes the result (lib/db/import-into-round.ts). The layout is recognised from the
// header. File-level problems stop everything; a row problem rejects that row's response, with its line.
import type { ImportCatalogue } from "./answer-check";
import {
  planFormColumns,
  detectFormTool,
  parseFormExport,
  type FormColumns,
  type FormExportOptions,
  type FormTool,
} from "./form-tool-exports";
import {
  checkTextEncoding,
  MAX_IMPORT_BYTES,
  readRecords,
  type ImportFileError,
  type SourceRecord,
} from "./csv-records";
import { parseLongExport, parseWideExport } from "./our-exports";
import { isPairsHeader, parsePairsSheet } from "./pairs-sheet";
import { fileError, type ImportLayout, type ParsedImport } from "./row-groups";

export type ImportFileOptions = FormExportOptions;

const UNKNOWN_LAYOUT =
  "cannot tell the layout from the header: expected our wide export (response_id, ..., one column per project slug), " +
  "our long export (response_id, ..., project_slug, ...), two columns “respondent, project”, " +
  'a Google Forms export (a Timestamp column, or map yours with --map "…=timestamp") or a LimeSurvey export (id, submitdate, …)';

export function detectImportLayout(
  header: readonly string[],
  options: ImportFileOptions = {},
): { ok: true; layout: ImportLayout } | { ok: false; message: string } {
  const names = header.map((name) => name.trim().toLowerCase());
  const tool = detectFormTool(header, options.map ?? []);
  const layout: ImportLayout | null = names.includes("project_slug")
    ? "long"
    : isPairsHeader(names)
      ? "pairs"
      : names.includes("response_id")
        ? "wide"
        : tool;
  if (!layout) return { ok: false, message: UNKNOWN_LAYOUT };
  if ((options.map?.length ?? 0) > 0 && layout !== tool) {
    return {
      ok: false,
      message: `--map is for Google Forms and LimeSurvey exports; this file is in our ${layout} layout, whose columns are known`,
    };
  }
  return { ok: true, layout };
}

type ReadFile =
  { ok: true; header: string[]; records: SourceRecord[]; layout: ImportLayout } | { ok: false; error: ImportFileError };

function readImportFile(bytes: Uint8Array, options: ImportFileOptions): ReadFile {
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    const size = (bytes.byteLength / 1024 / 1024).toFixed(1);
    return {
      ok: false,
      error: {
        line: null,
        message: `the file is ${size} MB; the limit is ${MAX_IMPORT_BYTES / 1024 / 1024} MB (split it into several files)`,
      },
    };
  }
  const decoded = checkTextEncoding(bytes);
  if (!decoded.ok) return decoded;
  const read = readRecords(decoded.body);
  if (!read.ok) return read;
  const [headerRecord, ...records] = read.records;
  if (!headerRecord) return { ok: false, error: { line: 1, message: "the file is empty: expected a header row" } };
  const header = headerRecord.cells;
  const names = header.map((name) => name.trim().toLowerCase());
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined)
    return {
      ok: false,
      error: { line: headerRecord.line, message: `the column “${duplicate}” appears twice in the header` },
    };
  const detected = detectImportLayout(header, options);
  if (!detected.ok) return { ok: false, error: { line: headerRecord.line, message: detected.message } };
  return { ok: true, header, records, layout: detected.layout };
}

/** Parse an import file against a round's catalogue. */
export function parseImportFile(
  bytes: Uint8Array,
  catalogue: ImportCatalogue,
  options: ImportFileOptions = {},
): ParsedImport {
  const file = readImportFile(bytes, options);
  if (!file.ok) return fileError(file.error.line, file.error.message);
  const { header, records } = file;
  switch (file.layout) {
    case "wide":
      return parseWideExport(header, records, catalogue);
    case "long":
      return parseLongExport(header, records, catalogue);
    case "pairs":
      return parsePairsSheet(header, records, catalogue);
    default:
      return parseFormExport(file.layout, header, records, catalogue, options);
  }
}

export type FormFileOutline =
  | { ok: true; tool: FormTool; header: string[]; responses: number; columns: FormColumns }
  | { ok: true; tool: null; layout: ImportLayout }
  | { ok: false; error: ImportFileError };

/**
 * What a guided prompt needs before the import: for another tool's export, its header and the columns found
 * so far (from --map and the round's wording); for our own layouts, nothing to ask.
 */
export function outlineImportFile(
  bytes: Uint8Array,
  catalogue: ImportCatalogue,
  options: ImportFileOptions = {},
): FormFileOutline {
  const file = readImportFile(bytes, options);
  if (!file.ok) return file;
  if (file.layout !== "google-forms" && file.layout !== "limesurvey")
    return { ok: true, tool: null, layout: file.layout };
  const plan = planFormColumns(file.layout, file.header, catalogue, options.map ?? []);
  if (!plan.ok) return { ok: false, error: { line: 1, message: plan.message } };
  return { ok: true, tool: file.layout, header: file.header, responses: file.records.length, columns: plan.columns };
}
