// Importing a CSV file of responses into a round: read the round's catalogue, parse and check everything
// first (lib/survey/responses-import/), then write all valid responses in one transaction, or nothing. A
// response already imported into the round (same importKey) or exported from it (same public response id) is
// left alone, so importing a file twice adds nothing.
import { randomBytes } from "node:crypto";
import { buildCatalogueIndex } from "../survey/catalogue-match";
import { hashEditToken } from "../survey/edit-token";
import { parseRoundQuestions } from "../survey/questions";
import type { ImportCatalogue, PlannedResponse } from "../survey/responses-import/answer-check";
import type { ImportFileError } from "../survey/responses-import/csv-records";
import type { MapRequest } from "../survey/responses-import/column-map";
import {
  outlineImportFile,
  parseImportFile,
  type FormFileOutline,
  type ImportFileOptions,
} from "../survey/responses-import/import-file";
import { countOutcomes, type ImportReport } from "../survey/responses-import/import-report";
import type { Db } from "./client";
import { insertResponsesBulk, type BulkResponse } from "./responses-bulk";
import { loadMatchableCatalogue } from "./responses";

export interface ImportOptions extends ImportFileOptions {
  /** Shown in the report. */
  file: string;
  roundSlug: string;
  skipInvalid?: boolean;
  dryRun?: boolean;
  /**
   * Asked once for another tool's export, with the columns found so far, before anything is checked: the
   * guided prompt of `npm run import`. Its answer replaces `map`.
   */
  chooseColumns?: (outline: Extract<FormFileOutline, { ok: true; tool: string }>) => Promise<MapRequest[]>;
}

export type ImportResult = { ok: true; report: ImportReport } | { ok: false; error: ImportFileError };

/** Imports are allowed into closed rounds too: answers of an earlier poll go into a round that is long over. */
export async function loadImportCatalogue(
  db: Db,
  roundSlug: string,
): Promise<{ roundId: number; catalogue: ImportCatalogue } | null> {
  const round = await db.round.findUnique({ where: { slug: roundSlug }, select: { id: true, questions: true } });
  if (!round) return null;
  const [offered, active, teams, index] = await Promise.all([
    db.roundProject.findMany({
      where: { roundId: round.id },
      select: { project: { select: { id: true, slug: true } } },
    }),
    db.project.findMany({ where: { status: "active" }, select: { id: true, slug: true } }),
    db.team.findMany({ select: { id: true, slug: true, name: true }, orderBy: { position: "asc" } }),
    loadMatchableCatalogue(db),
  ]);
  return {
    roundId: round.id,
    catalogue: {
      roundSlug,
      questions: parseRoundQuestions(round.questions),
      roundProjects: new Map(offered.map((row) => [row.project.slug, row.project.id])),
      catalogueProjects: new Map(active.map((project) => [project.slug, project.id])),
      index,
      teams: new Map(teams.map((team) => [team.slug, team.id])),
      teamIndex: buildCatalogueIndex(teams.map((team) => ({ ...team, aliases: [] }))),
    },
  };
}

const KEYS_PER_QUERY = 400;

/** Keys of the file that the round already holds, as an import key or as the public id its exports show. */
async function findExistingKeys(db: Db, roundId: number, keys: readonly string[]): Promise<Set<string>> {
  const existing = new Set<string>();
  // Each key is two bound parameters (import key, public id): 400 keep a query under SQLite's limit of 999.
  for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
    const chunk = keys.slice(start, start + KEYS_PER_QUERY);
    const rows = await db.response.findMany({
      where: { roundId, OR: [{ importKey: { in: chunk } }, { publicId: { in: chunk } }] },
      select: { publicId: true, importKey: true },
    });
    for (const row of rows) {
      existing.add(row.publicId);
      if (row.importKey) existing.add(row.importKey);
    }
  }
  return existing;
}

const toBulkResponse = (response: PlannedResponse): BulkResponse => ({
  // Imported responses have no edit link; a random hash keeps the column unique.
  editTokenHash: hashEditToken(randomBytes(16).toString("base64url")),
  source: "import",
  importKey: response.key,
  ...(response.createdAt ? { createdAt: response.createdAt } : {}),
  notOpenStackContributor: response.notOpenStackContributor,
  nothingOutsideOpenStack: response.nothingOutsideOpenStack,
  yearsContributing: response.yearsContributing,
  employerPaid: response.employerPaid,
  comment: response.comment,
  teamIds: response.teamIds,
  selections: response.selections,
  others: response.others,
});

/** Check a CSV file and import its responses into a round: every valid one, or (with an invalid row and no skipInvalid) none. */
export async function importResponsesCsv(db: Db, bytes: Uint8Array, options: ImportOptions): Promise<ImportResult> {
  const loaded = await loadImportCatalogue(db, options.roundSlug);
  if (!loaded)
    return {
      ok: false,
      error: { line: null, message: `there is no survey round “${options.roundSlug}” (create it first)` },
    };
  let fileOptions: ImportFileOptions = { map: options.map, dateOrder: options.dateOrder };
  if (options.chooseColumns) {
    const outline = outlineImportFile(bytes, loaded.catalogue, fileOptions);
    if (!outline.ok) return outline;
    if (outline.tool) fileOptions = { ...fileOptions, map: await options.chooseColumns(outline) };
  }
  const parsed = parseImportFile(bytes, loaded.catalogue, fileOptions);
  if (!parsed.ok) return parsed;

  const existing = await findExistingKeys(
    db,
    loaded.roundId,
    parsed.responses.map((r) => r.key),
  );
  const outcomes = parsed.outcomes.map((o) =>
    o.status === "valid" && existing.has(o.key) ? { ...o, status: "already-imported" as const } : o,
  );
  const rows = parsed.rows.map((row) =>
    row.status === "valid" && existing.has(row.key) ? { ...row, status: "already-imported" as const } : row,
  );
  const toWrite = parsed.responses.filter((response) => !existing.has(response.key));
  const hasRejected = outcomes.some((o) => o.status === "rejected");
  const shouldWrite = !options.dryRun && toWrite.length > 0 && (!hasRejected || options.skipInvalid === true);
  if (shouldWrite) {
    try {
      // One chunk is one transaction: the whole file is written or none of it.
      await insertResponsesBulk(db, loaded.roundId, toWrite.map(toBulkResponse), toWrite.length);
    } catch (error) {
      // A key taken meanwhile (the chunk wrote nothing): another import of this file ran at the same time. If the
      // keys cannot even be looked up, the write's own error is the one to report.
      const takenMeanwhile = await findExistingKeys(db, loaded.roundId, toWrite.map((r) => r.key)).catch(() => null);
      if (takenMeanwhile && takenMeanwhile.size > 0) {
        return {
          ok: false,
          error: {
            line: null,
            message:
              "another import of the same responses ran at the same time; nothing was written, run the import again",
          },
        };
      }
      throw error;
    }
  }
  return {
    ok: true,
    report: {
      file: options.file,
      round: options.roundSlug,
      layout: parsed.layout,
      dryRun: options.dryRun === true,
      skipInvalid: options.skipInvalid === true,
      written: shouldWrite,
      rows,
      notes: parsed.notes,
      totals: countOutcomes(outcomes, shouldWrite),
    },
  };
}
