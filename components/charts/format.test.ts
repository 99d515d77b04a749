import { describe, expect, it } from "vitest";
import { niceTicks } from "./format";

describe("niceTicks", () => {
  it("gives round steps up to just above the maximum", () => {
    expect(niceTicks(18.7)).toEqual([0, 5, 10, 15, 20]);
    expect(niceTicks(34.7)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(56)).toEqual([0, 20, 40, 60]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});
