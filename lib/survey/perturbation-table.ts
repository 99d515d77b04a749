// The fixed perturbation table of the cell key method (docs/privacy.md). It maps a cell's true count and its
// cell key (0..M-1) to what is published. Generated from three parameters, deterministically, so the table is
// the same on every server and in every build with the same parameters:
//   k  the small-cell threshold (MIN_CELL_SIZE): no published count is ever 1..k-1;
//   D  the largest adjustment of a count of at least k;
//   M  the modulus of record and cell keys: every probability is a whole number of keys out of M.
// Rows, like the ONS and Destatis "ptable": one per true count 0..k+D-1, then one row that holds for every count
// from k+D up. Each row splits the keys 0..M-1 into consecutive ranges, one per outcome.
// Pure: no database, no randomness.

export interface PerturbationParameters {
  /** The small-cell threshold: published counts are 0, "<k" or at least k. */
  k: number;
  /** The largest adjustment of a count of at least k. */
  maxAdjustment: number;
  /** The modulus of the record and cell keys. */
  modulus: number;
  /** Keys out of `modulus` for which a true count of 1..k-1 is published as 0. */
  smallAsZeroKeys: number;
  /** Keys for which a true count of 1..k-1 is published as k; the keys left over publish it as "<k". */
  smallAsThresholdKeys: number;
}

/** The record key range: 256 keys, as in the ONS implementation, so each probability is a multiple of 1/256. */
export const RECORD_KEY_MODULUS = 256;
export const MAX_ADJUSTMENT = 2;
/** Most small cells are published as 0, so a published 0 never proves that nobody is in the cell. */
export const SMALL_AS_ZERO_KEYS = 224;
/** The other small cells are published as k, so a published k never proves k respondents, nor a small count. */
export const SMALL_AS_THRESHOLD_KEYS = 32;

/** One outcome of a row: a published count (`value`), or "<k" (`small`). */
export type Outcome = { kind: "value"; value: number } | { kind: "small" };

export interface PerturbationRow {
  /** The true count this row is for (the last row: every count from here up, outcomes relative to it). */
  count: number;
  /** Consecutive key ranges [from, to), covering 0..M-1, each with its outcome. */
  ranges: { from: number; to: number; outcome: Outcome }[];
}

export interface PerturbationTable {
  parameters: PerturbationParameters;
  rows: PerturbationRow[];
}

export function defaultPerturbationParameters(k: number): PerturbationParameters {
  return {
    k,
    maxAdjustment: MAX_ADJUSTMENT,
    modulus: RECORD_KEY_MODULUS,
    smallAsZeroKeys: SMALL_AS_ZERO_KEYS,
    smallAsThresholdKeys: SMALL_AS_THRESHOLD_KEYS,
  };
}

/**
 * Keys per adjustment d = -D..D for a count far enough from k: proportional to (D + 1 - |d|)², rounded so the two
 * sides stay equal (the adjustment has mean 0) and 0 takes what rounding leaves. D = 2, M = 256: 13, 54, 122, 54, 13.
 */
export function adjustmentWeights(maxAdjustment: number, modulus: number): Map<number, number> {
  const raw = (d: number) => (maxAdjustment + 1 - Math.abs(d)) ** 2;
  let total = 0;
  for (let d = -maxAdjustment; d <= maxAdjustment; d++) total += raw(d);
  const weights = new Map<number, number>();
  let sides = 0;
  for (let d = 1; d <= maxAdjustment; d++) {
    const keys = Math.round((modulus * raw(d)) / total);
    weights.set(d, keys);
    weights.set(-d, keys);
    sides += 2 * keys;
  }
  weights.set(0, modulus - sides);
  return weights;
}

function rangesOf(outcomes: { outcome: Outcome; keys: number }[]): PerturbationRow["ranges"] {
  const ranges: PerturbationRow["ranges"] = [];
  let from = 0;
  for (const { outcome, keys } of outcomes) {
    if (keys <= 0) continue;
    ranges.push({ from, to: from + keys, outcome });
    from += keys;
  }
  return ranges;
}

export function buildPerturbationTable(parameters: PerturbationParameters): PerturbationTable {
  const { k, maxAdjustment: D, modulus: M, smallAsZeroKeys, smallAsThresholdKeys } = parameters;
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer, not ${k}`);
  if (!Number.isInteger(D) || D < 0) throw new Error(`the maximum adjustment must be a whole number, not ${D}`);
  if (!Number.isInteger(M) || M < 2) throw new Error(`the modulus must be an integer of at least 2, not ${M}`);
  if (smallAsZeroKeys < 0 || smallAsThresholdKeys < 0 || smallAsZeroKeys + smallAsThresholdKeys > M)
    throw new Error(`smallAsZeroKeys and smallAsThresholdKeys must be at least 0 and add up to at most ${M}`);
  const weights = adjustmentWeights(D, M);
  const rows: PerturbationRow[] = [];
  // True zeros stay 0: an empty cell has no respondent to protect, and no key (its key sum is 0).
  rows.push({ count: 0, ranges: [{ from: 0, to: M, outcome: { kind: "value", value: 0 } }] });
  // 1..k-1: 0, "<k" or k, the same split for every small count, so no outcome says which small count it was.
  // Publishing some as k (as the Destatis ptable sends small counts above its threshold) is what keeps a
  // shown count from proving "at least one and at most k-1": a published k may be 1..k+D.
  for (let count = 1; count < k; count++) {
    rows.push({
      count,
      ranges: rangesOf([
        { outcome: { kind: "value", value: 0 }, keys: smallAsZeroKeys },
        { outcome: { kind: "small" }, keys: M - smallAsZeroKeys - smallAsThresholdKeys },
        { outcome: { kind: "value", value: k }, keys: smallAsThresholdKeys },
      ]),
    });
  }
  // k and up: count + d. Near k an adjustment that would land below k is not allowed; its keys go to d = 0, so
  // these counts are never published exactly every time (a small upward bias, at most (sum of d · keys)/M at k).
  const last = k + D;
  for (let count = k; count <= last; count++) {
    const outcomes: { outcome: Outcome; keys: number }[] = [];
    let toZero = 0;
    for (let d = -D; d <= D; d++) {
      const keys = weights.get(d) ?? 0;
      if (count + d < k) toZero += keys;
      else outcomes.push({ outcome: { kind: "value", value: d }, keys });
    }
    const zero = outcomes.find((o) => o.outcome.kind === "value" && o.outcome.value === 0);
    if (zero) zero.keys += toZero;
    // Outcomes of these rows are adjustments; lookUp adds the count.
    rows.push({ count, ranges: rangesOf(outcomes) });
  }
  return { parameters, rows };
}

/** The outcome for a true count and a cell key (0..M-1). */
export function lookUpOutcome(table: PerturbationTable, count: number, cellKey: number): Outcome {
  const { k, maxAdjustment: D, modulus: M } = table.parameters;
  if (!Number.isInteger(count) || count < 0) throw new Error(`a count is a whole number, not ${count}`);
  const key = ((cellKey % M) + M) % M;
  const rowIndex = Math.min(count, k + D);
  const row = table.rows[rowIndex]!;
  const range = row.ranges.find((r) => key >= r.from && key < r.to)!;
  if (count < k) return range.outcome;
  // Rows from k hold adjustments.
  return { kind: "value", value: count + (range.outcome as { value: number }).value };
}
