// The bulk path: demo data, imports and benchmark datasets insert many already-checked responses at once, as
// multi-row INSERTs (lib/db/response-rows.ts: the same rows a submission writes), one transaction per chunk.
import { randomUUID } from "node:crypto";
import { v7 as timeOrderedUuid } from "uuid";
import { isCompleteAnswer } from "../survey/completeness";
import type { DemoResponse } from "../survey/demo-generator";
import { normalizeName } from "../survey/normalize";
import type { Db } from "./client";
import { insertAnswerRows, insertResponseRows, type SelectionRow } from "./response-rows";
import { readWriteTransaction } from "./transaction";
import { foldPendingTotalsOrReport } from "./round-totals-fold";

export interface BulkResponse {
  editTokenHash: string;
  source: "demo" | "import" | "web";
  importKey?: string | null;
  createdAt?: Date;
  notOpenStackContributor?: boolean;
  nothingOutsideOpenStack?: boolean;
  yearsContributing?: number | null;
  employerPaid?: string | null;
  comment?: string | null;
  teamIds: number[];
  selections: SelectionRow[];
  others?: { rawText: string; projectId: number | null }[];
  /**
   * Synthetic data only: a record key from its seed (demo data, tests that need one published figure). Real
   * answers leave it to the database, which draws it at random (docs/privacy.md).
   */
  recordKey?: number;
}

/**
 * A generated response as a bulk row: the answer the generator drew, without its free text or record key (the
 * demo and the benchmarks add those as each needs). Synthetic answers have no edit link, so the caller picks a
 * unique `editTokenHash`.
 */
export function demoBulkResponse(generated: DemoResponse, editTokenHash: string): BulkResponse {
  return {
    editTokenHash,
    source: "demo",
    createdAt: generated.createdAt,
    notOpenStackContributor: generated.notOpenStackContributor,
    yearsContributing: generated.yearsContributing,
    employerPaid: generated.employerPaid,
    teamIds: generated.teamIds,
    selections: generated.selections,
  };
}

/**
 * Insert responses in chunks, each chunk in one transaction; returns the new responses' public ids in input order.
 * A chunk with a taken edit token or import key writes nothing and fails.
 */
export async function insertResponsesBulk(db: Db, roundId: number, responses: readonly BulkResponse[], chunkSize = 500): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < responses.length; start += chunkSize) {
    const chunk = responses.slice(start, start + chunkSize).map((r) => ({ ...r, responseId: timeOrderedUuid(), publicId: randomUUID() }));
    // What Prisma would set for @default(now()) and @updatedAt, one instant per chunk.
    const now = new Date();
    await readWriteTransaction(
      db,
      async (tx) => {
        const rows = chunk.map((r) => ({
          responseId: r.responseId,
          publicId: r.publicId,
          roundId,
          editTokenHash: r.editTokenHash,
          source: r.source,
          importKey: r.importKey ?? null,
          fields: {
            notOpenStackContributor: r.notOpenStackContributor ?? false,
            yearsContributing: r.yearsContributing ?? null,
            employerPaid: r.employerPaid ?? null,
            comment: r.comment ?? null,
            projectCount: r.selections.length,
            nothingOutsideOpenStack: r.nothingOutsideOpenStack ?? false,
            isComplete: isCompleteAnswer({
              teams: r.teamIds.length,
              notOpenStackContributor: r.notOpenStackContributor ?? false,
              projects: r.selections.length,
              others: r.others?.length ?? 0,
              nothingOutsideOpenStack: r.nothingOutsideOpenStack ?? false,
            }),
          },
          createdAt: r.createdAt ?? now,
          recordKey: r.recordKey,
        }));
        await insertResponseRows(tx, rows);
        await insertAnswerRows(
          tx,
          chunk.map((r) => ({
            responseId: r.responseId,
            roundId,
            selections: r.selections,
            teamIds: r.teamIds,
            others: (r.others ?? []).map((o) => ({ ...o, normalizedText: normalizeName(o.rawText) })),
          })),
        );
      },
      { maxWait: 30_000, timeout: 120_000 },
    );
    ids.push(...chunk.map((r) => r.publicId));
  }
  // Thousands of responses at once: fold them now rather than leave readers to add them (lib/db/round-totals-fold.ts).
  await foldPendingTotalsOrReport(db, "a bulk insert");
  return ids;
}
