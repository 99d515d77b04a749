import { expect, test } from "@playwright/test";

for (const path of ["/", "/results", "/admin/sign-in"]) {
  test(`${path} sends the security headers and runs under its CSP`, async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to (execute|load)/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(path);
    expect(response?.status()).toBeLessThan(400);
    const headers = response!.headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-powered-by"]).toBeUndefined();
    // Let hydration run: a CSP violation would show in the console by then.
    await page.waitForLoadState("load");
    await page.waitForTimeout(500);
    expect(violations).toEqual([]);
  });
}

// API routes answer data and skip the per-request nonce middleware (it cost every submission); they carry a fixed
// policy that lets nothing load from or frame them, with the same other headers as pages.
for (const [method, path] of [
  ["GET", "/api/health"],
  ["GET", "/api/v1/summary"],
  ["POST", "/api/v1/responses/check"],
] as const) {
  test(`${method} ${path} sends the security headers with the fixed API policy`, async ({ request }) => {
    const response = await request.fetch(path, { method, data: method === "POST" ? {} : undefined });
    expect(response.status()).toBeLessThan(500);
    const headers = response.headers();
    expect(headers["content-security-policy"]).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["x-powered-by"]).toBeUndefined();
  });
}

test("an unknown page is a plain 404 without a stack trace", async ({ request }) => {
  const response = await request.get("/no/such/page");
  expect(response.status()).toBe(404);
  const body = await response.text();
  expect(body).not.toMatch(/at .*\.(js|ts):\d+|node_modules|prisma/i);
});
