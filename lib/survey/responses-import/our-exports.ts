// Our own raw exports read back (../responses-csv.ts writes them): `wide`, one row per response, and `long`,
// one row per chosen project or free-text entry. The project columns or rows are the selections: a project
// with kinds is a choice from the list (checked by the schema like any answer), one without kinds and with
// frequency "unspecified" was named as free text and linked to the project (by the matcher or an organiser),
// and is kept as given. Free text adds no selection here, so an export imported again is stored as it was.
import { UNSPECIFIED_FREQUENCY } from "../answer-codes";
import {
  FREQUENCY_SUFFIX,
  LONG_COLUMNS,
  LONG_ROW_TYPES,
  WIDE_LEADING_COLUMNS,
  WIDE_OTHER_COLUMNS,
  WIDE_TRAILING_COLUMNS,
  type LongRowType,
} from "../responses-csv";
import {
  checkAnswer,
  emptyReport,
  problem,
  rejectReport,
  type AnswerDraft,
  type DescribeField,
  type ImportCatalogue,
  type ImportRowReport,
} from "./answer-check";
import { readFlag, readKey, readNumber, readOptionalText, readSlugList, restoreCell } from "./cell-values";
import type { SourceRecord } from "./csv-records";
import {
  fileError,
  finishImport,
  groupRecordsByKey,
  type ParsedImport,
  type ResponseGroup,
  rejectRowOf,
  type RowDraft,
} from "./row-groups";
import { parseIsoTimestamp } from "./timestamps";

type Cells = (column: string) => string;

const cellsOf =
  (record: SourceRecord, columns: ReadonlyMap<string, number>): Cells =>
  (column) => {
    const index = columns.get(column);
    return index === undefined ? "" : restoreCell(record.cells[index] ?? "");
  };

function checkFieldCount(record: SourceRecord, header: readonly string[]) {
  if (record.cells.length !== header.length)
    problem(`has ${record.cells.length} fields but the header has ${header.length}`);
}

// The schema's field names as our exports' columns.
const FIELD_COLUMNS: Record<string, string> = {
  teams: "teams",
  notOpenStackContributor: "not_openstack_contributor",
  nothingOutsideOpenStack: "nothing_outside_openstack",
  yearsContributing: "years_contributing",
  employerPaid: "employer_paid",
  comment: "comment",
};

function readSubmittedAt(get: Cells): Date | null {
  const text = get("submitted_at").trim();
  if (text === "") return null;
  return (
    parseIsoTimestamp(text) ??
    problem(`submitted_at must be an ISO 8601 date or time (2026-03-01T10:00:00Z), not “${text}”`)
  );
}

/** The per-response columns both layouts share, as the schema's fields. */
function readResponseFields(get: Cells, catalogue: ImportCatalogue, hasComment: boolean) {
  const round = get("round").trim();
  if (round !== "" && round !== catalogue.roundSlug)
    problem(`round is “${round}” but the import is into “${catalogue.roundSlug}”`);
  const fields: Omit<AnswerDraft, "projects" | "others"> = {
    teams: readSlugList(get("teams")),
    notOpenStackContributor: readFlag(get("not_openstack_contributor")),
    // Exports made before the answer existed have no such column: it reads as not ticked.
    nothingOutsideOpenStack: readFlag(get("nothing_outside_openstack")),
    yearsContributing: readNumber(get("years_contributing")),
    employerPaid: readOptionalText(get("employer_paid"))?.trim().toLowerCase() ?? null,
    comment: hasComment ? readOptionalText(get("comment")) : null,
  };
  return { fields, createdAt: readSubmittedAt(get) };
}

interface ProjectColumns {
  projectId: number;
  slug: string;
  kinds?: number;
  frequency?: number;
}

function wideColumns(header: readonly string[], catalogue: ImportCatalogue) {
  const fixed = new Set<string>([...WIDE_LEADING_COLUMNS, ...WIDE_TRAILING_COLUMNS]);
  const projects = new Map<string, ProjectColumns>();
  const others: { name: string; position: number; index: number }[] = [];
  const unknown: string[] = [];
  header.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (fixed.has(name)) return;
    const other = /^other_(\d+)$/.exec(name);
    if (other) {
      const position = Number(other[1]);
      if (position >= 1 && position <= WIDE_OTHER_COLUMNS) others.push({ name, position, index });
      else unknown.push(`${raw} (at most ${WIDE_OTHER_COLUMNS} free-text columns)`);
      return;
    }
    const isFrequency = name.endsWith(FREQUENCY_SUFFIX);
    const slug = (isFrequency ? name.slice(0, -FREQUENCY_SUFFIX.length) : name).replace(/^project:/, "");
    const projectId = catalogue.roundProjects.get(slug);
    if (projectId === undefined) return void unknown.push(raw);
    const entry = projects.get(slug) ?? { projectId, slug };
    if (isFrequency) entry.frequency = index;
    else entry.kinds = index;
    projects.set(slug, entry);
  });
  if (unknown.length > 0) {
    const names = unknown.map((name) => `“${name}”`).join(", ");
    return {
      ok: false as const,
      message: `unknown column${unknown.length > 1 ? "s" : ""} ${names}: not a fixed column and not a project of round “${catalogue.roundSlug}”`,
    };
  }
  return {
    ok: true as const,
    projects: [...projects.values()],
    others: others.sort((a, b) => a.position - b.position),
  };
}

export function parseWideExport(
  header: readonly string[],
  records: readonly SourceRecord[],
  catalogue: ImportCatalogue,
): ParsedImport {
  const columns = new Map(header.map((name, i) => [name.trim().toLowerCase(), i]));
  const layout = wideColumns(header, catalogue);
  if (!layout.ok) return fileError(1, layout.message);
  const hasComment = columns.has("comment");
  const groups = records.map((record): ResponseGroup => {
    const get = cellsOf(record, columns);
    const report = emptyReport(record.line, get("response_id").trim());
    try {
      report.key = readKey(get("response_id"), "response_id");
      checkFieldCount(record, header);
      const { fields, createdAt } = readResponseFields(get, catalogue, hasComment);
      const cell = (index: number | undefined) => (index === undefined ? "" : restoreCell(record.cells[index] ?? ""));
      const projects: { column: ProjectColumns; kinds: string[]; frequency: string }[] = [];
      const linked: number[] = [];
      for (const column of layout.projects) {
        const kinds = readSlugList(cell(column.kinds));
        const frequency = cell(column.frequency).trim().toLowerCase();
        if (kinds.length === 0 && frequency === UNSPECIFIED_FREQUENCY) linked.push(column.projectId);
        else if (kinds.length > 0 || frequency !== "") projects.push({ column, kinds, frequency });
        else continue;
        report.projects.push(column.slug);
      }
      const others = layout.others
        .map((o) => ({ name: o.name, text: cell(o.index) }))
        .filter((o) => o.text.trim() !== "");
      const describe: DescribeField = ([field, index, part]) => {
        // A rule about the answer as a whole (the completeness rule) names no column.
        if ((field === "projects" || field === "others") && index === undefined) return { label: "" };
        if (field === "projects") {
          const slug = projects[Number(index)]?.column.slug ?? "a project";
          return { label: part === "frequency" ? `${slug}${FREQUENCY_SUFFIX}` : slug };
        }
        if (field === "others") return { label: others[Number(index)]?.name ?? "other" };
        return { label: FIELD_COLUMNS[String(field)] ?? "" };
      };
      const draft: AnswerDraft = {
        ...fields,
        projects: projects.map((p) => ({ slug: p.column.slug, kinds: p.kinds, frequency: p.frequency })),
        others: others.map((o) => o.text),
      };
      const answer = checkAnswer(
        draft,
        { catalogue, describe, namesChooseProjects: false, linkedProjectIds: linked },
        report,
      );
      return { key: report.key, drafts: [{ line: record.line, report, response: { ...answer, createdAt } }] };
    } catch (error) {
      return { key: report.key, drafts: [{ line: record.line, report: rejectReport(report, error), response: null }] };
    }
  });
  return finishImport("wide", groups);
}

export function parseLongExport(
  header: readonly string[],
  records: readonly SourceRecord[],
  catalogue: ImportCatalogue,
): ParsedImport {
  const unknown = header.filter((name) => !(LONG_COLUMNS as readonly string[]).includes(name.trim().toLowerCase()));
  if (unknown.length > 0) {
    return fileError(
      1,
      `unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((n) => `“${n}”`).join(", ")} for the long layout (expected ${LONG_COLUMNS.join(", ")})`,
    );
  }
  const columns = new Map(header.map((name, i) => [name.trim().toLowerCase(), i]));
  // Rows of one response may be anywhere in the file; they are grouped in order of first appearance.
  const groups = groupRecordsByKey(
    records,
    (record) => cellsOf(record, columns)("response_id").trim(),
    "response_id is empty",
    (rows) => parseLongResponse(rows, header, columns, catalogue),
  );
  return finishImport("long", groups);
}

function parseRowType(get: Cells): LongRowType {
  const text = get("row_type").trim().toLowerCase();
  if (text === "") {
    // A hand-made long sheet may leave row_type out: a slug makes a project row, text an "other" row.
    if (get("project_slug").trim()) return "project";
    if (get("other_text").trim()) return "other";
    return "none";
  }
  if (!(LONG_ROW_TYPES as readonly string[]).includes(text))
    problem(`row_type must be one of ${LONG_ROW_TYPES.join(", ")}, not “${text}”`);
  if (text === "project" && !get("project_slug").trim()) problem("project_slug is empty on a “project” row");
  return text as LongRowType;
}

const RESPONSE_COLUMNS = WIDE_LEADING_COLUMNS.filter((column) => column !== "response_id");

/** The rows of one response of a long file: the response's columns repeat on each, and must agree. */
function parseLongResponse(
  records: readonly SourceRecord[],
  header: readonly string[],
  columns: ReadonlyMap<string, number>,
  catalogue: ImportCatalogue,
): RowDraft[] {
  const [first] = records;
  if (!first) return [];
  const firstCells = cellsOf(first, columns);
  let shared: ReturnType<typeof readResponseFields> | null = null;
  const projects: { line: number; slug: string; kinds: string[]; frequency: string }[] = [];
  const linked: { line: number; slug: string; projectId: number }[] = [];
  const others: { position: number; line: number; text: string; report: ImportRowReport }[] = [];
  const drafts = records.map((record): RowDraft => {
    const get = cellsOf(record, columns);
    const report = emptyReport(record.line, get("response_id").trim());
    try {
      checkFieldCount(record, header);
      readKey(get("response_id"), "response_id");
      if (record === first) shared = readResponseFields(get, catalogue, false);
      const differing = RESPONSE_COLUMNS.find((column) => get(column).trim() !== firstCells(column).trim());
      if (differing) problem(`${differing} differs from line ${first.line} of the same response`);
      const rowType = parseRowType(get);
      if (rowType === "project") {
        const slug = get("project_slug").trim().toLowerCase();
        const kinds = readSlugList(get("kinds"));
        const frequency = get("frequency").trim().toLowerCase();
        if ([...projects, ...linked].some((p) => p.slug === slug))
          problem(`project “${slug}” appears twice in the same response`);
        if (kinds.length === 0 && frequency === UNSPECIFIED_FREQUENCY) {
          // Free text linked to a project may name one the round does not offer, as the web form allows.
          const projectId =
            catalogue.roundProjects.get(slug) ??
            catalogue.catalogueProjects.get(slug) ??
            problem(`“${slug}” is not a project of the catalogue`);
          linked.push({ line: record.line, slug, projectId });
        } else projects.push({ line: record.line, slug, kinds, frequency });
        report.projects.push(slug);
      } else if (rowType === "other") {
        const text = get("other_text");
        if (!text.trim()) problem("other_text is empty on an “other” row");
        const positionText = get("other_position").trim();
        const position =
          positionText === ""
            ? Infinity
            : /^\d+$/.test(positionText)
              ? Number(positionText)
              : problem(`other_position must be a whole number, not “${positionText}”`);
        others.push({ position, line: record.line, text, report });
      }
      return { line: record.line, report, response: null };
    } catch (error) {
      return { line: record.line, report: rejectReport(report, error), response: null };
    }
  });
  const fields = shared as ReturnType<typeof readResponseFields> | null;
  if (!fields || drafts.some((d) => d.report.status === "rejected")) return drafts;
  // Free text in the order typed; each entry's match is reported on its own line.
  const ordered = others.sort((a, b) => a.position - b.position || a.line - b.line);
  const describe: DescribeField = ([field, index]) => {
    if ((field === "projects" || field === "others") && index === undefined) return { label: "" };
    if (field === "projects")
      return { label: projects[Number(index)]?.slug ?? "", line: projects[Number(index)]?.line };
    if (field === "others") return { label: "other_text", line: ordered[Number(index)]?.line };
    return { label: FIELD_COLUMNS[String(field)] ?? "" };
  };
  const draft: AnswerDraft = {
    ...fields.fields,
    projects: projects.map(({ slug, kinds, frequency }) => ({ slug, kinds, frequency })),
    others: ordered.map((o) => o.text),
  };
  const firstDraft = drafts[0] as RowDraft;
  try {
    const reportForName = (text: string) =>
      ordered.find((o) => o.text.normalize("NFC").trim() === text)?.report ?? firstDraft.report;
    const linkedProjectIds = linked.map((l) => l.projectId);
    firstDraft.response = {
      ...checkAnswer(
        draft,
        { catalogue, describe, namesChooseProjects: false, linkedProjectIds, reportForName },
        firstDraft.report,
      ),
      createdAt: fields.createdAt,
    };
  } catch (error) {
    rejectRowOf(drafts, error);
  }
  return drafts;
}
