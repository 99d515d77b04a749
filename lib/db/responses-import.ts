// Importing responses from CSV into a round: parse and check everything first (lib/survey/responses-import.ts),
// then write all valid responses in one transaction, or nothing. A response already imported into the round
// (same importKey) or exported from it (same response id) is left alone, so importing a file twice is harmless.
import { randomBytes } from "node:crypto";
import { hashEditToken } from "../survey/edit-token";
import {
  countOutcomes,
  parseImportFile,
  type ImportCatalogue,
  type ImportFileError,
  type ImportReport,
  type PlannedResponse,
} from "../survey/responses-import";
import type { Db } from "./client";
import { insertResponsesBulk, type BulkResponse } from "./responses-bulk";
import { loadMatchableCatalogue } from "./responses";

export interface ImportOptions {
  /** Shown in the report. */
  file: string;
  roundSlug: string;
  skipInvalid?: boolean;
  dryRun?: boolean;
}

export type ImportResult = { ok: true; report: ImportReport } | { ok: false; error: ImportFileError };

/** Imports are allowed into closed rounds too: answers of an earlier poll go into a round that is long over. */
export async function loadImportCatalogue(db: Db, roundSlug: string): Promise<{ roundId: number; catalogue: ImportCatalogue } | null> {
  const round = await db.round.findUnique({ where: { slug: roundSlug }, select: { id: true } });
  if (!round) return null;
  const [offered, active, teams, index] = await Promise.all([
    db.roundProject.findMany({ where: { roundId: round.id }, select: { project: { select: { id: true, slug: true } } } }),
    db.project.findMany({ where: { status: "active" }, select: { id: true, slug: true } }),
    db.team.findMany({ select: { id: true, slug: true } }),
    loadMatchableCatalogue(db),
  ]);
  return {
    roundId: round.id,
    catalogue: {
      roundSlug,
      roundProjects: new Map(offered.map((row) => [row.project.slug, row.project.id])),
      catalogueProjects: new Map(active.map((project) => [project.slug, project.id])),
      index,
      teams: new Map(teams.map((team) => [team.slug, team.id])),
    },
  };
}

/** Keys of the file that the round already holds, as an import key or as the public id its exports show. */
async function findExistingKeys(db: Db, roundId: number, keys: readonly string[]): Promise<Set<string>> {
  const existing = new Set<string>();
  for (let start = 0; start < keys.length; start += 500) {
    const chunk = keys.slice(start, start + 500);
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
  if (!loaded) return { ok: false, error: { line: null, message: `there is no survey round “${options.roundSlug}” (create it first)` } };
  const parsed = parseImportFile(bytes, loaded.catalogue);
  if (!parsed.ok) return parsed;

  const existing = await findExistingKeys(db, loaded.roundId, parsed.responses.map((r) => r.key));
  const outcomes = parsed.outcomes.map((o) => (o.status === "valid" && existing.has(o.key) ? { ...o, status: "already-imported" as const } : o));
  const rows = parsed.rows.map((row) => (row.status === "valid" && existing.has(row.key) ? { ...row, status: "already-imported" as const } : row));
  const toWrite = parsed.responses.filter((response) => !existing.has(response.key));
  const hasRejected = outcomes.some((o) => o.status === "rejected");
  const shouldWrite = !options.dryRun && toWrite.length > 0 && (!hasRejected || options.skipInvalid === true);
  if (shouldWrite) {
    try {
      // One chunk is one transaction: the whole file is written or none of it.
      await insertResponsesBulk(db, loaded.roundId, toWrite.map(toBulkResponse), toWrite.length);
    } catch (error) {
      if ((error as { code?: string }).code === "P2002") {
        return { ok: false, error: { line: null, message: "another import of the same responses ran at the same time; nothing was written, run the import again" } };
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
      totals: countOutcomes(outcomes, shouldWrite),
    },
  };
}
