import { describe, expect, it } from "vitest";
import { dateOrderEvidence, parseFormTimestamp, parseIsoTimestamp, timestampKey } from "./timestamps";

const iso = (date: Date | null) => date?.toISOString() ?? null;

describe("timestamps", () => {
  it.each([
    ["2026/03/03 10:15:42 AM GMT+1", "mdy", "2026-03-03T09:15:42.000Z"],
    ["2026/03/03 2:04:09 PM GMT+1", "mdy", "2026-03-03T13:04:09.000Z"],
    ["2026/03/03 12:00:00 AM GMT-5:30", "mdy", "2026-03-03T05:30:00.000Z"],
    ["2026/03/03 12:30:00 PM GMT", "mdy", "2026-03-03T12:30:00.000Z"],
    ["3/4/2026 10:15:42", "mdy", "2026-03-04T10:15:42.000Z"],
    ["3/4/2026 10:15:42", "dmy", "2026-04-03T10:15:42.000Z"],
    ["14/03/2026 08:00:01", "dmy", "2026-03-14T08:00:01.000Z"],
    ["03.03.2026 10:15:42", "mdy", "2026-03-03T10:15:42.000Z"],
    ["2026-03-03 10:15:42", "mdy", "2026-03-03T10:15:42.000Z"],
    ["2026-03-03T10:15:42.120+02:00", "mdy", "2026-03-03T08:15:42.120Z"],
  ] as const)("reads %s (%s)", (text, order, expected) => {
    expect(iso(parseFormTimestamp(text, order))).toBe(expected);
  });

  it.each([
    "yesterday",
    "2026/02/30 10:00:00 AM GMT+1",
    "13/13/2026 10:00",
    "2026/03/03 13:00:00 PM GMT+1",
    "2026-02-31 10:00:00",
    "",
  ])("refuses %j", (text) => {
    expect(parseFormTimestamp(text, "mdy")).toBeNull();
  });

  it("takes ISO 8601 only for our exports and LimeSurvey, a missing zone as UTC", () => {
    expect(iso(parseIsoTimestamp("2026-03-03 10:15:42"))).toBe("2026-03-03T10:15:42.000Z");
    expect(iso(parseIsoTimestamp("2026-03-03"))).toBe("2026-03-03T00:00:00.000Z");
    expect(parseIsoTimestamp("3/3/2026 10:15:42")).toBeNull();
  });

  it("tells the date order only from a day past 12", () => {
    expect(dateOrderEvidence("14/03/2026 08:00:01")).toBe("dmy");
    expect(dateOrderEvidence("3/14/2026 08:00:01")).toBe("mdy");
    expect(dateOrderEvidence("3/4/2026 08:00:01")).toBeNull();
    expect(dateOrderEvidence("14.03.2026 08:00:01")).toBeNull();
  });

  it("keys an instant the same whatever the format it was written in", () => {
    const a = parseFormTimestamp("2026/03/03 10:15:42 AM GMT+1", "mdy");
    const b = parseFormTimestamp("2026-03-03T09:15:42Z", "mdy");
    expect(a && timestampKey(a)).toBe("2026-03-03T09:15:42Z");
    expect(b && timestampKey(b)).toBe("2026-03-03T09:15:42Z");
  });
});
