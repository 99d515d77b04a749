import { describe, expect, it } from "vitest";
import { auditCsv, auditSearchSchema, dayRange, parseSearch, responseSearchSchema, toSearchQuery, utcDayStart } from "./admin-search";

describe("response search", () => {
  it("reads ids and whole UTC days, blank options as absent", () => {
    expect(parseSearch(responseSearchSchema, { team: "3", project: "", from: "2027-03-01", to: "2027-03-02" })).toEqual({
      value: { team: 3, project: undefined, from: "2027-03-01", to: "2027-03-02", round: undefined, page: undefined },
      problem: null,
    });
    expect(dayRange("2027-03-01", "2027-03-02")).toEqual({ gte: new Date("2027-03-01T00:00:00Z"), lt: new Date("2027-03-03T00:00:00Z") });
    expect(dayRange(undefined, undefined)).toBeNull();
    expect(utcDayStart("2027-02-30")).toBeNull();
  });

  it("drops a bad field, says why, and keeps the rest", () => {
    const parsed = parseSearch(responseSearchSchema, { team: "3", from: "yesterday" });
    expect(parsed.value.team).toBe(3);
    expect(parsed.value.from).toBeUndefined();
    expect(parsed.problem).toMatch(/From must be a date/);
    expect(parseSearch(responseSearchSchema, { from: "2027-03-02", to: "2027-03-01" }).problem).toMatch(/must not be after/);
    expect(toSearchQuery({ team: 3, from: "2027-03-01", project: undefined })).toBe("team=3&from=2027-03-01");
  });
});

describe("audit search and CSV", () => {
  it("filters by an organiser id or by no organiser, and by an action name", () => {
    expect(auditSearchSchema.parse({ organiser: "none", action: "round.close" })).toMatchObject({ organiser: "none", action: "round.close" });
    expect(auditSearchSchema.parse({ organiser: "7" }).organiser).toBe(7);
    expect(auditSearchSchema.safeParse({ action: "round close; drop" }).success).toBe(false);
  });

  it("starts with a BOM and keeps formula-looking cells as text", () => {
    const csv = auditCsv([
      { at: new Date("2027-03-01T09:00:00Z"), actorEmail: "=HYPERLINK(\"x\")@example.org", action: "sign-in", target: null, outcome: "denied", before: null, after: '{"reason":"-1"}' },
    ]);
    expect(csv.startsWith("\uFEFFat,organiser,action,target,outcome,before,after\r\n")).toBe(true);
    expect(csv).toContain("2027-03-01T09:00:00.000Z,\"'=HYPERLINK(\"\"x\"\")@example.org\",sign-in,,denied,");
  });
});
