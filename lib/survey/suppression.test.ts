import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellShare, displayCell, suppressCount, suppressPartition, type Cell } from "./suppression";

describe("suppressCount", () => {
  it("shows counts of at least k and hides smaller ones, zero included, as <k", () => {
    expect(suppressCount(5, 5)).toEqual({ suppressed: false, value: 5 });
    expect(suppressCount(4, 5)).toEqual({ suppressed: true, reason: "small", display: "<5" });
    expect(suppressCount(0, 5)).toMatchObject({ suppressed: true, display: "<5" });
    expect(displayCell(suppressCount(2, 10))).toBe("<10");
  });

  it("k = 1 switches the rule off", () => {
    expect(suppressCount(0, 1)).toEqual({ suppressed: false, value: 0 });
  });

  it("gives no share for a hidden cell or a hidden denominator", () => {
    expect(cellShare(suppressCount(3, 5), 100)).toBeNull();
    expect(cellShare(suppressCount(10, 5), suppressCount(4, 5))).toBeNull();
    expect(cellShare(suppressCount(10, 5), 40)).toBe(0.25);
  });
});

describe("suppressPartition", () => {
  it("leaves a partition without small cells alone", () => {
    const { cells, withheld } = suppressPartition([10, 20, 30], 5);
    expect(withheld).toBe(false);
    expect(cells.every((cell) => !cell.suppressed)).toBe(true);
  });

  it("hides a second cell when exactly one is small, since total minus the rest would reveal it", () => {
    const { cells } = suppressPartition([3, 20, 12, 40], 5);
    expect(cells.map(displayCell)).toEqual(["<5", "20", "hidden", "40"]);
  });

  it("hides more when two small cells sum to zero (both would be known to be 0)", () => {
    const { cells } = suppressPartition([0, 0, 9, 30], 5);
    expect(cells.filter((cell) => cell.suppressed)).toHaveLength(3);
  });

  it("withholds the breakdown when nothing can be hidden safely", () => {
    // 0 and 5 out of 5: hiding both still leaves 0 + (a cell of at least 5) = 5, which pins both.
    expect(suppressPartition([0, 5], 5).withheld).toBe(true);
  });
});

// --- The property: nothing hidden can be worked out from what is shown --------------------------

/**
 * Brute force, independent of the implementation: every assignment of the hidden cells that an observer
 * who knows the rule would accept (small cells 0..k-1; complementary cells k..smallest shown; hidden cells
 * summing to the total minus the shown ones). A hidden cell is derivable if it has one value in all of them.
 */
function derivableHiddenCells(cells: readonly Cell[], total: number, k: number): number[] {
  const shown = cells.flatMap((cell) => (cell.suppressed ? [] : [cell.value]));
  const smallestShown = shown.length > 0 ? Math.min(...shown) : total;
  const hiddenSum = total - shown.reduce((a, b) => a + b, 0);
  const hidden = cells.flatMap((cell, i) =>
    cell.suppressed ? [{ i, range: cell.reason === "small" ? [0, k - 1] : [k, smallestShown] }] : [],
  );
  const seen = hidden.map(() => new Set<number>());
  const assign = (index: number, remaining: number, chosen: number[]) => {
    if (index === hidden.length) {
      if (remaining === 0) chosen.forEach((value, j) => seen[j]!.add(value));
      return;
    }
    const [lo, hi] = hidden[index]!.range as [number, number];
    for (let v = lo; v <= Math.min(hi, remaining); v++) assign(index + 1, remaining - v, [...chosen, v]);
  };
  assign(0, hiddenSum, []);
  return hidden.filter((_, j) => seen[j]!.size <= 1).map((h) => h.i);
}

describe("no suppressed value is derivable from the shown total (property)", () => {
  it("holds for random partitions and k", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 14 }), { minLength: 1, maxLength: 6 }),
        (k, values) => {
          const total = values.reduce((a, b) => a + b, 0);
          const { cells, withheld } = suppressPartition(values, k, total);
          if (withheld) return true; // nothing shown but n
          // Every shown cell is at least k, and shown values are the true ones.
          cells.forEach((cell, i) => {
            if (!cell.suppressed) {
              expect(cell.value).toBe(values[i]);
              expect(cell.value).toBeGreaterThanOrEqual(k);
            } else if (cell.reason === "small") {
              expect(values[i]).toBeLessThan(k);
            }
          });
          expect(derivableHiddenCells(cells, total, k)).toEqual([]);
          return true;
        },
      ),
      { numRuns: 500 },
    );
  });
});
