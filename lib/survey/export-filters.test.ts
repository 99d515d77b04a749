import { describe, expect, it } from "vitest";
import { codebookQuerySchema, parseQuery, responsesExportQuerySchema } from "./export-filters";

const parseExport = (query: string) => parseQuery(responsesExportQuerySchema, new URLSearchParams(query));

describe("export query", () => {
  it("defaults to the wide layout without a BOM", () => {
    expect(parseExport("")).toEqual({ ok: true, value: { layout: "wide", bom: false } });
  });
  it("reads the dashboard's filters", () => {
    expect(parseExport("layout=long&round=demo-2025&team=nova&category=databases&employerPaid=unanswered&bom=1")).toEqual({
      ok: true,
      value: { layout: "long", round: "demo-2025", team: "nova", category: "databases", employerPaid: "unanswered", bom: true },
    });
  });
  it.each([
    ["layout=tall", /layout must be wide or long/],
    ["employerPaid=maybe", /employerPaid must be one of/],
    ["round=Demo 2025", /round must be a slug/],
    ["teem=nova", /unknown parameter “teem”/],
    ["team=nova&team=cinder", /at most once: team/],
    ["bom=yes", /bom must be 0 or 1/],
  ])("rejects %s with a clear message", (query, message) => {
    const result = parseExport(query);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
  it("accepts only round and bom for the codebook", () => {
    expect(parseQuery(codebookQuerySchema, new URLSearchParams("round=x"))).toEqual({ ok: true, value: { round: "x", bom: false } });
    expect(parseQuery(codebookQuerySchema, new URLSearchParams("layout=wide")).ok).toBe(false);
  });
});
