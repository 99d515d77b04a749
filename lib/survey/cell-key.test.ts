import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellKeyOf, publishTally, type Tally } from "./cell-key";
import {
  adjustmentWeights,
  buildPerturbationTable,
  defaultPerturbationParameters,
  lookUpOutcome,
  RECORD_KEY_MODULUS,
} from "./perturbation-table";

const M = RECORD_KEY_MODULUS;
const D = 2;

/** A set of respondents: their record keys. */
const recordKeys = (max = 60) => fc.array(fc.integer({ min: 0, max: M - 1 }), { maxLength: max });
const tallyOf = (keys: readonly number[]): Tally => ({ count: keys.length, keySum: keys.reduce((a, b) => a + b, 0) });

describe("the perturbation table", () => {
  it("covers every key exactly once in every row, for any k, D and M", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 16, max: 1024 }),
        (k, maxAdjustment, modulus) => {
          const table = buildPerturbationTable({
            k,
            maxAdjustment,
            modulus,
            smallAsZeroKeys: Math.floor(modulus / 2),
            smallAsThresholdKeys: Math.floor(modulus / 8),
          });
          expect(table.rows).toHaveLength(k + maxAdjustment + 1);
          for (const row of table.rows) {
            expect(row.ranges[0]!.from).toBe(0);
            expect(row.ranges.at(-1)!.to).toBe(modulus);
            row.ranges.forEach((range, i) => {
              expect(range.to).toBeGreaterThan(range.from);
              if (i > 0) expect(range.from).toBe(row.ranges[i - 1]!.to);
            });
          }
        },
      ),
    );
  });

  it("adjusts counts far from k by a symmetric amount with mean 0", () => {
    const weights = adjustmentWeights(D, M);
    expect([...weights.keys()].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2]);
    expect([...weights.values()].reduce((a, b) => a + b, 0)).toBe(M);
    expect(Object.fromEntries(weights)).toEqual({ "-2": 13, "-1": 54, "0": 122, "1": 54, "2": 13 });
  });

  it("publishes 0 for 0, 0 or k for 1..k-1, and count ± D (never 1..k-1) from k, for every count and key", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10 }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: M - 1 }), (k, count, key) => {
        const table = buildPerturbationTable(defaultPerturbationParameters(k));
        const outcome = lookUpOutcome(table, count, key);
        if (count === 0) expect(outcome).toEqual({ kind: "value", value: 0 });
        else if (count < k) expect(outcome).toSatisfy((o: typeof outcome) => o.kind === "value" && (o.value === 0 || o.value === k));
        else {
          expect(outcome.kind).toBe("value");
          const value = (outcome as { value: number }).value;
          expect(Math.abs(value - count)).toBeLessThanOrEqual(D);
          expect(value).toBeGreaterThanOrEqual(k);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("gives every small count the same split between 0 and k, so neither says which it was", () => {
    const table = buildPerturbationTable(defaultPerturbationParameters(5));
    const small = table.rows.slice(1, 5).map((row) => row.ranges);
    for (const ranges of small) expect(ranges).toEqual(small[0]);
    expect(small[0]).toEqual([
      { from: 0, to: 224, outcome: { kind: "value", value: 0 } },
      { from: 224, to: M, outcome: { kind: "value", value: 5 } },
    ]);
  });

  it('publishes a small count as "<k" for the keys neither 0 nor k takes, where a table leaves some', () => {
    const table = buildPerturbationTable({ k: 5, maxAdjustment: D, modulus: M, smallAsZeroKeys: 128, smallAsThresholdKeys: 64 });
    expect(table.rows[3]!.ranges.map((range) => [range.to - range.from, range.outcome])).toEqual([
      [128, { kind: "value", value: 0 }],
      [64, { kind: "small" }],
      [64, { kind: "value", value: 5 }],
    ]);
    expect(() => buildPerturbationTable({ k: 5, maxAdjustment: D, modulus: M, smallAsZeroKeys: 200, smallAsThresholdKeys: 64 })).toThrow(
      /add up to at most 256/,
    );
  });

  it("perturbs every count of at least k for some keys (none is published exactly every time)", () => {
    const table = buildPerturbationTable(defaultPerturbationParameters(5));
    for (let count = 5; count < 40; count++) {
      const values = new Set(Array.from({ length: M }, (_, key) => (lookUpOutcome(table, count, key) as { value: number }).value));
      expect(values.size).toBeGreaterThan(1);
    }
  });

  it("adjusts counts far from k with mean 0 over the keys", () => {
    const table = buildPerturbationTable(defaultPerturbationParameters(5));
    for (const count of [7, 8, 50, 1234]) {
      let sum = 0;
      for (let key = 0; key < M; key++) sum += (lookUpOutcome(table, count, key) as { value: number }).value - count;
      expect(sum).toBe(0);
    }
  });
});

describe("publishing a cell", () => {
  it("depends only on the set of respondents, not on their order or on how the keys were summed", () => {
    fc.assert(
      fc.property(recordKeys(), fc.integer({ min: 2, max: 10 }), fc.integer({ min: 0, max: 20 }), (keys, k, wraps) => {
        const shuffled = [...keys].reverse();
        const a = publishTally(tallyOf(keys), k);
        const b = publishTally(tallyOf(shuffled), k);
        // A key sum reduced modulo M (or not) is the same cell key.
        const c = publishTally({ count: keys.length, keySum: tallyOf(keys).keySum % M + wraps * M }, k);
        expect(b).toEqual(a);
        expect(c).toEqual(a);
      }),
    );
  });

  it("is bounded: within D of the count from k, 0 or k below k, and never a value in 1..k-1", () => {
    fc.assert(
      fc.property(recordKeys(200), fc.integer({ min: 2, max: 10 }), (keys, k) => {
        const cell = publishTally(tallyOf(keys), k);
        expect(cell.suppressed).toBe(false);
        if (cell.suppressed) return;
        if (cell.value === 0) expect(keys.length).toBeLessThan(k);
        else if (keys.length < k) {
          expect(keys.length).toBeGreaterThan(0);
          expect(cell.value).toBe(k);
        } else {
          expect(cell.value).toBeGreaterThanOrEqual(k);
          expect(Math.abs(cell.value - keys.length)).toBeLessThanOrEqual(D);
        }
      }),
    );
  });

  it("keeps an empty cell at 0", () => {
    expect(publishTally({ count: 0, keySum: 0 }, 5)).toEqual({ suppressed: false, value: 0 });
  });

  it("shows every count as it is when k is 1", () => {
    fc.assert(
      fc.property(recordKeys(), (keys) => {
        expect(publishTally(tallyOf(keys), 1)).toEqual({ suppressed: false, value: keys.length });
      }),
    );
  });

  it("reduces key sums modulo M, negative ones included", () => {
    expect(cellKeyOf(-1, M)).toBe(M - 1);
    expect(cellKeyOf(3 * M + 7, M)).toBe(7);
  });
});
