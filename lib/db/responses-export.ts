// Raw response exports, streamed: responses are read in keyset-paginated batches (by id, so a batch never
// skips or repeats a row however large the round), each batch becomes one CSV chunk, and the next batch is
// read only when the client has taken the previous chunk. Memory stays at about one batch whatever the size.
import { CODEBOOK_COLUMNS, buildExportContext, codebookRows, headerFor, kindsFromColumns, toLongRows, toWideRow } from "../survey/responses-csv";
import type { ExportContext, ExportLayout, ExportProject, ExportResponse } from "../survey/responses-csv";
import { csvContentDisposition, toCsv, toCsvRecords, UTF8_BOM } from "../survey/csv";
import type { CodebookQuery, ExportFilters, ResponsesExportQuery } from "../survey/export-filters";
import { textChunksToStream } from "../survey/text-stream";
import type { Db } from "./client";
import { Prisma } from "./generated/sqlite/client";

// Measured at 100,000 responses: 500 was faster and leaner than 1,000 (less garbage per batch, shorter IN lists).
export const EXPORT_BATCH_SIZE = 500;

export interface ExportRound {
  id: number;
  slug: string;
  title: string;
}

/** Which responses of the round an export holds, resolved to ids. */
export interface ResponseSelection {
  roundId: number;
  teamId?: number;
  categoryId?: number;
  /** null selects the responses that left the question unanswered. */
  employerPaid?: string | null;
}

export interface ResponsesExportPlan {
  round: ExportRound;
  layout: ExportLayout;
  bom: boolean;
  filters: ExportFilters;
  selection: ResponseSelection;
  context: ExportContext;
}

export type PlanResult<T> = { ok: true; plan: T } | { ok: false; message: string };

/** The round a request names, or the latest one that is not a draft: the open or most recently opened round. */
export async function resolveExportRound(db: Db, slug: string | undefined): Promise<PlanResult<ExportRound>> {
  const select = { id: true, slug: true, title: true } as const;
  if (slug) {
    const round = await db.round.findUnique({ where: { slug }, select });
    return round ? { ok: true, plan: round } : { ok: false, message: `There is no survey round “${slug}”.` };
  }
  const latest = await db.round.findFirst({
    where: { status: { not: "draft" } },
    orderBy: [{ opensAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }, { id: "desc" }],
    select,
  });
  return latest ? { ok: true, plan: latest } : { ok: false, message: "There is no survey round to export yet." };
}

const projectSelect = { id: true, slug: true, name: true, category: { select: { name: true } } } as const;
const toExportProject = (p: { id: number; slug: string; name: string; category: { name: string } }): ExportProject => ({
  id: p.id,
  slug: p.slug,
  name: p.name,
  categoryName: p.category.name,
});

/** Columns and lookups of a round's export: from the round's catalogue, never from its responses. */
export async function loadExportContext(db: Db, round: ExportRound): Promise<ExportContext> {
  const [offered, catalogue, teams] = await Promise.all([
    db.roundProject.findMany({
      where: { roundId: round.id },
      orderBy: [{ position: "asc" }, { projectId: "asc" }],
      select: { project: { select: projectSelect } },
    }),
    db.project.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }], select: projectSelect }),
    db.team.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, slug: true } }),
  ]);
  return buildExportContext(round.slug, offered.map((row) => toExportProject(row.project)), catalogue.map(toExportProject), teams);
}

/** Check the filters against the database and build the export; unknown names become a message, not an error. */
export async function prepareResponsesExport(db: Db, query: ResponsesExportQuery): Promise<PlanResult<ResponsesExportPlan>> {
  const round = await resolveExportRound(db, query.round);
  if (!round.ok) return round;
  const selection: ResponseSelection = { roundId: round.plan.id };
  if (query.team) {
    const team = await db.team.findUnique({ where: { slug: query.team }, select: { id: true } });
    if (!team) return { ok: false, message: `There is no OpenStack team “${query.team}”.` };
    selection.teamId = team.id;
  }
  if (query.category) {
    const category = await db.category.findUnique({ where: { slug: query.category }, select: { id: true } });
    if (!category) return { ok: false, message: `There is no project category “${query.category}”.` };
    selection.categoryId = category.id;
  }
  if (query.employerPaid) selection.employerPaid = query.employerPaid === "unanswered" ? null : query.employerPaid;
  const { layout, bom, ...filters } = query;
  return { ok: true, plan: { round: round.plan, layout, bom, filters, selection, context: await loadExportContext(db, round.plan) } };
}

// The batch reads are plain SQL (quoted model and field names, valid on SQLite and PostgreSQL): the export is
// the one place where the ORM's per-row object building dominated the cost (measured about 3x slower).
function selectionConditions(selection: ResponseSelection): Prisma.Sql {
  // "+ 0" keeps both planners off the (roundId, createdAt) index, which would sort the whole round for every
  // batch (quadratic: measured 160 s instead of 10 s at 100,000 responses); walking the primary key in id
  // order and skipping other rounds' rows reads the table once. An index on (roundId, id) would do better still.
  const conditions = [Prisma.sql`r."roundId" + 0 = ${selection.roundId}`];
  if (selection.teamId !== undefined) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "ResponseTeam" t WHERE t."responseId" = r."id" AND t."teamId" = ${selection.teamId})`);
  }
  if (selection.categoryId !== undefined) {
    // A response is in the category when it chose (or named) at least one of its projects; all its rows are exported.
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "ResponseProject" s JOIN "Project" p ON p."id" = s."projectId" WHERE s."responseId" = r."id" AND p."categoryId" = ${selection.categoryId})`,
    );
  }
  if (selection.employerPaid === null) conditions.push(Prisma.sql`r."employerPaid" IS NULL`);
  else if (selection.employerPaid !== undefined) conditions.push(Prisma.sql`r."employerPaid" = ${selection.employerPaid}`);
  return Prisma.join(conditions, " AND ");
}

interface ResponseRow {
  id: string;
  createdAt: Date | string;
  notOpenStackContributor: boolean | number;
  yearsContributing: number | null;
  employerPaid: string | null;
  comment: string | null;
}
interface SelectionRow {
  responseId: string;
  projectId: number;
  frequency: string;
  kindCode: boolean | number;
  kindReview: boolean | number;
  kindBugs: boolean | number;
  kindDocs: boolean | number;
  kindMaintainer: boolean | number;
}
interface TeamRow {
  responseId: string;
  teamId: number;
}
interface OtherRow {
  responseId: string;
  position: number;
  rawText: string;
  projectId: number | null;
}

// Drivers agree on these today; the conversions keep a driver that returns 0/1 or ISO text correct.
const isTrue = (value: boolean | number) => value === true || value === 1;
const toDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

function groupByResponse<T extends { responseId: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.responseId);
    if (group) group.push(row);
    else groups.set(row.responseId, [row]);
  }
  return groups;
}

export interface ExportStreamOptions {
  batchSize?: number;
  /** Called after each batch is read from the database: tests and the benchmark count batches with it. */
  onBatch?: (responses: number) => void;
}

/**
 * The selected responses in id order, `batchSize` at a time, each with its selections, teams and free text.
 * Keyset pagination (id > last id of the previous batch) costs the same for the last batch as for the first;
 * the children of a batch are read by the batch's ids.
 */
export async function* readResponseBatches(db: Db, selection: ResponseSelection, options: ExportStreamOptions = {}): AsyncGenerator<ExportResponse[]> {
  const batchSize = options.batchSize ?? EXPORT_BATCH_SIZE;
  const conditions = selectionConditions(selection);
  let after: string | undefined;
  for (;;) {
    const responses = await db.$queryRaw<ResponseRow[]>`
      SELECT r."id", r."createdAt", r."notOpenStackContributor", r."yearsContributing", r."employerPaid", r."comment"
      FROM "Response" r
      WHERE ${conditions} ${after === undefined ? Prisma.empty : Prisma.sql`AND r."id" > ${after}`}
      ORDER BY r."id" LIMIT ${batchSize}`;
    options.onBatch?.(responses.length);
    const first = responses[0];
    const last = responses.at(-1);
    if (!first || !last) return;
    // The batch's own ids: their primary keys (responseId first) and the OtherEntry index serve the lookups.
    const range = Prisma.sql`"responseId" IN (${Prisma.join(responses.map((r) => r.id))})`;
    const [selections, teams, others] = await Promise.all([
      db.$queryRaw<SelectionRow[]>`
        SELECT "responseId", "projectId", "frequency", "kindCode", "kindReview", "kindBugs", "kindDocs", "kindMaintainer"
        FROM "ResponseProject" WHERE ${range}`,
      db.$queryRaw<TeamRow[]>`SELECT "responseId", "teamId" FROM "ResponseTeam" WHERE ${range}`,
      db.$queryRaw<OtherRow[]>`
        SELECT "responseId", "position", "rawText", "projectId" FROM "OtherEntry" WHERE ${range} ORDER BY "position", "id"`,
    ]);
    const selectionsOf = groupByResponse(selections);
    const teamsOf = groupByResponse(teams);
    const othersOf = groupByResponse(others);
    yield responses.map((r) => ({
      id: r.id,
      createdAt: toDate(r.createdAt),
      notOpenStackContributor: isTrue(r.notOpenStackContributor),
      yearsContributing: r.yearsContributing === null ? null : Number(r.yearsContributing),
      employerPaid: r.employerPaid,
      comment: r.comment,
      teamIds: (teamsOf.get(r.id) ?? []).map((t) => Number(t.teamId)),
      selections: (selectionsOf.get(r.id) ?? []).map((s) => ({
        projectId: Number(s.projectId),
        frequency: s.frequency,
        kinds: kindsFromColumns({
          kindCode: isTrue(s.kindCode),
          kindReview: isTrue(s.kindReview),
          kindBugs: isTrue(s.kindBugs),
          kindDocs: isTrue(s.kindDocs),
          kindMaintainer: isTrue(s.kindMaintainer),
        }),
      })),
      others: (othersOf.get(r.id) ?? []).map((o) => ({ position: Number(o.position), rawText: o.rawText, projectId: o.projectId === null ? null : Number(o.projectId) })),
    }));
    if (responses.length < batchSize) return;
    after = last.id;
  }
}

/** The CSV text of an export: the header (with the optional BOM) at once, then one chunk per batch. */
export async function* responsesCsvChunks(db: Db, plan: ResponsesExportPlan, options: ExportStreamOptions = {}): AsyncGenerator<string> {
  // The header goes first, before any response is read, so the download starts at once however large the round.
  yield (plan.bom ? UTF8_BOM : "") + toCsvRecords([headerFor(plan.context, plan.layout)]);
  const { context } = plan;
  for await (const batch of readResponseBatches(db, plan.selection, options)) {
    const rows = plan.layout === "wide" ? batch.map((r) => toWideRow(context, r)) : batch.flatMap((r) => toLongRows(context, r));
    yield toCsvRecords(rows);
  }
}

export function responsesCsvStream(db: Db, plan: ResponsesExportPlan, options: ExportStreamOptions = {}): ReadableStream<Uint8Array> {
  return textChunksToStream(responsesCsvChunks(db, plan, options));
}

/** `responses_<round>_<layout>[_<filters>]_<date>.csv` */
export function responsesExportDisposition(plan: ResponsesExportPlan, now: Date): string {
  const { round: _round, ...filters } = plan.filters;
  const filterParts = Object.entries(filters)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}-${value}`);
  return csvContentDisposition(["responses", plan.round.slug, plan.layout, ...filterParts], now);
}

export interface CodebookExport {
  round: ExportRound;
  csv: string;
}

/** codebook.csv for a round (default the latest): every column of both layouts. */
export async function buildCodebookCsv(db: Db, query: CodebookQuery): Promise<PlanResult<CodebookExport>> {
  const round = await resolveExportRound(db, query.round);
  if (!round.ok) return round;
  const context = await loadExportContext(db, round.plan);
  return { ok: true, plan: { round: round.plan, csv: toCsv(CODEBOOK_COLUMNS, codebookRows(context), { bom: query.bom }) } };
}
