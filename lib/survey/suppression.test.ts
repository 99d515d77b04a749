import { describe, expect, it } from "vitest";
import { cellShare, cellValue, displayCell, shownCell, smallCell } from "./suppression";

describe("published cells", () => {
  it("show a count as it is and <k as its label", () => {
    expect(displayCell(shownCell(12))).toBe("12");
    expect(displayCell(smallCell(5))).toBe("<5");
    expect(cellValue(smallCell(5))).toBeNull();
    expect(cellValue(shownCell(0))).toBe(0);
  });

  it("give a share only for a shown count over a shown, positive denominator", () => {
    expect(cellShare(shownCell(5), 20)).toBe(0.25);
    expect(cellShare(shownCell(5), shownCell(10))).toBe(0.5);
    expect(cellShare(smallCell(5), 20)).toBeNull();
    expect(cellShare(shownCell(5), smallCell(5))).toBeNull();
    expect(cellShare(shownCell(0), 0)).toBeNull();
  });
});
