import { describe, expect, it } from "vitest";
import { apiErrorBody, apiErrorResponse, fieldsOfIssues, filterIssuesResponse } from "./api-error";
import { codeOfRefusal, readJsonBody } from "./json-api";

describe("the API's error shape", () => {
  it("is { error: { code, message, fields? } }, fields only when there are some", () => {
    expect(apiErrorBody("round_closed", "This survey round is closed.")).toEqual({
      error: { code: "round_closed", message: "This survey round is closed." },
    });
    expect(apiErrorBody("invalid_answer", "Some answers need attention.", {})).toEqual({
      error: { code: "invalid_answer", message: "Some answers need attention." },
    });
    expect(apiErrorBody("invalid_answer", "Some answers need attention.", { teams: "choose a team" })).toEqual({
      error: { code: "invalid_answer", message: "Some answers need attention.", fields: { teams: "choose a team" } },
    });
  });

  it("is never cached and keeps the headers it is given", async () => {
    const response = apiErrorResponse(429, "rate_limited", "Too many.", { headers: { "Retry-After": "7" } });
    expect(response.status).toBe(429);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("retry-after")).toBe("7");
    expect(await response.json()).toEqual({ error: { code: "rate_limited", message: "Too many." } });
  });

  it("names each query parameter with its problems, 404 only for an unknown round", async () => {
    const issues = [
      { parameter: "team", message: "there is no OpenStack team “x”" },
      { parameter: "team", message: "give team once" },
      { parameter: "employerPaid", message: "employerPaid must be one of yes, partly, no, prefer-not" },
    ];
    expect(fieldsOfIssues(issues)).toEqual({
      team: "there is no OpenStack team “x”; give team once",
      employerPaid: "employerPaid must be one of yes, partly, no, prefer-not",
    });
    const invalid = filterIssuesResponse(400, issues);
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error).toMatchObject({ code: "invalid_query", fields: fieldsOfIssues(issues) });
    const unknownRound = filterIssuesResponse(404, [{ parameter: "round", message: "there is no survey round “x”" }]);
    expect(await unknownRound.json()).toEqual({
      error: { code: "round_not_found", message: "there is no survey round “x”", fields: { round: "there is no survey round “x”" } },
    });
  });

  it("gives every refusal of a save its own code, and a malformed body invalid_body", async () => {
    const codes = (["invalid", "round-not-found", "not-found", "round-closed", "deleted"] as const).map(codeOfRefusal);
    expect(codes).toEqual(["invalid_answer", "round_not_found", "response_not_found", "round_closed", "response_deleted"]);
    const malformed = await readJsonBody(
      new Request("http://localhost/api/v1/responses", { method: "POST", body: "{not json", headers: { "content-type": "application/json" } }),
    );
    expect(malformed).toEqual({
      ok: false,
      result: { status: 400, body: { error: { code: "invalid_body", message: "The body is not valid JSON." } } },
    });
  });
});
