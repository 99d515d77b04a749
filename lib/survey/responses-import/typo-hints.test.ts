import { describe, expect, it } from "vitest";
import { editDistance, suggestForTypo } from "./typo-hints";
import { testCatalogue } from "./test-catalogue";

describe("typo hints", () => {
  it("counts a swap of neighbours as one typo and gives up past the limit", () => {
    expect(editDistance("libvrit", "libvirt", 2)).toBe(1);
    expect(editDistance("kubernets", "kubernetes", 2)).toBe(1);
    expect(editDistance("sqlalchemy", "django", 2)).toBe(3);
  });

  it("suggests a project one or two typos away, and nothing for short or unrelated names", () => {
    expect(suggestForTypo(testCatalogue.index, "SQLAlchmey")).toBe("sqlalchemy");
    expect(suggestForTypo(testCatalogue.index, "libvrit")).toBe("libvirt");
    expect(suggestForTypo(testCatalogue.index, "pyp")).toBe(null);
    expect(suggestForTypo(testCatalogue.index, "my own tool")).toBe(null);
  });
});
