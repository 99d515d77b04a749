// Streaming writer: the same records as toWideRow / toLongRows + toCsvRecords (./responses-csv.ts), built straight
// as text. An export writes millions of records; building a cell array per record and a string per cell made the
// export allocate about 30 bytes per byte written, and that garbage (not live data) set the server's peak
// memory. Here every field that repeats (the response's leading cells, a project's slug, name and category, a
// set of kinds, a frequency) is encoded once, and a wide row skips its empty cells as runs of commas.
// responses-csv.test.ts holds the writer byte-for-byte to the array functions.
import { CSV_RECORD_END, toCsvField, toCsvRecords } from "./csv";
import {
  KINDS_BY_MASK,
  WIDE_LEADING_COLUMNS,
  WIDE_OTHER_COLUMNS,
  WIDE_TRAILING_COLUMNS,
  byPosition,
  headerFor,
  joinKinds,
  teamSlugs,
  type ExportContext,
  type ExportLayout,
  type ExportResponse,
} from "./responses-csv";

export interface ResponsesCsvWriter {
  /** The header record, line end included. */
  readonly header: string;
  /** Every record of one response (one wide row, or its long rows), line ends included. */
  write(response: ExportResponse): string;
}

/** Stable insertion sort of a short list into `into` (reused between calls): no allocation per response. */
function sortInto<T>(into: T[], items: readonly T[], compare: (a: T, b: T) => number): T[] {
  into.length = 0;
  for (const item of items) {
    let i = into.length;
    into.push(item);
    for (; i > 0 && compare(into[i - 1]!, item) > 0; i--) into[i] = into[i - 1]!;
    into[i] = item;
  }
  return into;
}

export function createResponsesCsvWriter(context: ExportContext, layout: ExportLayout): ResponsesCsvWriter {
  const kindsFields = new Map<readonly string[], string>(KINDS_BY_MASK.map((kinds) => [kinds, toCsvField(joinKinds(kinds))]));
  const kindsField = (kinds: readonly string[]) => kindsFields.get(kinds) ?? toCsvField(joinKinds(kinds));
  const frequencyFields = new Map<string, string>();
  const frequencyField = (frequency: string) => {
    let field = frequencyFields.get(frequency);
    if (field === undefined) frequencyFields.set(frequency, (field = toCsvField(frequency)));
    return field;
  };
  const roundField = toCsvField(context.roundSlug);
  const leadingFields = (response: ExportResponse) =>
    toCsvField(response.id) +
    "," +
    roundField +
    "," +
    toCsvField(response.createdAt) +
    "," +
    toCsvField(teamSlugs(context, response.teamIds)) +
    "," +
    toCsvField(response.notOpenStackContributor) +
    "," +
    toCsvField(response.nothingOutsideOpenStack) +
    "," +
    toCsvField(response.yearsContributing) +
    "," +
    toCsvField(response.employerPaid);
  const header = toCsvRecords([headerFor(context, layout)]);
  const others: ExportResponse["others"][number][] = [];
  const parts: WriterParts = { context, header, leadingFields, kindsField, frequencyField, others };
  return layout === "wide" ? wideWriter(parts) : longWriter(parts);
}

type FieldOf<T> = (value: T) => string;

/** What both layouts' writers are built from: the encoded header, the field encoders and a reused buffer. */
interface WriterParts {
  context: ExportContext;
  header: string;
  leadingFields: FieldOf<ExportResponse>;
  kindsField: FieldOf<readonly string[]>;
  frequencyField: FieldOf<string>;
  others: ExportResponse["others"][number][];
}

function wideWriter(parts: WriterParts): ResponsesCsvWriter {
  const { context, header, leadingFields, kindsField, frequencyField, others } = parts;
  const width = context.wideHeader.length;
  const firstOther = width - WIDE_TRAILING_COLUMNS.length - WIDE_OTHER_COLUMNS;
  // separators[n]: n commas, the text between the end of one written cell and the start of a cell n further on.
  const separators = Array.from({ length: width + 1 }, (_, n) => ",".repeat(n));
  const chosen: { column: number; selection: ExportResponse["selections"][number] }[] = [];
  const byColumn = (a: { column: number }, b: { column: number }) => a.column - b.column;
  const scratch: typeof chosen = [];
  return {
    header,
    write(response) {
      // Cells 0..6 are written; `next` is the index of the first cell not yet written.
      let record = leadingFields(response);
      let next = WIDE_LEADING_COLUMNS.length;
      const put = (column: number, field: string) => {
        record += separators[column - next + 1]! + field;
        next = column + 1;
      };
      chosen.length = 0;
      for (const selection of response.selections) {
        const column = context.wideColumnByProject.get(selection.projectId);
        if (column !== undefined) chosen.push({ column, selection });
      }
      for (const { column, selection } of sortInto(scratch, chosen, byColumn)) {
        put(column, kindsField(selection.kinds));
        put(column + 1, frequencyField(selection.frequency));
      }
      const typed = sortInto(others, response.others, byPosition);
      for (let i = 0; i < typed.length && i < WIDE_OTHER_COLUMNS; i++) put(firstOther + i, toCsvField(typed[i]!.rawText));
      put(width - 1, toCsvField(response.comment));
      return record + CSV_RECORD_END;
    },
  };
}

function longWriter(parts: WriterParts): ResponsesCsvWriter {
  const { context, header, leadingFields, kindsField, frequencyField, others } = parts;
  // ",project,<slug>,<name>,<category>," for every project that can appear, encoded once.
  const projectFields = new Map<number, string>();
  const projectPrefix = (projectId: number) => {
    let prefix = projectFields.get(projectId);
    if (prefix === undefined) {
      const project = context.projectsById.get(projectId);
      prefix = "," + ["project", project?.slug, project?.name, project?.categoryName].map(toCsvField).join(",") + ",";
      projectFields.set(projectId, prefix);
    }
    return prefix;
  };
  const rank = (projectId: number) => context.projectRank.get(projectId) ?? Infinity;
  const byRank = (a: { projectId: number }, b: { projectId: number }) => rank(a.projectId) - rank(b.projectId) || a.projectId - b.projectId;
  const selections: ExportResponse["selections"][number][] = [];
  // Empty cells after a project row's frequency, before an other row's position, and of a none row.
  const PROJECT_END = ",,," + CSV_RECORD_END;
  const OTHER_PREFIX = ",other,,,,,,";
  const NONE_ROW = ",none,,,,,,,," + CSV_RECORD_END;
  return {
    header,
    write(response) {
      const lead = leadingFields(response);
      let records = "";
      for (const selection of sortInto(selections, response.selections, byRank)) {
        records += lead + projectPrefix(selection.projectId) + kindsField(selection.kinds) + "," + frequencyField(selection.frequency) + PROJECT_END;
      }
      const typed = sortInto(others, response.others, byPosition);
      for (let i = 0; i < typed.length; i++) {
        const other = typed[i]!;
        const matched = other.projectId === null ? undefined : context.projectsById.get(other.projectId);
        records += lead + OTHER_PREFIX + (i + 1) + "," + toCsvField(other.rawText) + "," + toCsvField(matched?.slug) + CSV_RECORD_END;
      }
      return records === "" ? lead + NONE_ROW : records;
    },
  };
}
