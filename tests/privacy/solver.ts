// The attacker's solver: integer unknowns (true counts) with bounds, linear equalities (cells adding up to a
// total) and differences (x_a − x_b ≥ gap, from orderings). Two methods, alternated until nothing changes:
// - interval propagation (bounds consistency) over every constraint, which is what turns "four parts of at least
//   one inside a total of four" into four exact ones;
// - exact elimination (Gauss–Jordan over the rationals, in BigInt) on each connected group of equalities whose
//   unknowns are not yet fixed: an unknown is derived when its unit vector lies in the row space.
// Hand-written rather than an LP/rational library: the coefficients are ±1, the systems are sparse and split into
// small components, and exactness matters more than generality (a float LP could "derive" a count by rounding).

export interface Equality {
  vars: number[];
  coefs: number[];
  rhs: number;
}

/** x[a] − x[b] ≥ gap. */
export interface Difference {
  a: number;
  b: number;
  gap: number;
}

export interface Problem {
  lo: number[];
  hi: number[];
  equalities: Equality[];
  differences: Difference[];
}

export interface Solution {
  lo: number[];
  hi: number[];
  /** Constraints that could not all hold (a wrong assumption somewhere); their last tightening was dropped. */
  contradictions: number;
  /** Components too large for elimination: only propagation was applied to them. */
  skippedComponents: number;
}

export const UNBOUNDED = 1e9;

export interface SolveOptions {
  /** Largest number of unfixed unknowns eliminated together. */
  maxComponent?: number;
  maxRounds?: number;
}

export function solve(problem: Problem, options: SolveOptions = {}): Solution {
  const lo = [...problem.lo];
  const hi = [...problem.hi];
  const state = { contradictions: 0, skippedComponents: 0 };
  for (let round = 0; round < (options.maxRounds ?? 8); round++) {
    propagate(problem, lo, hi, state);
    const fixed = eliminate(problem, lo, hi, options.maxComponent ?? 400, state);
    if (fixed === 0) break;
  }
  return { lo, hi, ...state };
}

function propagate(problem: Problem, lo: number[], hi: number[], state: { contradictions: number }) {
  const n = lo.length;
  const eqOf: number[][] = Array.from({ length: n }, () => []);
  const diffOf: number[][] = Array.from({ length: n }, () => []);
  problem.equalities.forEach((eq, i) => eq.vars.forEach((v) => eqOf[v]!.push(i)));
  problem.differences.forEach((d, i) => {
    diffOf[d.a]!.push(i);
    diffOf[d.b]!.push(i);
  });
  const queuedEq = new Uint8Array(problem.equalities.length).fill(1);
  const queuedDiff = new Uint8Array(problem.differences.length).fill(1);
  const eqQueue = problem.equalities.map((_, i) => i);
  const diffQueue = problem.differences.map((_, i) => i);
  const tighten = (v: number, newLo: number, newHi: number) => {
    const l = Math.max(lo[v]!, Math.ceil(newLo - 1e-9));
    const h = Math.min(hi[v]!, Math.floor(newHi + 1e-9));
    if (l > h) {
      state.contradictions++;
      return;
    }
    if (l === lo[v] && h === hi[v]) return;
    lo[v] = l;
    hi[v] = h;
    for (const e of eqOf[v]!)
      if (!queuedEq[e]) {
        queuedEq[e] = 1;
        eqQueue.push(e);
      }
    for (const d of diffOf[v]!)
      if (!queuedDiff[d]) {
        queuedDiff[d] = 1;
        diffQueue.push(d);
      }
  };
  let steps = 0;
  const limit = 50 * (problem.equalities.length + problem.differences.length) + 1000;
  while ((eqQueue.length > 0 || diffQueue.length > 0) && steps++ < limit) {
    const e = eqQueue.pop();
    if (e !== undefined) {
      queuedEq[e] = 0;
      const eq = problem.equalities[e]!;
      let min = 0;
      let max = 0;
      eq.vars.forEach((v, i) => {
        const c = eq.coefs[i]!;
        min += c > 0 ? c * lo[v]! : c * hi[v]!;
        max += c > 0 ? c * hi[v]! : c * lo[v]!;
      });
      eq.vars.forEach((v, i) => {
        const c = eq.coefs[i]!;
        const termMin = c > 0 ? c * lo[v]! : c * hi[v]!;
        const termMax = c > 0 ? c * hi[v]! : c * lo[v]!;
        // c·x = rhs − (the others), and the others lie in [min − termMin, max − termMax].
        const a = (eq.rhs - (max - termMax)) / c;
        const b = (eq.rhs - (min - termMin)) / c;
        if (Math.abs(a) < UNBOUNDED / 2 || Math.abs(b) < UNBOUNDED / 2) tighten(v, Math.min(a, b), Math.max(a, b));
      });
    }
    const d = diffQueue.pop();
    if (d !== undefined) {
      queuedDiff[d] = 0;
      const { a, b, gap } = problem.differences[d]!;
      tighten(a, lo[b]! + gap, UNBOUNDED);
      tighten(b, 0, hi[a]! - gap);
    }
  }
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

type Row = { coefs: Map<number, bigint>; rhs: bigint };

function normalise(row: Row) {
  let g = row.rhs < 0n ? -row.rhs : row.rhs;
  for (const c of row.coefs.values()) g = gcd(g, c);
  if (g > 1n) {
    for (const [v, c] of row.coefs) row.coefs.set(v, c / g);
    row.rhs /= g;
  }
}

/** Gauss–Jordan per component of unfixed unknowns; fixes every unknown the equalities alone determine. */
function eliminate(
  problem: Problem,
  lo: number[],
  hi: number[],
  maxComponent: number,
  state: { skippedComponents: number },
): number {
  const parent = lo.map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  const rows: Row[] = [];
  for (const eq of problem.equalities) {
    const row: Row = { coefs: new Map(), rhs: BigInt(eq.rhs) };
    eq.vars.forEach((v, i) => {
      const c = BigInt(eq.coefs[i]!);
      if (lo[v] === hi[v]) row.rhs -= c * BigInt(lo[v]!);
      else row.coefs.set(v, (row.coefs.get(v) ?? 0n) + c);
    });
    for (const [v, c] of row.coefs) if (c === 0n) row.coefs.delete(v);
    if (row.coefs.size === 0) continue;
    const [first, ...rest] = row.coefs.keys();
    for (const v of rest) parent[find(v)] = find(first!);
    rows.push(row);
  }
  const components = new Map<number, Row[]>();
  for (const row of rows) {
    const root = find(row.coefs.keys().next().value!);
    const list = components.get(root) ?? [];
    list.push(row);
    components.set(root, list);
  }
  let fixed = 0;
  for (const component of components.values()) {
    const vars = new Set<number>();
    for (const row of component) for (const v of row.coefs.keys()) vars.add(v);
    if (vars.size > maxComponent) {
      state.skippedComponents++;
      continue;
    }
    const reduced = gaussJordan(component);
    for (const row of reduced) {
      if (row.coefs.size !== 1) continue;
      const [[v, c]] = [...row.coefs] as [[number, bigint]];
      if (row.rhs % c !== 0n) continue;
      const value = Number(row.rhs / c);
      if (value >= lo[v]! && value <= hi[v]! && lo[v] !== hi[v]) {
        lo[v] = hi[v] = value;
        fixed++;
      }
    }
  }
  return fixed;
}

/** Reduced row echelon form, fraction-free (each row kept as coprime integers). */
export function gaussJordan(input: readonly Row[]): Row[] {
  const rows = input.map((row) => ({ coefs: new Map(row.coefs), rhs: row.rhs }));
  const pivots: Row[] = [];
  for (const row of rows) {
    // Reduce the new row by every pivot so far, then reduce the pivots by it.
    for (const pivot of pivots) eliminateWith(row, pivot);
    if (row.coefs.size === 0) continue;
    normalise(row);
    for (const pivot of pivots) eliminateWith(pivot, row);
    pivots.push(row);
  }
  return pivots;
}

const pivotVar = (row: Row) => row.coefs.keys().next().value!;

function eliminateWith(target: Row, pivot: Row) {
  const v = pivotVar(pivot);
  const t = target.coefs.get(v);
  if (t === undefined) return;
  const p = pivot.coefs.get(v)!;
  // target := p·target − t·pivot, which removes v.
  for (const [u, c] of target.coefs) target.coefs.set(u, c * p);
  target.rhs *= p;
  for (const [u, c] of pivot.coefs) {
    const value = (target.coefs.get(u) ?? 0n) - t * c;
    if (value === 0n) target.coefs.delete(u);
    else target.coefs.set(u, value);
  }
  target.rhs -= t * pivot.rhs;
  normalise(target);
}
