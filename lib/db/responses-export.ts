// Raw response exports, streamed: responses are read in keyset-paginated batches (by id, so a batch never
// skips or repeats a row however large the round), each batch becomes one CSV chunk, and the next batch is
// read only when the client has taken the previous chunk. Memory stays at about one batch whatever the size.
import { CODEBOOK_COLUMNS, buildExportContext, codebookRows, headerFor, kindsFromColumns, toLongRows, toWideRow } from "../survey/responses-csv";
import type { ExportContext, ExportLayout, ExportProject, ExportResponse } from "../survey/responses-csv";
import { csvContentDisposition, toCsv, toCsvRecords, UTF8_BOM } from "../survey/csv";
import type { CodebookQuery, ExportFilters, ResponsesExportQuery } from "../survey/export-filters";
import { textChunksToStream } from "../survey/text-stream";
import type { Db } from "./client";
import type { Prisma } from "./generated/sqlite/client";

export const EXPORT_BATCH_SIZE = 1000;

export interface ExportRound {
  id: number;
  slug: string;
  title: string;
}

export interface ResponsesExportPlan {
  round: ExportRound;
  layout: ExportLayout;
  bom: boolean;
  filters: ExportFilters;
  where: Prisma.ResponseWhereInput;
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
  const where: Prisma.ResponseWhereInput = { roundId: round.plan.id };
  if (query.team) {
    const team = await db.team.findUnique({ where: { slug: query.team }, select: { id: true } });
    if (!team) return { ok: false, message: `There is no OpenStack team “${query.team}”.` };
    where.teams = { some: { teamId: team.id } };
  }
  if (query.category) {
    const category = await db.category.findUnique({ where: { slug: query.category }, select: { id: true } });
    if (!category) return { ok: false, message: `There is no project category “${query.category}”.` };
    // A response is in the category when it chose (or named) at least one of its projects; all its rows are exported.
    where.projects = { some: { project: { categoryId: category.id } } };
  }
  if (query.employerPaid) where.employerPaid = query.employerPaid === "unanswered" ? null : query.employerPaid;
  const { layout, bom, ...filters } = query;
  return { ok: true, plan: { round: round.plan, layout, bom, filters, where, context: await loadExportContext(db, round.plan) } };
}

const responseSelect = {
  id: true,
  createdAt: true,
  notOpenStackContributor: true,
  yearsContributing: true,
  employerPaid: true,
  comment: true,
  teams: { select: { teamId: true } },
  projects: {
    select: { projectId: true, frequency: true, kindCode: true, kindReview: true, kindBugs: true, kindDocs: true, kindMaintainer: true },
  },
  others: { select: { position: true, rawText: true, projectId: true }, orderBy: [{ position: "asc" }, { id: "asc" }] },
} as const satisfies Prisma.ResponseSelect;

type SelectedResponse = Prisma.ResponseGetPayload<{ select: typeof responseSelect }>;

const toExportResponse = (row: SelectedResponse): ExportResponse => ({
  id: row.id,
  createdAt: row.createdAt,
  notOpenStackContributor: row.notOpenStackContributor,
  yearsContributing: row.yearsContributing,
  employerPaid: row.employerPaid,
  comment: row.comment,
  teamIds: row.teams.map((team) => team.teamId),
  selections: row.projects.map((s) => ({ projectId: s.projectId, kinds: kindsFromColumns(s), frequency: s.frequency })),
  others: row.others,
});

export interface ExportStreamOptions {
  batchSize?: number;
  /** Called after each batch is read from the database: tests and the benchmark count batches with it. */
  onBatch?: (responses: number) => void;
}

/** The plan's responses in id order, `batchSize` at a time, each batch with its selections, teams and free text. */
export async function* readResponseBatches(db: Db, where: Prisma.ResponseWhereInput, options: ExportStreamOptions = {}): AsyncGenerator<ExportResponse[]> {
  const batchSize = options.batchSize ?? EXPORT_BATCH_SIZE;
  let after: string | undefined;
  for (;;) {
    const rows = await db.response.findMany({
      where: after === undefined ? where : { AND: [where, { id: { gt: after } }] },
      orderBy: { id: "asc" },
      take: batchSize,
      select: responseSelect,
    });
    options.onBatch?.(rows.length);
    if (rows.length > 0) yield rows.map(toExportResponse);
    const last = rows.at(-1);
    if (rows.length < batchSize || !last) return;
    after = last.id;
  }
}

/** The CSV text of an export: the header (with the optional BOM) at once, then one chunk per batch. */
export async function* responsesCsvChunks(db: Db, plan: ResponsesExportPlan, options: ExportStreamOptions = {}): AsyncGenerator<string> {
  // The header goes first, before any response is read, so the download starts at once however large the round.
  yield (plan.bom ? UTF8_BOM : "") + toCsvRecords([headerFor(plan.context, plan.layout)]);
  const { context } = plan;
  for await (const batch of readResponseBatches(db, plan.where, options)) {
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
