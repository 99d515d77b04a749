// The rows a response is stored as, and the INSERTs that write them: one shape for submissions
// (lib/db/submissions.ts) and for the bulk path (lib/db/responses-bulk.ts), so both store exactly the same rows.
// Every table's rows go as multi-row INSERTs (lib/db/multi-row-insert.ts), the Response rows too: through
// createMany they cost the submission thread, which is what limits SQLite's submissions, a quarter of its CPU per
// answer (docs/benchmarks.md, "2026-12-05").
import { CONTRIBUTION_KINDS, type ContributionKind } from "../survey/answer-codes";
import type { Tx } from "./client";
import { KIND_COLUMNS } from "./kind-columns";
import { insertRows } from "./multi-row-insert";

/** What writing rows needs of a client or a transaction. */
export type RowWriter = Pick<Tx, "$executeRaw">;

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

// The Response columns written, in the order each row's values are given (recordKey only for synthetic data).
const RESPONSE_COLUMNS = [
  "id",
  "publicId",
  "roundId",
  "editTokenHash",
  "source",
  "importKey",
  "notOpenStackContributor",
  "yearsContributing",
  "employerPaid",
  "comment",
  "projectCount",
  "nothingOutsideOpenStack",
  "isComplete",
  "createdAt",
  "updatedAt",
] as const;

/**
 * Insert Response rows, in one statement per few thousand. A unique key already taken (an edit token, an import
 * key) fails the statement, and its transaction writes nothing.
 */
export async function insertResponseRows(tx: RowWriter, rows: readonly NewResponseRow[]): Promise<void> {
  const keyed = rows.filter((r) => r.recordKey !== undefined).length;
  if (keyed !== 0 && keyed !== rows.length) throw new Error("either every row or none sets its record key");
  const values = rows.map((r) => {
    const f = r.fields;
    const row = [r.responseId, r.publicId, r.roundId, r.editTokenHash, r.source, r.importKey, f.notOpenStackContributor, f.yearsContributing, f.employerPaid, f.comment, f.projectCount, f.nothingOutsideOpenStack, f.isComplete, r.createdAt, r.createdAt];
    return keyed ? [...row, r.recordKey!] : row;
  });
  await insertRows(tx, "Response", keyed ? [...RESPONSE_COLUMNS, "recordKey"] : RESPONSE_COLUMNS, values);
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
