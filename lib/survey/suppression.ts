// How a published count is represented: a number, or "<k" for a count of 1..k-1 that the cell key method did not
// publish as 0 (lib/survey/cell-key.ts, docs/privacy.md). A "<k" cell is left out of every number derived from it
// (percentages, shares, sums). Pure: used by the page, the JSON API and every aggregate CSV.
//
// Complementary suppression ("hidden" cells beside a small one, so that it could not be worked out from a shown
// total) is gone: every count, totals included, is perturbed on its own, so a total minus its shown parts is no
// longer any part's true count (docs/privacy.md says why that suffices).

/**
 * "small": 1..k-1 published as "<k"; "unpublished": a round that shows its figures only once it has closed;
 * "not-shown": no figure at all for this place (a subset of a row that is itself not shown as a count).
 */
export type SuppressionReason = "small" | "unpublished" | "not-shown";

export type Cell = { suppressed: false; value: number } | { suppressed: true; reason: SuppressionReason; display: string };

export const shownCell = (value: number): Cell => ({ suppressed: false, value });

export function smallCellDisplay(k: number): string {
  return `<${k}`;
}

/** The "<k" label: a count of 1..k-1 that the cell key method did not publish as 0. */
export const smallCell = (k: number): Cell => ({ suppressed: true, reason: "small", display: smallCellDisplay(k) });

/** n of an open round that publishes its figures only once it has closed: nothing is said about it. */
export const unpublishedCell = (): Cell => ({ suppressed: true, reason: "unpublished", display: "not yet published" });

/** No figure: unlike "<k", it says nothing about the cell, so it can never disagree with the cell's own figure. */
export const notShownCell = (): Cell => ({ suppressed: true, reason: "not-shown", display: "—" });

/** The shown value, or null when "<k": what a chart draws and what sums may include. */
export function cellValue(cell: Cell): number | null {
  return cell.suppressed ? null : cell.value;
}

/** A share of a denominator, only for a shown cell over a shown denominator; otherwise null. */
export function cellShare(cell: Cell, denominator: Cell | number): number | null {
  const base = typeof denominator === "number" ? denominator : cellValue(denominator);
  if (cell.suppressed || base === null || base <= 0) return null;
  return cell.value / base;
}

/** What a table or CSV shows for a cell. */
export function displayCell(cell: Cell): string {
  return cell.suppressed ? cell.display : String(cell.value);
}
