// Reading responses collected elsewhere (an earlier mailing-list poll, a spreadsheet, our own export) from
// CSV. Pure: the caller reads the file and the catalogue, and writes the result. Three layouts are
// recognised from the header: our `wide` and `long` exports and a two-column "respondent, project" sheet.
// Every row is checked; the report says per row what was matched, what became free text and what was
// rejected, with the line number and the reason.
import { CsvError, parse } from "csv-parse/sync";
import { candidateKeys } from "./normalize";
import { matchProjectName, type CatalogueIndex, type MatchableProject } from "./catalogue-match";
import { CONTRIBUTION_KINDS, EMPLOYER_PAID, type ContributionKind } from "./questions";
import { FORBIDDEN_CHARACTERS, MAX_OTHER_ENTRIES, MAX_OTHER_LENGTH, MAX_SELECTIONS, MAX_TEXT_LENGTH } from "./response-schema";
import {
  FREQUENCY_SUFFIX,
  LIST_SEPARATOR,
  LONG_COLUMNS,
  LONG_ROW_TYPES,
  STORED_FREQUENCIES,
  UNSPECIFIED_FREQUENCY,
  WIDE_LEADING_COLUMNS,
  WIDE_OTHER_COLUMNS,
  WIDE_TRAILING_COLUMNS,
  type LongRowType,
} from "./responses-csv";

/** Checked before the file is read: larger files are split, not streamed into one transaction. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const MAX_KEY_LENGTH = 200;

export const IMPORT_LAYOUTS = ["wide", "long", "pairs"] as const;
export type ImportLayout = (typeof IMPORT_LAYOUTS)[number];

// Header names accepted for the two columns of a "respondent, project name" sheet (case-insensitive).
const RESPONDENT_HEADERS = new Set(["respondent", "respondent id", "respondent_id", "response id", "response_id", "id"]);
const PROJECT_HEADERS = new Set(["project", "project name", "project_name", "name"]);

export interface ImportCatalogue {
  roundSlug: string;
  /** slug -> id of the projects the round offers: what a wide column or a long project row may name. */
  roundProjects: ReadonlyMap<string, number>;
  /** slug -> id of every active project: free text may match a project the round does not offer. */
  catalogueProjects: ReadonlyMap<string, number>;
  /** The matcher for free text and project names (names, aliases, last path segment, python- affixes). */
  index: CatalogueIndex<MatchableProject>;
  /** slug -> id of the OpenStack teams. */
  teams: ReadonlyMap<string, number>;
}

export interface PlannedSelection {
  projectId: number;
  kinds: ContributionKind[];
  frequency: string;
}

/** A valid response of the file, resolved to ids, ready for the bulk write. */
export interface PlannedResponse {
  key: string;
  line: number;
  createdAt: Date | null;
  notOpenStackContributor: boolean;
  yearsContributing: number | null;
  employerPaid: string | null;
  comment: string | null;
  teamIds: number[];
  selections: PlannedSelection[];
  others: { rawText: string; projectId: number | null }[];
}

export type ImportRowStatus = "valid" | "rejected" | "already-imported";

export interface ImportRowReport {
  /** Line of the file where the row starts (1 is the header). */
  line: number;
  key: string;
  status: ImportRowStatus;
  /** Projects chosen by slug (wide columns, long project rows). */
  projects: string[];
  /** Names that matched a catalogue project. */
  matched: { text: string; slug: string }[];
  /** Names that matched nothing: stored as free text, with a close catalogue name when one exists. */
  freeText: { text: string; suggestion: string | null }[];
  reason: string | null;
}

export interface ImportFileError {
  line: number | null;
  message: string;
}

/** One candidate response of the file (a wide row, or the rows of one long or pairs respondent). */
export interface ImportOutcome {
  key: string;
  status: ImportRowStatus;
}

export type ParsedImport =
  | { ok: true; layout: ImportLayout; responses: PlannedResponse[]; rows: ImportRowReport[]; outcomes: ImportOutcome[] }
  | { ok: false; error: ImportFileError };

const fail = (line: number | null, message: string): ParsedImport => ({ ok: false, error: { line, message } });

/** A row-level problem: the row is rejected with this reason. */
class RowProblem extends Error {}
const problem = (message: string): never => {
  throw new RowProblem(message);
};

// ---------------------------------------------------------------------------------------------
// Bytes to records, with the line on which each record starts.

const UTF8_BOM_BYTES = [0xef, 0xbb, 0xbf];

/** Text of a UTF-8 file without its BOM, or the line of the first byte that is not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): { ok: true; body: Uint8Array } | { ok: false; line: number } {
  const body = UTF8_BOM_BYTES.every((b, i) => bytes[i] === b) ? bytes.subarray(3) : bytes;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(body);
    return { ok: true, body };
  } catch {
    const lossy = new TextDecoder("utf-8").decode(body);
    const bad = lossy.indexOf("\uFFFD");
    return { ok: false, line: lossy.slice(0, Math.max(0, bad)).split(/\r\n|\n|\r/).length };
  }
}

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

/** First byte of a record at or after `offset`, past the empty lines csv-parse skipped. */
function skipLineBreaks(bytes: Uint8Array, offset: number): number {
  let at = offset;
  while (bytes[at] === 0x0a || bytes[at] === 0x0d) at++;
  return at;
}

interface SourceRecord {
  line: number;
  cells: string[];
}

const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted field is never closed (unbalanced quotes)",
  CSV_INVALID_CLOSING_QUOTE: "a quote inside a quoted field is not doubled, or text follows a closing quote",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "text follows a closing quote",
  CSV_MAX_RECORD_SIZE: "a record is too large",
};

function readRecords(body: Uint8Array): { ok: true; records: SourceRecord[] } | { ok: false; error: ImportFileError } {
  const starts = lineStarts(body);
  // Byte offset where each record ends, as csv-parse emits it: the next record starts after it (and after skipped empty lines).
  const ends: number[] = [];
  try {
    const parsed = parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength), {
      relax_column_count: true,
      skip_empty_lines: true,
      // Our exports always quote a field with a line break; a stray CR or LF elsewhere ends the record.
      record_delimiter: ["\r\n", "\n", "\r"],
      on_record: (record: string[], context: { bytes: number }) => {
        ends.push(context.bytes);
        return record;
      },
    }) as unknown as string[][];
    const records = parsed.map((cells, i) => ({ line: lineAt(starts, skipLineBreaks(body, i === 0 ? 0 : (ends[i - 1] ?? 0))), cells }));
    return { ok: true, records };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = lineAt(starts, skipLineBreaks(body, ends.at(-1) ?? 0));
    return { ok: false, error: { line, message: `not valid CSV: ${CSV_PROBLEMS[error.code] ?? error.message}` } };
  }
}

// ---------------------------------------------------------------------------------------------
// Cells.

/** Undo the export's formula guard (a leading ' before = + - @ tab CR), so our own files round-trip exactly. */
export function restoreCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function cleanText(value: string, max: number, what: string): string {
  if (FORBIDDEN_CHARACTERS.test(value)) problem(`${what} contains control characters`);
  const text = value.normalize("NFC").trim();
  if (text.length > max) problem(`${what} is longer than ${max.toLocaleString("en")} characters`);
  return text;
}

function parseKey(value: string, column: string): string {
  const key = cleanText(value, MAX_KEY_LENGTH, column);
  if (!key) problem(`${column} is empty`);
  return key;
}

function parseBoolean(value: string, column: string): boolean {
  const text = value.trim().toLowerCase();
  if (text === "" || text === "false" || text === "no" || text === "0") return false;
  if (text === "true" || text === "yes" || text === "1") return true;
  return problem(`${column} must be true or false, not “${value}”`);
}

function parseYears(value: string): number | null {
  const text = value.trim();
  if (text === "") return null;
  const years = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
  if (!(years >= 0 && years <= 60)) problem(`years_contributing must be a whole number from 0 to 60, not “${value}”`);
  return years;
}

function parseEmployerPaid(value: string): string | null {
  const text = value.trim().toLowerCase();
  if (text === "") return null;
  if (!(EMPLOYER_PAID as readonly string[]).includes(text)) problem(`employer_paid must be one of ${EMPLOYER_PAID.join(", ")}, not “${value}”`);
  return text;
}

function parseTimestamp(value: string): Date | null {
  const text = value.trim();
  if (text === "") return null;
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(text);
  // A time without a zone is taken as UTC, like the export writes it.
  const date = match ? new Date(match[2] ? `${match[1]}T${match[2]}${match[3] ?? "Z"}` : `${match[1]}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime())) problem(`submitted_at must be an ISO 8601 date or time (2026-03-01T10:00:00Z), not “${value}”`);
  return date;
}

function parseList(value: string): string[] {
  return [...new Set(value.split(LIST_SEPARATOR).map((item) => item.trim().toLowerCase()).filter(Boolean))];
}

function parseTeams(value: string, catalogue: ImportCatalogue): number[] {
  return parseList(value).map((slug) => catalogue.teams.get(slug) ?? problem(`“${slug}” is not an OpenStack team`));
}

function parseSelection(kindsText: string, frequencyText: string, what: string): PlannedSelection | null {
  const kinds = parseList(kindsText).map((kind) =>
    (CONTRIBUTION_KINDS as readonly string[]).includes(kind)
      ? (kind as ContributionKind)
      : problem(`${what}: “${kind}” is not a kind of contribution (${CONTRIBUTION_KINDS.join(", ")})`),
  );
  const frequency = frequencyText.trim().toLowerCase();
  if (kinds.length === 0 && frequency === "") return null;
  if (frequency !== "" && !(STORED_FREQUENCIES as readonly string[]).includes(frequency)) {
    problem(`${what}: frequency must be one of ${STORED_FREQUENCIES.join(", ")}, not “${frequencyText}”`);
  }
  return { projectId: 0, kinds: CONTRIBUTION_KINDS.filter((kind) => kinds.includes(kind)), frequency: frequency || UNSPECIFIED_FREQUENCY };
}

/** Optimal string alignment distance, giving up above `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (prevPrev[j - 2] ?? 0) + 1);
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] ?? limit + 1;
}

/** A catalogue project whose name or alias is one or two typos away; only a hint in the report, never a match. */
export function suggestForTypo(index: CatalogueIndex<MatchableProject>, text: string): string | null {
  let best: { slug: string; distance: number } | null = null;
  for (const key of candidateKeys(text)) {
    if (key.length < 4) continue;
    const limit = key.length <= 6 ? 1 : 2;
    for (const [label, project] of index.byKey) {
      const distance = editDistance(key, label, limit);
      if (distance <= limit && (!best || distance < best.distance)) best = { slug: project.slug, distance };
    }
  }
  return best?.slug ?? null;
}

// ---------------------------------------------------------------------------------------------
// Layouts.

export function detectImportLayout(header: readonly string[]): { ok: true; layout: ImportLayout } | { ok: false; message: string } {
  const names = header.map((name) => name.trim().toLowerCase());
  if (names.includes("project_slug")) return { ok: true, layout: "long" };
  if (names.length === 2 && RESPONDENT_HEADERS.has(names[0] ?? "") && PROJECT_HEADERS.has(names[1] ?? "")) return { ok: true, layout: "pairs" };
  if (names.includes("response_id")) return { ok: true, layout: "wide" };
  return {
    ok: false,
    message:
      "cannot tell the layout from the header: expected the wide export (response_id, ..., one column per project slug), " +
      "the long export (response_id, ..., project_slug, ...) or two columns “respondent, project”",
  };
}

interface RowDraft {
  report: ImportRowReport;
  response: Omit<PlannedResponse, "key" | "line"> | null;
}

const emptyReport = (line: number, key: string): ImportRowReport => ({
  line,
  key,
  status: "valid",
  projects: [],
  matched: [],
  freeText: [],
  reason: null,
});

/**
 * Match free-text names against the catalogue, keeping the raw text. In a pairs sheet the names are the
 * answers, so a match also becomes a selection (as the web form does with free text); `selections` is then
 * the list to add to. Wide and long files list their selections explicitly, and free text adds none, so an
 * export imported again is stored exactly as it was.
 */
function resolveNames(
  names: readonly string[],
  catalogue: ImportCatalogue,
  selections: PlannedSelection[] | null,
  report: ImportRowReport,
): { rawText: string; projectId: number | null }[] {
  return names.map((rawText) => {
    const project = matchProjectName(catalogue.index, rawText);
    if (!project) {
      report.freeText.push({ text: rawText, suggestion: suggestForTypo(catalogue.index, rawText) });
      return { rawText, projectId: null };
    }
    report.matched.push({ text: rawText, slug: project.slug });
    if (selections && !selections.some((s) => s.projectId === project.id)) selections.push({ projectId: project.id, kinds: [], frequency: UNSPECIFIED_FREQUENCY });
    return { rawText, projectId: project.id };
  });
}

type Cells = (column: string) => string;

function parseResponseFields(get: Cells, catalogue: ImportCatalogue, hasComment: boolean) {
  const round = get("round").trim();
  if (round !== "" && round !== catalogue.roundSlug) problem(`round is “${round}” but the import is into “${catalogue.roundSlug}”`);
  const teamIds = parseTeams(get("teams"), catalogue);
  const notOpenStackContributor = parseBoolean(get("not_openstack_contributor"), "not_openstack_contributor");
  if (notOpenStackContributor && teamIds.length > 0) problem("teams are given but not_openstack_contributor is true");
  return {
    createdAt: parseTimestamp(get("submitted_at")),
    teamIds,
    notOpenStackContributor,
    yearsContributing: parseYears(get("years_contributing")),
    employerPaid: parseEmployerPaid(get("employer_paid")),
    comment: hasComment ? cleanText(get("comment"), MAX_TEXT_LENGTH, "comment") || null : null,
  };
}

const checkSelectionCount = (selections: readonly PlannedSelection[]) => {
  if (selections.length > MAX_SELECTIONS) problem(`names more than ${MAX_SELECTIONS} projects`);
};

function headerIndex(header: readonly string[]): Map<string, number> {
  return new Map(header.map((name, i) => [name.trim().toLowerCase(), i]));
}

const cellsOf = (record: SourceRecord, columns: ReadonlyMap<string, number>): Cells => (column) => {
  const index = columns.get(column);
  return index === undefined ? "" : restoreCell(record.cells[index] ?? "");
};

function checkFieldCount(record: SourceRecord, header: readonly string[]) {
  if (record.cells.length !== header.length) problem(`has ${record.cells.length} fields but the header has ${header.length}`);
}

interface WideColumns {
  projects: { projectId: number; slug: string; kinds?: number; frequency?: number }[];
  others: { position: number; index: number }[];
}

function wideColumns(header: readonly string[], catalogue: ImportCatalogue): { ok: true; columns: WideColumns } | { ok: false; message: string } {
  const fixed = new Set<string>([...WIDE_LEADING_COLUMNS, ...WIDE_TRAILING_COLUMNS]);
  const projects = new Map<string, WideColumns["projects"][number]>();
  const others: WideColumns["others"] = [];
  const unknown: string[] = [];
  header.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (fixed.has(name)) return;
    const other = /^other_(\d+)$/.exec(name);
    if (other) {
      const position = Number(other[1]);
      if (position >= 1 && position <= WIDE_OTHER_COLUMNS) others.push({ position, index });
      else unknown.push(`${raw} (at most ${WIDE_OTHER_COLUMNS} free-text columns)`);
      return;
    }
    const isFrequency = name.endsWith(FREQUENCY_SUFFIX);
    const slug = (isFrequency ? name.slice(0, -FREQUENCY_SUFFIX.length) : name).replace(/^project:/, "");
    const projectId = catalogue.roundProjects.get(slug);
    if (projectId === undefined) {
      unknown.push(raw);
      return;
    }
    const entry = projects.get(slug) ?? { projectId, slug };
    if (isFrequency) entry.frequency = index;
    else entry.kinds = index;
    projects.set(slug, entry);
  });
  if (unknown.length > 0) {
    return {
      ok: false,
      message: `unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((name) => `“${name}”`).join(", ")}: not a fixed column and not a project of round “${catalogue.roundSlug}”`,
    };
  }
  return { ok: true, columns: { projects: [...projects.values()], others: others.sort((a, b) => a.position - b.position) } };
}

function parseWideRecord(
  record: SourceRecord,
  header: readonly string[],
  get: Cells,
  columns: WideColumns,
  catalogue: ImportCatalogue,
  report: ImportRowReport,
  hasComment: boolean,
) {
  checkFieldCount(record, header);
  const fields = parseResponseFields(get, catalogue, hasComment);
  const selections: PlannedSelection[] = [];
  for (const column of columns.projects) {
    const cell = (index: number | undefined) => (index === undefined ? "" : restoreCell(record.cells[index] ?? ""));
    const selection = parseSelection(cell(column.kinds), cell(column.frequency), column.slug);
    if (!selection) continue;
    selections.push({ ...selection, projectId: column.projectId });
    report.projects.push(column.slug);
  }
  const names = [...new Set(columns.others.map((o) => cleanText(restoreCell(record.cells[o.index] ?? ""), MAX_OTHER_LENGTH, `other_${o.position}`)).filter(Boolean))];
  const others = resolveNames(names, catalogue, null, report);
  checkSelectionCount(selections);
  return { ...fields, selections, others };
}

/** Parse an import file against a round's catalogue. File-level problems stop everything; row problems reject the row. */
export function parseImportFile(bytes: Uint8Array, catalogue: ImportCatalogue): ParsedImport {
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    return fail(null, `the file is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_IMPORT_BYTES / 1024 / 1024} MB (split it into several files)`);
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return fail(decoded.line, "the file is not UTF-8 text (in a spreadsheet, save it as “CSV UTF-8”)");
  const read = readRecords(decoded.body);
  if (!read.ok) return { ok: false, error: read.error };
  const [headerRecord, ...records] = read.records;
  if (!headerRecord) return fail(1, "the file is empty: expected a header row");
  const header = headerRecord.cells;
  const names = header.map((name) => name.trim().toLowerCase());
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined) return fail(headerRecord.line, `the column “${duplicate}” appears twice in the header`);
  const detected = detectImportLayout(header);
  if (!detected.ok) return fail(headerRecord.line, detected.message);
  const columns = headerIndex(header);
  const layout = detected.layout;

  if (layout === "wide") {
    const wide = wideColumns(header, catalogue);
    if (!wide.ok) return fail(headerRecord.line, wide.message);
    const hasComment = names.includes("comment");
    const drafts = records.map((record): RowDraft & { line: number } => {
      const get = cellsOf(record, columns);
      const report = emptyReport(record.line, get("response_id").trim());
      try {
        report.key = parseKey(get("response_id"), "response_id");
        return { line: record.line, report, response: parseWideRecord(record, header, get, wide.columns, catalogue, report, hasComment) };
      } catch (error) {
        return { line: record.line, report: rejectReport(report, error), response: null };
      }
    });
    return finish(layout, drafts.map((d) => ({ key: d.report.key, drafts: [d] })));
  }

  const allowed = new Set<string>(layout === "long" ? LONG_COLUMNS : names);
  const unknown = header.filter((name) => !allowed.has(name.trim().toLowerCase()));
  if (unknown.length > 0) {
    return fail(headerRecord.line, `unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((n) => `“${n}”`).join(", ")} for the long layout (expected ${LONG_COLUMNS.join(", ")})`);
  }
  const keyColumn = layout === "long" ? "response_id" : (names[0] ?? "");
  // Rows of one respondent may be anywhere in the file; they are grouped in order of first appearance.
  const groups = new Map<string, { key: string; records: SourceRecord[] }>();
  const keyless: SourceRecord[] = [];
  for (const record of records) {
    const raw = cellsOf(record, columns)(keyColumn).trim();
    if (!raw) {
      keyless.push(record);
      continue;
    }
    const group = groups.get(raw) ?? { key: raw, records: [] };
    group.records.push(record);
    groups.set(raw, group);
  }
  const parsedGroups = [...groups.values()].map((group) => ({
    key: group.key,
    drafts: layout === "long" ? parseLongGroup(group.records, header, columns, catalogue) : parsePairsGroup(group.records, header, columns, catalogue),
  }));
  for (const record of keyless) {
    const report = rejectReport(emptyReport(record.line, ""), new RowProblem(`${keyColumn} is empty`));
    parsedGroups.push({ key: "", drafts: [{ line: record.line, report, response: null }] });
  }
  return finish(layout, parsedGroups);
}

function rejectReport(report: ImportRowReport, error: unknown): ImportRowReport {
  if (!(error instanceof RowProblem)) throw error;
  return { ...report, status: "rejected", reason: error.message };
}

function parseLongGroup(records: readonly SourceRecord[], header: readonly string[], columns: ReadonlyMap<string, number>, catalogue: ImportCatalogue) {
  const responseColumns = WIDE_LEADING_COLUMNS.filter((column) => column !== "response_id");
  const first = records[0];
  const firstCells = first ? cellsOf(first, columns) : () => "";
  const state: { fields: ReturnType<typeof parseResponseFields> | null } = { fields: null };
  const selections: PlannedSelection[] = [];
  const others: { position: number; line: number; text: string; report: ImportRowReport }[] = [];
  const drafts = records.map((record): RowDraft & { line: number } => {
    const get = cellsOf(record, columns);
    const report = emptyReport(record.line, get("response_id").trim());
    try {
      checkFieldCount(record, header);
      parseKey(get("response_id"), "response_id");
      if (record === first) state.fields = parseResponseFields(get, catalogue, false);
      const differing = responseColumns.find((column) => get(column).trim() !== firstCells(column).trim());
      if (differing && first) problem(`${differing} differs from line ${first.line} of the same response`);
      const rowType = parseRowType(get);
      if (rowType === "project") {
        const slug = get("project_slug").trim().toLowerCase();
        const selection = parseSelection(get("kinds"), get("frequency"), slug) ?? { projectId: 0, kinds: [], frequency: UNSPECIFIED_FREQUENCY };
        // A project the round does not offer appears only when the web form matched free text to it (no kinds).
        const offered = catalogue.roundProjects.get(slug);
        const derived = selection.kinds.length === 0 ? catalogue.catalogueProjects.get(slug) : undefined;
        const projectId = offered ?? derived ?? problem(`“${slug}” is not a project of round “${catalogue.roundSlug}”`);
        if (selections.some((s) => s.projectId === projectId)) problem(`project “${slug}” appears twice in the same response`);
        selections.push({ ...selection, projectId });
        report.projects.push(slug);
      } else if (rowType === "other") {
        const text = cleanText(get("other_text"), MAX_OTHER_LENGTH, "other_text");
        if (!text) problem("other_text is empty on an “other” row");
        const positionText = get("other_position").trim();
        const position = positionText === "" ? Infinity : /^\d+$/.test(positionText) ? Number(positionText) : problem(`other_position must be a whole number, not “${positionText}”`);
        others.push({ position, line: record.line, text, report });
      }
      return { line: record.line, report, response: null };
    } catch (error) {
      return { line: record.line, report: rejectReport(report, error), response: null };
    }
  });
  const firstDraft = drafts[0];
  const fields = state.fields;
  if (!firstDraft || !fields || drafts.some((d) => d.report.status === "rejected")) return drafts;
  try {
    // Free text in the order typed; each entry's report row says what it matched.
    const seen = new Set<string>();
    const resolved = others
      .sort((a, b) => a.position - b.position || a.line - b.line)
      .filter((o) => !seen.has(o.text) && seen.add(o.text))
      .flatMap((o) => resolveNames([o.text], catalogue, null, o.report));
    if (resolved.length > MAX_OTHER_ENTRIES) problem(`names more than ${MAX_OTHER_ENTRIES} other projects`);
    checkSelectionCount(selections);
    firstDraft.response = { ...fields, selections, others: resolved };
  } catch (error) {
    firstDraft.report = rejectReport(firstDraft.report, error);
  }
  return drafts;
}

function parseRowType(get: Cells): LongRowType {
  const text = get("row_type").trim().toLowerCase();
  if (text === "") {
    // A hand-made long sheet may leave row_type out: a slug makes a project row, text an "other" row.
    if (get("project_slug").trim()) return "project";
    if (get("other_text").trim()) return "other";
    return "none";
  }
  if (!(LONG_ROW_TYPES as readonly string[]).includes(text)) problem(`row_type must be one of ${LONG_ROW_TYPES.join(", ")}, not “${text}”`);
  if (text === "project" && !get("project_slug").trim()) problem("project_slug is empty on a “project” row");
  return text as LongRowType;
}

function parsePairsGroup(records: readonly SourceRecord[], header: readonly string[], _columns: ReadonlyMap<string, number>, catalogue: ImportCatalogue) {
  const selections: PlannedSelection[] = [];
  const seen = new Set<string>();
  const others: { rawText: string; projectId: number | null }[] = [];
  const drafts = records.map((record): RowDraft & { line: number } => {
    const report = emptyReport(record.line, (record.cells[0] ?? "").trim());
    try {
      checkFieldCount(record, header);
      report.key = parseKey(restoreCell(record.cells[0] ?? ""), header[0] ?? "respondent");
      // An empty project name keeps a respondent who named no project.
      const name = cleanText(restoreCell(record.cells[1] ?? ""), MAX_OTHER_LENGTH, "the project name");
      if (name && !seen.has(name)) {
        seen.add(name);
        others.push(...resolveNames([name], catalogue, selections, report));
      }
      return { line: record.line, report, response: null };
    } catch (error) {
      return { line: record.line, report: rejectReport(report, error), response: null };
    }
  });
  const firstDraft = drafts[0];
  if (!firstDraft || drafts.some((d) => d.report.status === "rejected")) return drafts;
  try {
    checkSelectionCount(selections);
    if (others.length > MAX_SELECTIONS) problem(`names more than ${MAX_SELECTIONS} projects`);
    firstDraft.response = { createdAt: null, teamIds: [], notOpenStackContributor: false, yearsContributing: null, employerPaid: null, comment: null, selections, others };
  } catch (error) {
    firstDraft.report = rejectReport(firstDraft.report, error);
  }
  return drafts;
}

/** One response per key; a key whose rows include a rejected one is rejected whole, and so is a repeated wide row. */
function finish(layout: ImportLayout, groups: { key: string; drafts: (RowDraft & { line: number })[] }[]): ParsedImport {
  const responses: PlannedResponse[] = [];
  const rows: ImportRowReport[] = [];
  const outcomes: ImportOutcome[] = [];
  const firstLineOfKey = new Map<string, number>();
  for (const group of groups) {
    const rejected = group.drafts.find((d) => d.report.status === "rejected");
    const firstLine = group.drafts[0]?.line ?? 0;
    const earlier = group.key ? firstLineOfKey.get(group.key) : undefined;
    for (const draft of group.drafts) {
      if (draft.report.status !== "rejected" && earlier !== undefined) {
        draft.report = { ...draft.report, status: "rejected", reason: `${layout === "wide" ? "response_id" : "the respondent"} “${group.key}” appears twice (first on line ${earlier})` };
      } else if (draft.report.status !== "rejected" && rejected) {
        draft.report = { ...draft.report, status: "rejected", reason: `not imported: line ${rejected.line} of the same respondent is invalid` };
      }
      rows.push(draft.report);
    }
    if (group.key && earlier === undefined) firstLineOfKey.set(group.key, firstLine);
    const planned = group.drafts.find((d) => d.response)?.response;
    const isValid = planned !== undefined && planned !== null && !rejected && earlier === undefined;
    if (isValid) responses.push({ key: group.key, line: firstLine, ...planned });
    outcomes.push({ key: group.key, status: isValid ? "valid" : "rejected" });
  }
  rows.sort((a, b) => a.line - b.line);
  return { ok: true, layout, responses, rows, outcomes };
}

// ---------------------------------------------------------------------------------------------
// The report.

export interface ImportReport {
  file: string;
  round: string;
  layout: ImportLayout;
  dryRun: boolean;
  skipInvalid: boolean;
  /** Whether the valid responses were written (false for a dry run or when invalid rows stopped the import). */
  written: boolean;
  rows: ImportRowReport[];
  totals: { responses: number; imported: number; alreadyImported: number; rejected: number };
}

/** Count responses (not lines) by outcome: a long or pairs response spans several lines. */
export function countOutcomes(outcomes: readonly ImportOutcome[], written: boolean): ImportReport["totals"] {
  const count = (status: ImportRowStatus) => outcomes.filter((outcome) => outcome.status === status).length;
  return { responses: outcomes.length, imported: written ? count("valid") : 0, alreadyImported: count("already-imported"), rejected: count("rejected") };
}

const quote = (text: string) => `“${text.replace(/\s+/g, " ")}”`;

/** The report as printed by `npm run import`: one line per row, then the totals and what happened. */
export function formatImportReport(report: ImportReport): string {
  const validWord = report.written ? "imported" : report.dryRun ? "would import" : "not imported";
  const keyWidth = Math.min(36, Math.max(0, ...report.rows.map((row) => row.key.length)));
  const lineWidth = String(Math.max(1, ...report.rows.map((row) => row.line))).length;
  const lines = report.rows.map((row) => {
    const head = `line ${String(row.line).padStart(lineWidth)}  ${row.key.slice(0, 36).padEnd(keyWidth)}  `;
    if (row.status === "rejected") return `${head}rejected: ${row.reason}`;
    if (row.status === "already-imported") return `${head}already imported, left unchanged`;
    const parts: string[] = [];
    if (row.projects.length > 0) parts.push(`projects ${row.projects.join(", ")}`);
    if (row.matched.length > 0) parts.push(`matched ${row.matched.map((m) => `${quote(m.text)} → ${m.slug}`).join(", ")}`);
    if (row.freeText.length > 0) {
      parts.push(`free text ${row.freeText.map((f) => quote(f.text) + (f.suggestion ? ` (did you mean ${f.suggestion}?)` : "")).join(", ")}`);
    }
    return `${head}${validWord}${parts.length > 0 ? `: ${parts.join("; ")}` : ""}`;
  });
  const { totals } = report;
  const valid = totals.responses - totals.alreadyImported - totals.rejected;
  lines.push(
    "",
    `${report.file} → round ${report.round} (${report.layout} layout): ${totals.responses} response(s) in the file; ` +
      `${report.written ? totals.imported : 0} imported, ${totals.alreadyImported} already imported, ${totals.rejected} rejected.`,
  );
  if (report.dryRun) lines.push(`Dry run: nothing was written; ${valid} response(s) would be imported.`);
  else if (!report.written && totals.rejected > 0) {
    lines.push(`Nothing was written: ${totals.rejected} response(s) have invalid rows. Fix them, or pass --skip-invalid to import the ${valid} valid one(s).`);
  } else if (!report.written) lines.push("Nothing to write.");
  return lines.join("\n");
}
