import { describe, expect, it } from "vitest";
import { authorizeRawExport, isSameSecret } from "./export-access";

const TOKEN = "a-very-long-export-token-1234";
const request = (authorization?: string) => ({ headers: new Headers(authorization ? { authorization } : {}) });

describe("authorizeRawExport", () => {
  it("allows the configured bearer token", () => {
    expect(authorizeRawExport(request(`Bearer ${TOKEN}`), TOKEN)).toEqual({ ok: true });
    expect(authorizeRawExport(request(`bearer ${TOKEN}`), TOKEN)).toEqual({ ok: true });
  });
  it("refuses a missing, malformed or wrong token with 401 and a challenge", () => {
    for (const header of [undefined, TOKEN, `Basic ${TOKEN}`, `Bearer ${TOKEN}x`, "Bearer ", `Bearer ${TOKEN.slice(0, -1)}`]) {
      const access = authorizeRawExport(request(header), TOKEN);
      expect(access).toMatchObject({ ok: false, status: 401 });
      if (!access.ok) expect(access.headers["WWW-Authenticate"]).toMatch(/^Bearer/);
    }
  });
  it("points to the organiser sign-in and says bearer tokens are off when no token is configured", () => {
    expect(authorizeRawExport(request(`Bearer ${TOKEN}`), undefined)).toMatchObject({ ok: false, status: 401, message: /sign in.*EXPORT_TOKEN/s });
  });
  it("compares secrets of any length", () => {
    expect(isSameSecret("abc", "abc")).toBe(true);
    expect(isSameSecret("abc", "abcd")).toBe(false);
  });
});
