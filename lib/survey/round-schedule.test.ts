import { describe, expect, it } from "vitest";
import { dueTransition, effectiveStatus, parseUtcInput, roundPhase, roundScheduleSchema, toUtcInput, windowsOverlap } from "./round-schedule";

const at = (iso: string) => new Date(iso);
const now = at("2027-03-10T12:00:00Z");
const past = at("2027-03-01T09:00:00Z");
const future = at("2027-03-20T09:00:00Z");

describe("roundPhase", () => {
  it("opens a draft at its opening time and closes it at its closing time", () => {
    expect(roundPhase({ status: "draft", opensAt: null, closesAt: null }, now)).toBe("draft");
    expect(roundPhase({ status: "draft", opensAt: future, closesAt: null }, now)).toBe("scheduled");
    expect(roundPhase({ status: "draft", opensAt: past, closesAt: null }, now)).toBe("open");
    expect(roundPhase({ status: "draft", opensAt: past, closesAt: future }, now)).toBe("open");
    expect(roundPhase({ status: "draft", opensAt: past, closesAt: now }, now)).toBe("closed");
    // A closing time alone does not open a draft, nor close what never opened.
    expect(roundPhase({ status: "draft", opensAt: null, closesAt: past }, now)).toBe("draft");
  });

  it("closes an open round at its closing time; a closed round stays closed", () => {
    expect(roundPhase({ status: "open", opensAt: past, closesAt: null }, now)).toBe("open");
    expect(roundPhase({ status: "open", opensAt: past, closesAt: future }, now)).toBe("open");
    expect(roundPhase({ status: "open", opensAt: past, closesAt: past }, now)).toBe("closed");
    expect(roundPhase({ status: "closed", opensAt: past, closesAt: future }, now)).toBe("closed");
  });

  it("reads a scheduled round as a draft, and says which stored move is due", () => {
    expect(effectiveStatus({ status: "draft", opensAt: future, closesAt: null }, now)).toBe("draft");
    expect(dueTransition({ status: "draft", opensAt: past, closesAt: null }, now)).toBe("open");
    expect(dueTransition({ status: "draft", opensAt: past, closesAt: past }, now)).toBe("closed");
    expect(dueTransition({ status: "open", opensAt: past, closesAt: past }, now)).toBe("closed");
    expect(dueTransition({ status: "open", opensAt: past, closesAt: future }, now)).toBeNull();
    expect(dueTransition({ status: "closed", opensAt: past, closesAt: past }, now)).toBeNull();
  });
});

describe("windowsOverlap", () => {
  it("treats windows as half-open and a missing closing time as forever", () => {
    expect(windowsOverlap({ opensAt: past, closesAt: now }, { opensAt: now, closesAt: null })).toBe(false);
    expect(windowsOverlap({ opensAt: past, closesAt: null }, { opensAt: future, closesAt: null })).toBe(true);
    expect(windowsOverlap({ opensAt: past, closesAt: future }, { opensAt: now, closesAt: future })).toBe(true);
  });
});

describe("UTC inputs", () => {
  it("reads a datetime-local value as UTC and writes it back", () => {
    expect(parseUtcInput("2027-03-01T09:00")?.toISOString()).toBe("2027-03-01T09:00:00.000Z");
    expect(parseUtcInput("2027-02-31T09:00")).toBeNull();
    expect(parseUtcInput("2027-03-01 09:00")).toBeNull();
    expect(toUtcInput(at("2027-03-01T09:00:00Z"))).toBe("2027-03-01T09:00");
  });

  it("refuses a closing time before the opening time, and takes absent fields as by hand", () => {
    expect(roundScheduleSchema.safeParse({ roundId: "1", opensAt: "2027-03-02T00:00", closesAt: "2027-03-01T00:00" }).success).toBe(false);
    expect(roundScheduleSchema.parse({ roundId: "1", closesAt: "" })).toEqual({ roundId: 1, opensAt: null, closesAt: null });
    expect(roundScheduleSchema.safeParse({ roundId: "1", opensAt: "soon" }).success).toBe(false);
  });
});
