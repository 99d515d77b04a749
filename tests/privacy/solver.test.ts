// The solver must find the leaks of a hand-made table before its silence on the app means anything.
import { describe, expect, it } from "vitest";
import { gaussJordan, solve, UNBOUNDED, type Problem } from "./solver";

const free = (n: number) => ({ lo: Array(n).fill(0) as number[], hi: Array(n).fill(UNBOUNDED) as number[] });

describe("attack solver", () => {
  it("finds the unpublished employer-paid rest by subtraction (53 − (13+14+15+10) = 1)", () => {
    // x0 = n, x1..x4 the published values, x5 the rest nobody can filter by.
    const { lo, hi } = free(6);
    [53, 13, 14, 15, 10].forEach((v, i) => ((lo[i] = v), (hi[i] = v)));
    const problem: Problem = {
      lo,
      hi,
      equalities: [{ vars: [0, 1, 2, 3, 4, 5], coefs: [1, -1, -1, -1, -1, -1], rhs: 0 }],
      differences: [],
    };
    const { lo: l, hi: h } = solve(problem);
    expect([l[5], h[5]]).toEqual([1, 1]);
  });

  it('pins four parts of at least 1 inside a total of at most 4 (0 shown apart from "<5")', () => {
    // x0: a total shown as "<5"; x1..x4: its parts, each "<5" on a page that shows 0 as 0.
    const problem: Problem = {
      lo: [0, 1, 1, 1, 1],
      hi: [4, 4, 4, 4, 4],
      equalities: [{ vars: [0, 1, 2, 3, 4], coefs: [1, -1, -1, -1, -1], rhs: 0 }],
      differences: [],
    };
    const { lo, hi } = solve(problem);
    expect(lo).toEqual([4, 1, 1, 1, 1]);
    expect(hi).toEqual([4, 1, 1, 1, 1]);
  });

  it("reads hidden counts from the order of hidden rows: 4, 4 | 3 | 2 | 1", () => {
    // Five "<5" rows, sorted by count then name, with the alphabetical order restarting after rows 1, 2 and 3.
    const problem: Problem = {
      lo: [1, 1, 1, 1, 1],
      hi: [4, 4, 4, 4, 4],
      equalities: [],
      differences: [
        { a: 0, b: 1, gap: 0 },
        { a: 1, b: 2, gap: 1 },
        { a: 2, b: 3, gap: 1 },
        { a: 3, b: 4, gap: 1 },
      ],
    };
    const { lo, hi } = solve(problem);
    expect(lo).toEqual([4, 4, 3, 2, 1]);
    expect(hi).toEqual([4, 4, 3, 2, 1]);
  });

  it("derives a cell only the whole system determines (elimination, not propagation)", () => {
    // Unknown cells a b / c d with published a + b = 7, c + d = 3, a + c = 6 and a + d = 5: bounds alone leave
    // a in 3..5, but the four equations together give a = 4.
    const problem: Problem = {
      ...free(4),
      equalities: [
        { vars: [0, 1], coefs: [1, 1], rhs: 7 },
        { vars: [2, 3], coefs: [1, 1], rhs: 3 },
        { vars: [0, 2], coefs: [1, 1], rhs: 6 },
        { vars: [0, 3], coefs: [1, 1], rhs: 5 },
      ],
      differences: [],
    };
    const { lo, hi } = solve(problem);
    expect(lo).toEqual([4, 3, 2, 1]);
    expect(hi).toEqual([4, 3, 2, 1]);
  });

  it("does not claim what the figures do not determine", () => {
    // Two hidden cells of 1..4 adding up to a published 5: (1,4), (2,3), (3,2), (4,1) all fit.
    const problem: Problem = {
      lo: [1, 1],
      hi: [4, 4],
      equalities: [{ vars: [0, 1], coefs: [1, 1], rhs: 5 }],
      differences: [],
    };
    const { lo, hi, contradictions } = solve(problem);
    expect(lo).toEqual([1, 1]);
    expect(hi).toEqual([4, 4]);
    expect(contradictions).toBe(0);
  });

  it("reduces exactly, in integers", () => {
    const rows = gaussJordan([
      {
        coefs: new Map([
          [0, 2n],
          [1, 1n],
        ]),
        rhs: 5n,
      },
      {
        coefs: new Map([
          [0, 1n],
          [1, -1n],
        ]),
        rhs: 1n,
      },
    ]);
    const solved = rows.map((row) => [...row.coefs.entries()].map(([v, c]) => [v, Number(row.rhs) / Number(c)]));
    expect(solved).toEqual([[[0, 2]], [[1, 1]]]);
  });
});
