// The export endpoints as served by `next start` (the e2e server has no EXPORT_TOKEN: only organisers may export raw data).
import { expect, test } from "@playwright/test";

test("raw response exports refuse anonymous requests with a clear message when no export token is configured", async ({ request }) => {
  for (const headers of [{}, { authorization: "Bearer some-token-some-token" }] as Record<string, string>[]) {
    const response = await request.get("/api/export/responses.csv?round=demo-2025", { headers });
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: "sign_in_required", message: expect.stringContaining("sign in at /admin/sign-in") },
    });
  }
});

test("the codebook describes every column of a round's export", async ({ request }) => {
  const response = await request.get("/api/export/codebook.csv?round=demo-2025");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="codebook_demo-2025_\d{4}-\d{2}-\d{2}\.csv"$/);
  const lines = (await response.text()).split("\r\n");
  expect(lines[0]).toBe("layout,column,type,values,description");
  expect(lines.some((line) => line.startsWith("wide,sqlalchemy__frequency,"))).toBe(true);
  expect(lines.some((line) => line.startsWith("long,row_type,"))).toBe(true);
});

test("bad export input is a 400 with a message, never a 500", async ({ request }) => {
  const unknownRound = await request.get("/api/export/codebook.csv?round=no-such-round");
  expect(unknownRound.status()).toBe(400);
  expect(await unknownRound.json()).toEqual({ error: { code: "invalid_query", message: "There is no survey round “no-such-round”." } });
  const unknownParameter = await request.get("/api/export/codebook.csv?layout=wide");
  expect(unknownParameter.status()).toBe(400);
});
