// On PostgreSQL a new answer's share of the round totals is added after its transaction, in folds of many answers
// (prisma/postgres/migrations/20261207010000_new_answers_counted_in_folds): the answer's transaction registers the
// response as pending, readers add the cells of pending responses (the view "RoundTotalLive"), and a fold moves
// pending responses into "RoundTotal". Figures are exact whether or not a fold has run; folding keeps what readers
// add small and updates each totals row once for many answers instead of once per answering transaction.
// SQLite keeps counting inside every writing transaction: there is never anything to fold.
import { databaseKindOf, type Db } from "./client";

/** Responses per fold statement (one transaction each). */
const FOLD_SIZE = 1000;

/** Fold every pending response into the totals; returns how many were folded. Safe beside any other writer. */
export async function foldPendingTotals(db: Db): Promise<number> {
  if (databaseKindOf(db) !== "postgres") return 0;
  let total = 0;
  for (;;) {
    const [row] = await db.$queryRaw<{ folded: number }[]>`SELECT "census_fold_pending"(CAST(${FOLD_SIZE} AS INTEGER)) AS "folded"`;
    const folded = Number(row?.folded ?? 0);
    total += folded;
    if (folded < FOLD_SIZE) return total;
  }
}

/**
 * Fold, and only report a failure: for callers whose own writes have committed (a bulk insert, start-up), where a
 * failed fold must not turn into a failed write. The answers stay pending, readers stay exact, a later fold takes them.
 */
export async function foldPendingTotalsOrReport(db: Db, after: string): Promise<void> {
  try {
    await foldPendingTotals(db);
  } catch (error) {
    console.error(`upstream-census: folding new answers into the round totals after ${after} failed; a later fold takes them`, error);
  }
}

/** After a failed fold, the folder tries again this much later even if no answer arrives meanwhile. */
const RETRY_AFTER_FAILURE_MS = 5_000;

/**
 * Folds soon after answers are saved (the submission thread, on PostgreSQL): one fold at a time, started `delayMs`
 * after the first answer it will take, so a stream of answers is folded a few times a second, each fold taking
 * every answer saved meanwhile. Readers stay exact meanwhile; a failed fold is tried again a few seconds later.
 */
export class PendingTotalsFolder {
  #timer: NodeJS.Timeout | undefined;
  #isFolding = false;
  #savedWhileFolding = false;

  constructor(
    private readonly db: Db,
    private readonly delayMs = 100,
  ) {}

  /** An answer was saved: make sure a fold follows. */
  answerSaved(): void {
    this.#foldIn(this.delayMs);
  }

  #foldIn(delayMs: number): void {
    if (this.#isFolding) {
      this.#savedWhileFolding = true;
      return;
    }
    if (this.#timer) return;
    this.#timer = setTimeout(() => void this.#fold(), delayMs);
    // A process that ends leaves its pending answers to the next fold (start-up folds them too).
    this.#timer.unref();
  }

  async #fold(): Promise<void> {
    this.#timer = undefined;
    this.#isFolding = true;
    try {
      await foldPendingTotals(this.db);
    } catch (error) {
      console.error("upstream-census: folding new answers into the round totals failed; trying again shortly", error);
      this.#savedWhileFolding = false;
      this.#isFolding = false;
      this.#foldIn(RETRY_AFTER_FAILURE_MS);
      return;
    }
    this.#isFolding = false;
    if (this.#savedWhileFolding) {
      this.#savedWhileFolding = false;
      this.#foldIn(this.delayMs);
    }
  }
}
