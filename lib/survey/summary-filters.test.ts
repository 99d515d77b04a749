import { describe, expect, it } from "vitest";
import { describeFilterIssues, parseSummaryQuery, toSummaryQueryString } from "./summary-filters";

const parse = (query: string, options?: { allowFormat?: boolean }) =>
  parseSummaryQuery(new URLSearchParams(query), options);

describe("parseSummaryQuery", () => {
  it("parses every filter and defaults the view to percent", () => {
    expect(parse("round=demo-2026&team=nova&category=databases-db-libraries&employerPaid=partly")).toEqual({
      ok: true,
      filters: {
        round: "demo-2026",
        team: "nova",
        category: "databases-db-libraries",
        employerPaid: "partly",
        view: "percent",
      },
      format: {},
    });
    expect(parse("view=count")).toMatchObject({ ok: true, filters: { view: "count" } });
  });

  it("treats an empty value as no filter, as a GET form's 'All' option sends it", () => {
    expect(parse("round=&team=&category=&employerPaid=&view=")).toEqual({
      ok: true,
      filters: { view: "percent" },
      format: {},
    });
  });

  it("rejects unknown parameters, so a misspelt filter never shows unfiltered figures", () => {
    const result = parse("teams=nova");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(describeFilterIssues(result.issues)).toMatch(/unknown parameter "teams"/);
  });

  it("rejects unknown values and malformed slugs", () => {
    expect(parse("employerPaid=maybe")).toMatchObject({ ok: false, issues: [{ parameter: "employerPaid" }] });
    expect(parse("view=pie")).toMatchObject({ ok: false, issues: [{ parameter: "view" }] });
    expect(parse("team=Nova%20Team")).toMatchObject({ ok: false, issues: [{ parameter: "team" }] });
    expect(parse("round=../etc")).toMatchObject({ ok: false });
  });

  it("rejects a repeated parameter instead of picking one", () => {
    expect(parse("team=nova&team=neutron")).toMatchObject({
      ok: false,
      issues: [{ parameter: "team", message: expect.stringMatching(/more than once/) }],
    });
  });

  it("allows bom only where the caller asks (CSV downloads)", () => {
    expect(parse("bom=1").ok).toBe(false);
    expect(parse("bom=1", { allowFormat: true })).toMatchObject({ ok: true, format: { bom: "1" } });
    expect(parse("bom=yes", { allowFormat: true }).ok).toBe(false);
  });
});

describe("toSummaryQueryString", () => {
  it("round-trips through the parser and leaves out defaults", () => {
    const query = toSummaryQueryString({ round: "demo-2026", team: "nova", view: "percent" });
    expect(query).toBe("?round=demo-2026&team=nova");
    expect(parse(query.slice(1))).toMatchObject({ ok: true, filters: { round: "demo-2026", team: "nova" } });
    expect(toSummaryQueryString({})).toBe("");
    expect(toSummaryQueryString({ view: "count" })).toBe("?view=count");
  });
});
