import { describe, expect, it } from "vitest";
import { checkActionBody, checkMethod, checkUrl, MAX_ACTION_JSON_DEPTH, nestsDeeperThan } from "./request-guard";

const form = (entries: Record<string, string>) => async () => {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.append(name, value);
  return data;
};
const malformed = async (): Promise<FormData> => {
  throw new TypeError("Unexpected end of form");
};
const json = (text: string) => checkActionBody("text/plain;charset=UTF-8", Buffer.from(text), malformed);

describe("the edge's request checks", () => {
  it("answers methods the app does not serve with 405", () => {
    for (const method of ["TRACE", "TRACK", "CONNECT", "PROPFIND", "FOO", undefined]) expect(checkMethod(method)).toMatchObject({ status: 405 });
    for (const method of ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]) expect(checkMethod(method)).toBeNull();
  });

  it("answers invalid percent-encoding in the path or the query with 400", () => {
    for (const url of ["/r/%ff", "/survey/%E0%A4%A", "/api/v1/responses/%", "/results?round=%ff", "/results?%ff=1", "/a%2", "*", "http://evil.example/"]) {
      expect(checkUrl(url), url).toMatchObject({ status: 400 });
    }
    for (const url of ["/", "/r/abc", "/results?round=openstack-2026&view=count", "/survey/%C3%A9t%C3%A9", "/search?q=a+b%20c", "/x?flag"]) {
      expect(checkUrl(url), url).toBeNull();
    }
  });

  it("counts nesting without parsing, skipping brackets inside strings", () => {
    expect(nestsDeeperThan("[".repeat(10_000), MAX_ACTION_JSON_DEPTH)).toBe(true);
    expect(nestsDeeperThan(`["${"[".repeat(1000)}"]`, MAX_ACTION_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(`[{"a":[1,{"b":"\\"]["}]}]`, 4)).toBe(false);
  });

  it("refuses action arguments that are not a JSON list, or nest too deeply", async () => {
    expect(await json("[]")).toBeNull();
    expect(await json('[{"a":1},"$K1"]')).toBeNull();
    expect(await json('[{"when":"$D2026-01-01T00:00:00.000Z","price":"$$5","missing":"$undefined"},"$K1"]')).toBeNull();
    for (const body of ["null", "{}", "{", "", "1", `${"[".repeat(5000)}${"]".repeat(5000)}`, '[{},"$K9","$Q1"]', '["$T"]', '["$@1"]', '[{"a":["$1"]}]', '["$Bfoo"]']) {
      expect(await json(body), body).toMatchObject({ status: 400 });
    }
  });

  it("refuses malformed multipart bodies and malformed encoded arguments in them", async () => {
    const multipart = "multipart/form-data; boundary=x";
    expect(await checkActionBody(multipart, Buffer.from("garbage"), malformed)).toMatchObject({ status: 400 });
    expect(await checkActionBody(multipart, Buffer.alloc(0), form({ "0": '["$K1"]', "1_email": "a@b.org" }))).toBeNull();
    expect(await checkActionBody(multipart, Buffer.alloc(0), form({ $ACTION_ID_abc: "", teams: "nova" }))).toBeNull();
    expect(await checkActionBody(multipart, Buffer.alloc(0), form({ "0": "null" }))).toMatchObject({ status: 400 });
    expect(await checkActionBody(multipart, Buffer.alloc(0), form({ "0": "[]", "1": "{" }))).toMatchObject({ status: 400 });
    expect(await checkActionBody("application/xml", Buffer.from("<a/>"), malformed)).toMatchObject({ status: 400 });
  });
});
