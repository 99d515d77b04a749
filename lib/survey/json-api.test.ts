import { describe, expect, it } from "vitest";
import { readJsonBody, statusOfOutcome } from "./json-api";

const post = (body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://localhost/api/v1/responses", { method: "POST", body, headers });

describe("readJsonBody", () => {
  it("parses a JSON object", async () => {
    expect(await readJsonBody(post('{"a":1}'))).toEqual({ ok: true, value: { a: 1 } });
    expect(await readJsonBody(post("[]", { "content-type": "application/json; charset=utf-8" }))).toEqual({
      ok: true,
      value: [],
    });
  });

  it("answers 400 for a wrong content type, malformed JSON and invalid UTF-8", async () => {
    for (const request of [
      post('{"a":1}', { "content-type": "text/plain" }),
      post('{"a":1}', {}),
      post("{not json"),
      post(""),
      post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])),
    ]) {
      const result = await readJsonBody(request);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.result.status).toBe(400);
    }
  });

  it("answers 413 for a body over the limit, whether or not Content-Length says so", async () => {
    const big = JSON.stringify({ comment: "x".repeat(70_000) });
    const declared = await readJsonBody(post(big));
    expect(declared.ok || declared.result.status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode("x".repeat(4096)));
        controller.close();
      },
    });
    const undeclared = await readJsonBody(
      new Request("http://localhost/", {
        method: "POST",
        body: stream,
        headers: { "content-type": "application/json" },
        duplex: "half",
      } as RequestInit),
    );
    expect(undeclared.ok || undeclared.result.status).toBe(413);
  });
});

describe("statusOfOutcome", () => {
  it("maps each outcome to its status", () => {
    expect(statusOfOutcome({ ok: true, created: true })).toBe(201);
    expect(statusOfOutcome({ ok: true, created: false })).toBe(200);
    expect(statusOfOutcome({ ok: false, reason: "invalid" })).toBe(400);
    expect(statusOfOutcome({ ok: false, reason: "round-not-found" })).toBe(404);
    expect(statusOfOutcome({ ok: false, reason: "not-found" })).toBe(404);
    expect(statusOfOutcome({ ok: false, reason: "round-closed" })).toBe(409);
    expect(statusOfOutcome({ ok: false, reason: "deleted" })).toBe(410);
  });
});
