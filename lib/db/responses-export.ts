// Raw response exports, streamed: responses are read in keyset-paginated batches (by id, so a batch never
// skips or repeats a row however large the round), written as CSV text in chunks of at most about 32 KiB, and
// the next chunk is made only when the client has taken the previous one. Memory stays at about one batch
// whatever the size of the round.
import { CONTRIBUTION_KINDS } from "../survey/answer-codes";
import { buildExportContext, kindsFromMask } from "../survey/responses-csv";
import { CODEBOOK_COLUMNS, codebookRows } from "../survey/responses-codebook";
import { createResponsesCsvWriter } from "../survey/responses-csv-writer";
import type { ExportContext, ExportLayout, ExportProject, ExportResponse } from "../survey/responses-csv";
import { csvContentDisposition, toCsv, UTF8_BOM } from "../survey/csv";
import type { CodebookQuery, ExportFilters, ResponsesExportQuery } from "../survey/export-filters";
import { textChunksToStream } from "../survey/text-stream";
import type { DatabaseKind } from "../env";
import type { Db } from "./client";
import { KIND_COLUMNS } from "./kind-columns";
import { Prisma } from "./generated/sqlite/client";

// Responses per database read. Measured at 250,000 responses (~1,000,000 selections): 250 to 1,000 were alike in
// speed and peak memory, 2,000 slower and larger.
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
  return buildExportContext(
    round.slug,
    offered.map((row) => toExportProject(row.project)),
    catalogue.map(toExportProject),
    teams,
  );
}

/** Check the filters against the database and build the export; unknown names become a message, not an error. */
export async function prepareResponsesExport(
  db: Db,
  query: ResponsesExportQuery,
): Promise<PlanResult<ResponsesExportPlan>> {
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
  return {
    ok: true,
    plan: { round: round.plan, layout, bom, filters, selection, context: await loadExportContext(db, round.plan) },
  };
}

// The batch reads are plain SQL (quoted model and field names, valid on SQLite and PostgreSQL): the export is
// the one place where the ORM's per-row object building dominated the cost (measured about 3x slower).
function selectionConditions(selection: ResponseSelection, kind: DatabaseKind): Prisma.Sql {
  // Both planners must walk the public-id index in order, skipping other rounds' rows (one pass over the table).
  // SQLite would otherwise take the (roundId, createdAt) index and sort the whole round for every batch
  // (quadratic: 160 s instead of 10 s at 100,000 responses), so "+ 0" hides the column from it there; PostgreSQL
  // cannot estimate "+ 0" (it guesses 0.5% of the rows) and then scans and sorts the table for every batch, so it
  // gets the plain comparison, which it plans by its statistics. An index on (roundId, publicId) would serve both.
  const conditions = [
    kind === "postgres"
      ? Prisma.sql`r."roundId" = ${selection.roundId}`
      : Prisma.sql`r."roundId" + 0 = ${selection.roundId}`,
  ];
  if (selection.teamId !== undefined) {
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "ResponseTeam" t WHERE t."responseId" = r."id" AND t."teamId" = ${selection.teamId})`,
    );
  }
  if (selection.categoryId !== undefined) {
    // A response is in the category when it chose (or named) at least one of its projects; all its rows are exported.
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "ResponseProject" s JOIN "Project" p ON p."id" = s."projectId" WHERE s."responseId" = r."id" AND p."categoryId" = ${selection.categoryId})`,
    );
  }
  if (selection.employerPaid === null) conditions.push(Prisma.sql`r."employerPaid" IS NULL`);
  else if (selection.employerPaid !== undefined)
    conditions.push(Prisma.sql`r."employerPaid" = ${selection.employerPaid}`);
  return Prisma.join(conditions, " AND ");
}

// One row per response, its selections and teams folded into a text column each by string_agg (SQLite 3.44+
// and PostgreSQL): a batch is one small result instead of four, which halved the read time and cut the
// objects built per response about fivefold. Free text can hold any character, so it is read separately,
// and only for the responses that have some.
interface ResponseRow {
  /** Internal key: the children are found by it. */
  id: string;
  publicId: string;
  createdAt: Date | string;
  notOpenStackContributor: boolean | number;
  nothingOutsideOpenStack: boolean | number;
  yearsContributing: number | bigint | null;
  employerPaid: string | null;
  comment: string | null;
  /** Team ids joined by ",". */
  teams: string | null;
  /** `projectId FIELD kindMask FIELD frequency`, joined by RECORD. */
  selections: string | null;
  /** A count through the OtherEntry index: PostgreSQL plans an EXISTS here as a scan of the whole table. */
  otherCount: number | bigint | string;
}
interface OtherRow {
  responseId: string;
  position: number;
  rawText: string;
  projectId: number | null;
}

// Control characters: no id, kind mask or stored frequency code contains them.
const FIELD = "\u001f";
const RECORD = "\u001e";

// Bit i of a selection's kind mask is CONTRIBUTION_KINDS[i] (kindsFromMask reads it back).
const KIND_MASK_SQL = Prisma.raw(
  CONTRIBUTION_KINDS.map((kind, bit) => `(CASE WHEN s."${KIND_COLUMNS[kind]}" THEN ${1 << bit} ELSE 0 END)`).join(
    " + ",
  ),
);

// Drivers convert stored booleans and dates today; the conversions keep one that returns 0/1 or ISO text correct.
const isTrue = (value: boolean | number) => value === true || value === 1;
const toDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

function parseSelections(text: string | null): ExportResponse["selections"] {
  if (!text) return [];
  return text.split(RECORD).map((entry) => {
    const [projectId, mask, frequency] = entry.split(FIELD);
    return { projectId: Number(projectId), kinds: kindsFromMask(Number(mask)), frequency: frequency ?? "" };
  });
}

const parseTeams = (text: string | null): number[] => (text ? text.split(",").map(Number) : []);

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
  /** The database's dialect, for the plan of the batch query (see selectionConditions). */
  kind: DatabaseKind;
  batchSize?: number;
  /** Called after each batch is read from the database: tests and the benchmark count batches with it. */
  onBatch?: (responses: number) => void;
}

/**
 * The selected responses in public-id order, `batchSize` at a time, each with its selections, teams and free
 * text. The public ids are random, so the file's row order says nothing of when anyone answered (the internal
 * ids are time-ordered). Keyset pagination (publicId > the last one of the previous batch) costs the same for
 * the last batch as for the first.
 */
export async function* readResponseBatches(
  db: Db,
  selection: ResponseSelection,
  options: ExportStreamOptions,
): AsyncGenerator<ExportResponse[]> {
  const batchSize = options.batchSize ?? EXPORT_BATCH_SIZE;
  const conditions = selectionConditions(selection, options.kind);
  let after: string | undefined;
  for (;;) {
    // The children are found by their primary keys (responseId first) and the OtherEntry index.
    const responses = await db.$queryRaw<ResponseRow[]>`
      SELECT r."id", r."publicId", r."createdAt", r."notOpenStackContributor", r."nothingOutsideOpenStack", r."yearsContributing", r."employerPaid", r."comment",
        (SELECT string_agg(CAST(t."teamId" AS TEXT), ',') FROM "ResponseTeam" t WHERE t."responseId" = r."id") AS "teams",
        (SELECT string_agg(CAST(s."projectId" AS TEXT) || ${FIELD} || CAST(${KIND_MASK_SQL} AS TEXT) || ${FIELD} || s."frequency", ${RECORD})
           FROM "ResponseProject" s WHERE s."responseId" = r."id") AS "selections",
        (SELECT COUNT(*) FROM "OtherEntry" o WHERE o."responseId" = r."id") AS "otherCount"
      FROM "Response" r
      WHERE ${conditions} ${after === undefined ? Prisma.empty : Prisma.sql`AND r."publicId" > ${after}`}
      ORDER BY r."publicId" LIMIT ${batchSize}`;
    options.onBatch?.(responses.length);
    const last = responses.at(-1);
    if (!last) return;
    const withOthers = responses.filter((r) => Number(r.otherCount) > 0).map((r) => r.id);
    const othersOf = groupByResponse(
      withOthers.length === 0
        ? []
        : await db.$queryRaw<OtherRow[]>`
            SELECT "responseId", "position", "rawText", "projectId" FROM "OtherEntry"
            WHERE "responseId" IN (${Prisma.join(withOthers)}) ORDER BY "position", "id"`,
    );
    yield responses.map((r) => ({
      id: r.publicId,
      createdAt: toDate(r.createdAt),
      notOpenStackContributor: isTrue(r.notOpenStackContributor),
      nothingOutsideOpenStack: isTrue(r.nothingOutsideOpenStack),
      yearsContributing: r.yearsContributing === null ? null : Number(r.yearsContributing),
      employerPaid: r.employerPaid,
      comment: r.comment,
      teamIds: parseTeams(r.teams),
      selections: parseSelections(r.selections),
      others: (othersOf.get(r.id) ?? []).map((o) => ({
        position: Number(o.position),
        rawText: o.rawText,
        projectId: o.projectId === null ? null : Number(o.projectId),
      })),
    }));
    if (responses.length < batchSize) return;
    after = last.publicId;
  }
}

// Text handed to the response stream at a time: large enough that per-chunk overhead does not matter, small
// enough to stay a young, ordinary heap object (V8 puts strings over 128 KiB straight into the old generation,
// where they wait for a full collection) and to keep what waits in socket buffers small.
export const EXPORT_CHUNK_CHARS = 32 * 1024;

/** The CSV text of an export: the header (with the optional BOM) at once, then the records of each batch in chunks. */
export async function* responsesCsvChunks(
  db: Db,
  plan: ResponsesExportPlan,
  options: ExportStreamOptions,
): AsyncGenerator<string> {
  const writer = createResponsesCsvWriter(plan.context, plan.layout);
  // The header goes first, before any response is read, so the download starts at once however large the round.
  yield (plan.bom ? UTF8_BOM : "") + writer.header;
  for await (const batch of readResponseBatches(db, plan.selection, options)) {
    let chunk = "";
    for (const response of batch) {
      chunk += writer.write(response);
      if (chunk.length >= EXPORT_CHUNK_CHARS) {
        yield chunk;
        chunk = "";
      }
    }
    // Each batch ends its chunk, so the first rows go out as soon as the first batch is read.
    if (chunk !== "") yield chunk;
  }
}

export function responsesCsvStream(
  db: Db,
  plan: ResponsesExportPlan,
  options: ExportStreamOptions,
): ReadableStream<Uint8Array> {
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
  return {
    ok: true,
    plan: { round: round.plan, csv: toCsv(CODEBOOK_COLUMNS, codebookRows(context), { bom: query.bom }) },
  };
}
