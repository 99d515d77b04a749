import { describe, expect, it } from "vitest";
import { describeFiguresAsOf } from "./figures-as-of";

describe("describeFiguresAsOf", () => {
  it("gives the UTC time of the stored figures, with the date only when it is another day", () => {
    const now = new Date("2026-12-03T15:00:00Z");
    expect(describeFiguresAsOf("2026-12-03T14:05:59.000Z", now)).toMatch(/^Figures as of 14:05 UTC: /);
    expect(describeFiguresAsOf("2026-12-02T23:59:00.000Z", now)).toMatch(/^Figures as of 23:59 UTC on 2026-12-02: /);
  });
});
