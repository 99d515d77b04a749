// The rows a response is stored as, and the INSERTs that write them: one shape for submissions
// (lib/db/submissions.ts) and for the bulk path (lib/db/responses-bulk.ts), so both store exactly the same rows.
// Response rows go through Prisma's createMany, so a taken edit token or import key is its public P2002 and a
// busy SQLite file its P1008; the several rows each answer owns go as multi-row INSERTs (lib/db/multi-row-insert.ts).
import { CONTRIBUTION_KINDS, type ContributionKind } from "../survey/answer-codes";
import type { Tx } from "./client";
import { KIND_COLUMNS } from "./kind-columns";
import { insertRows } from "./multi-row-insert";

/** What writing rows needs of a client or a transaction. */
export type RowWriter = Pick<Tx, "response" | "$executeRaw">;

export interface SelectionRow {
  projectId: number;
  kinds: readonly ContributionKind[];
  frequency: string;
}

/** The answers stored on the Response row itself. */
export interface ResponseFields {
  notOpenStackContributor: boolean;
  yearsContributing: number | null;
  employerPaid: string | null;
  comment: string | null;
  projectCount: number;
  nothingOutsideOpenStack: boolean;
  /** The completeness rule's verdict, stored so counting can leave incomplete answers out. */
  isComplete: boolean;
}

export interface NewResponseRow {
  /** The internal key (Response.id) the answer's rows are written under: time-ordered, never shown. */
  responseId: string;
  /** The id shown wherever a response is named (Response.publicId): random. */
  publicId: string;
  roundId: number;
  editTokenHash: string;
  source: "web" | "import" | "demo";
  importKey: string | null;
  fields: ResponseFields;
  /** Also its updatedAt: a new response was last updated when it was created. */
  createdAt: Date;
  /** Absent: the database draws it (docs/privacy.md); set only for synthetic data (responses-bulk.ts). */
  recordKey?: number;
}

/** The rows an answer owns besides its Response row: selections, teams and free text. */
export interface AnswerRows {
  responseId: string;
  roundId: number;
  selections: readonly SelectionRow[];
  teamIds: readonly number[];
  others: readonly { rawText: string; normalizedText: string; projectId: number | null }[];
}

// Column lists of the multi-row INSERTs, in the order each row's values are given. One boolean column per kind,
// in CONTRIBUTION_KINDS order.
const SELECTION_COLUMNS = ["responseId", "roundId", "projectId", "frequency", ...CONTRIBUTION_KINDS.map((kind) => KIND_COLUMNS[kind])];
const TEAM_COLUMNS = ["responseId", "roundId", "teamId"] as const;
const OTHER_COLUMNS = ["responseId", "roundId", "position", "rawText", "normalizedText", "projectId"] as const;

/** Insert Response rows. A unique key already taken (an edit token, an import key) fails it all with P2002. */
export async function insertResponseRows(tx: RowWriter, rows: readonly NewResponseRow[]): Promise<void> {
  await tx.response.createMany({
    data: rows.map((r) => ({
      id: r.responseId,
      publicId: r.publicId,
      roundId: r.roundId,
      editTokenHash: r.editTokenHash,
      source: r.source,
      importKey: r.importKey,
      ...r.fields,
      createdAt: r.createdAt,
      updatedAt: r.createdAt,
      recordKey: r.recordKey,
    })),
  });
}

/**
 * Insert the selections, teams and free text of answers whose Response rows exist. The three statements go out
 * together (none depends on another's rows), so a batch waits for one round of answers instead of three.
 */
export async function insertAnswerRows(tx: RowWriter, answers: readonly AnswerRows[]): Promise<void> {
  await Promise.all([
    insertRows(
      tx,
      "ResponseProject",
      SELECTION_COLUMNS,
      answers.flatMap((a) =>
        a.selections.map((s) => [a.responseId, a.roundId, s.projectId, s.frequency, ...CONTRIBUTION_KINDS.map((kind) => s.kinds.includes(kind))]),
      ),
    ),
    insertRows(tx, "ResponseTeam", TEAM_COLUMNS, answers.flatMap((a) => a.teamIds.map((teamId) => [a.responseId, a.roundId, teamId]))),
    insertRows(
      tx,
      "OtherEntry",
      OTHER_COLUMNS,
      answers.flatMap((a) => a.others.map((o, position) => [a.responseId, a.roundId, position, o.rawText, o.normalizedText, o.projectId])),
    ),
  ]);
}
