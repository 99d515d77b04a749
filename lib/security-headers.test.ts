import { describe, expect, it } from "vitest";
import { API_CONTENT_SECURITY_POLICY, contentSecurityPolicy, STATIC_SECURITY_HEADERS } from "./security-headers";

describe("contentSecurityPolicy", () => {
  it("allows only nonce'd scripts and forbids framing, without unsafe-eval in production", () => {
    const policy = contentSecurityPolicy("abc123", false);
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain("unsafe-eval");
  });
});

describe("static security headers", () => {
  it("are the same in next.config.js (Next.js's answers) and for the edge's own refusals", async () => {
    // @ts-expect-error next.config.js is plain JavaScript, without types.
    const config = (await import("../next.config.js")).default as { headers(): Promise<{ source: string; headers: { key: string; value: string }[] }[]> };
    const rules = await config.headers();
    expect(rules.find((rule) => rule.source === "/:path*")?.headers).toEqual(STATIC_SECURITY_HEADERS);
    expect(rules.find((rule) => rule.source === "/api/:path*")?.headers).toEqual([{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }]);
  });
});
