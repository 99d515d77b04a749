// The cell key method (docs/privacy.md). Every response has a random record key in 0..M-1 that never leaves the
// server; a cell's key is the sum of its respondents' record keys modulo M, so it depends only on which
// respondents are in the cell. The database counts each cell and sums its record keys in the same query
// (lib/db/summary-queries.ts, lib/db/round-totals.ts); this module turns (count, key sum) into the published
// figure through the fixed table (lib/survey/perturbation-table.ts). The same respondents therefore give the same
// figure in every chart, filter, API answer and CSV, and asking again or slicing differently gains nothing.
// Pure: used by the page, the JSON API and every aggregate CSV.
import {
  buildPerturbationTable,
  defaultPerturbationParameters,
  lookUpOutcome,
  type PerturbationTable,
} from "./perturbation-table";
import { shownCell, smallCell, type Cell } from "./suppression";

/** What the database counts for one cell: its respondents and the sum of their record keys. */
export interface Tally {
  count: number;
  keySum: number;
}

export const EMPTY_TALLY: Tally = { count: 0, keySum: 0 };

export const addTallies = (a: Tally, b: Tally): Tally => ({ count: a.count + b.count, keySum: a.keySum + b.keySum });

const tables = new Map<number, PerturbationTable>();

/** The table for a threshold k, built once per process. */
export function perturbationTableFor(k: number): PerturbationTable {
  let table = tables.get(k);
  if (!table) tables.set(k, (table = buildPerturbationTable(defaultPerturbationParameters(k))));
  return table;
}

export function cellKeyOf(keySum: number, modulus: number): number {
  return ((keySum % modulus) + modulus) % modulus;
}

/**
 * The published figure of a cell: 0 for an empty cell; 0 or k for 1..k-1 (or "<k", for keys a table leaves to
 * it); otherwise the count adjusted by at most D, never below k. k = 1 switches the method off (every count shown as it is), as it switched off the
 * small-cell rule before.
 */
export function publishTally(tally: Tally, k: number): Cell {
  if (k <= 1) return shownCell(tally.count);
  const table = perturbationTableFor(k);
  const outcome = lookUpOutcome(table, tally.count, cellKeyOf(tally.keySum, table.parameters.modulus));
  return outcome.kind === "small" ? smallCell(k) : shownCell(outcome.value);
}

/** Whether a published figure says the cell has anyone in it: "<k" or a positive count. */
export const isPublishedNonZero = (cell: Cell) => cell.suppressed || cell.value > 0;
