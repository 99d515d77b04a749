import { describe, expect, it } from "vitest";
import { readFlag, readNumber, readTick, restoreCell, splitChoices } from "./cell-values";

describe("cells", () => {
  it("undoes only the formula guard", () => {
    expect(restoreCell("'=SUM(A1)")).toBe("=SUM(A1)");
    expect(restoreCell("'-3")).toBe("-3");
    expect(restoreCell("'quoted'")).toBe("'quoted'");
    expect(restoreCell("=raw")).toBe("=raw");
  });

  it("splits joined answers on semicolons and line breaks first, else on commas", () => {
    expect(splitChoices("SQLAlchemy, libvirt,QEMU")).toEqual(["SQLAlchemy", "libvirt", "QEMU"]);
    expect(splitChoices("nova; neutron;;nova")).toEqual(["nova", "neutron"]);
    expect(splitChoices("my tool, the fork\r\nanother")).toEqual(["my tool, the fork", "another"]);
    expect(splitChoices("  ")).toEqual([]);
  });

  it("reads flags and numbers, leaving what it cannot read for the schema to refuse", () => {
    expect([readFlag("TRUE"), readFlag(""), readFlag("no"), readFlag("maybe")]).toEqual([true, false, false, "maybe"]);
    expect([readNumber(" 7 "), readNumber("5.0000000000"), readNumber(""), readNumber("seven")]).toEqual([
      7,
      5,
      null,
      Number.NaN,
    ]);
  });

  it("reads a multi-select option column ticked as LimeSurvey writes it", () => {
    expect(["Y", "Yes", "1", "pip", "x"].map((value) => readTick(value, "pip", "“projects [pip]”"))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(["", "N", "No", "0"].map((value) => readTick(value, "pip", "“projects [pip]”"))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(() => readTick("maybe", "pip", "“projects [pip]”")).toThrow("“projects [pip]”: “maybe” is not a tick");
  });
});
