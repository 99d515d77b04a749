import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "./origin";

const headers = (entries: Record<string, string>) => new Headers(entries);

describe("same-origin check", () => {
  it("accepts a same-origin form post and refuses a cross-site one", () => {
    expect(isSameOriginRequest(headers({ host: "census.example.org", origin: "https://census.example.org" }))).toBe(true);
    expect(isSameOriginRequest(headers({ host: "census.example.org", origin: "https://evil.example" }))).toBe(false);
    expect(isSameOriginRequest(headers({ host: "census.example.org", origin: "null" }))).toBe(false);
    expect(isSameOriginRequest(headers({ host: "census.example.org", origin: "null", "sec-fetch-site": "cross-site" }))).toBe(false);
    // Our own form posts under Referrer-Policy: no-referrer.
    expect(isSameOriginRequest(headers({ host: "census.example.org", origin: "null", "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameOriginRequest(headers({ host: "census.example.org", origin: "not a url" }))).toBe(false);
  });

  it("uses the forwarded host behind a proxy", () => {
    expect(isSameOriginRequest(headers({ host: "127.0.0.1:3000", "x-forwarded-host": "census.example.org", origin: "https://census.example.org" }))).toBe(true);
  });

  it("falls back to Sec-Fetch-Site and lets non-browser clients through", () => {
    expect(isSameOriginRequest(headers({ host: "a", "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isSameOriginRequest(headers({ host: "a", "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameOriginRequest(headers({ host: "a" }))).toBe(true);
  });
});
