// The small-cell rule. A count below k could single out a respondent, so it is shown as "<k" and left out of
// every number derived from it (percentages, shares, sums). Where the cells of a chart add up to a figure that
// is shown anyway (the days of a round or the bins of a histogram add up to n), one suppressed cell could be
// recovered by subtraction, so further cells are hidden ("complementary suppression") until none can be.
// Pure: used by the page, the JSON API and every aggregate CSV.

export type SuppressionReason = "small" | "complementary";

export type Cell =
  { suppressed: false; value: number } | { suppressed: true; reason: SuppressionReason; display: string };

export const shownCell = (value: number): Cell => ({ suppressed: false, value });

export function smallCellDisplay(k: number): string {
  return `<${k}`;
}

/** A complementary cell is not small; it is hidden so that a small one elsewhere cannot be worked out. */
export const COMPLEMENTARY_DISPLAY = "hidden";

/** The "<k" label: a count of 1..k-1 that the cell key method did not publish as 0 (lib/survey/cell-key.ts). */
export const smallCell = (k: number): Cell => ({ suppressed: true, reason: "small", display: smallCellDisplay(k) });

/** One count on its own: below k it is suppressed. */
export function suppressCount(value: number, k: number): Cell {
  // k = 1 switches the rule off: no count is below it except 0, and a 0 singles out nobody.
  return k > 1 && value < k ? { suppressed: true, reason: "small", display: smallCellDisplay(k) } : shownCell(value);
}

/** The shown value, or null when suppressed: what a chart draws and what sums may include. */
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

export interface PartitionResult {
  cells: Cell[];
  /**
   * True when even hiding every cell would let one be worked out from the shown total (a tiny total split
   * into few cells): the breakdown must not be shown at all.
   */
  withheld: boolean;
}

/**
 * What someone who sees the shown cells, the total and the rule itself can tell about each hidden cell:
 * a small cell is in [0, k-1]; a complementary cell was the smallest shown one, so it is in
 * [k, smallest shown value] (or [k, total] when none is shown). Hidden cells add up to total minus the
 * shown ones. Returns, for each hidden cell, whether that pins it to a single value.
 */
export function findDerivableCells(
  values: readonly number[],
  reasons: readonly (SuppressionReason | null)[],
  total: number,
  k: number,
): boolean[] {
  const shown = values.filter((_, i) => reasons[i] === null);
  const smallestShown = shown.length > 0 ? Math.min(...shown) : total;
  const hiddenSum = total - shown.reduce((sum, v) => sum + v, 0);
  const bounds = reasons.map((reason) =>
    reason === "small" ? [0, k - 1] : reason === "complementary" ? [k, smallestShown] : null,
  );
  const hidden = bounds.flatMap((b, i) => (b ? [{ i, lo: b[0]!, hi: b[1]! }] : []));
  const loSum = hidden.reduce((sum, b) => sum + b.lo, 0);
  const hiSum = hidden.reduce((sum, b) => sum + b.hi, 0);
  const derivable = values.map(() => false);
  for (const cell of hidden) {
    // Each bounded integer range with a fixed sum: the feasible values of one cell form one interval.
    const low = Math.max(cell.lo, hiddenSum - (hiSum - cell.hi));
    const high = Math.min(cell.hi, hiddenSum - (loSum - cell.lo));
    derivable[cell.i] = low >= high;
  }
  return derivable;
}

/**
 * Suppress cells that partition a shown total (every respondent in exactly one cell). Small cells first;
 * then, while any hidden cell could be worked out from the total, the smallest shown cell is hidden too.
 */
export function suppressPartition(
  values: readonly number[],
  k: number,
  total = values.reduce((sum, v) => sum + v, 0),
): PartitionResult {
  const reasons: (SuppressionReason | null)[] = values.map((v) => (k > 1 && v < k ? "small" : null));
  if (!reasons.some((r) => r !== null)) return { cells: values.map(shownCell), withheld: false };
  for (;;) {
    const derivable = findDerivableCells(values, reasons, total, k);
    if (!derivable.some(Boolean)) break;
    let smallest = -1;
    values.forEach((v, i) => {
      if (reasons[i] === null && (smallest === -1 || v < values[smallest]!)) smallest = i;
    });
    if (smallest === -1) {
      return {
        cells: values.map(() => ({ suppressed: true, reason: "complementary", display: COMPLEMENTARY_DISPLAY })),
        withheld: true,
      };
    }
    reasons[smallest] = "complementary";
  }
  return {
    cells: values.map((v, i) => {
      const reason = reasons[i];
      if (reason === null || reason === undefined) return shownCell(v);
      return { suppressed: true, reason, display: reason === "small" ? smallCellDisplay(k) : COMPLEMENTARY_DISPLAY };
    }),
    withheld: false,
  };
}
