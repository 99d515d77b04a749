// "Dependencies that need help" on the demo data, in Chromium: coverage and the ranking shown, a section filter
// applied through the UI (URL and table change), a row followed to the dashboard filtered to its category;
// the JSON API and the CSV answer bad input with 400.
import { expect, test } from "@playwright/test";

test("dependencies page: filter by section through the UI, follow a row to the dashboard", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/results?round=demo-2026");
  await page.getByRole("link", { name: "Dependencies that need help" }).click();
  await expect(page).toHaveURL(/\/results\/dependencies/);

  await page.goto("/results/dependencies?round=demo-2026");
  await expect(page.getByRole("heading", { level: 1, name: "Dependencies that need help" })).toBeVisible();
  // 300 respondents, published through the cell key method: adjusted by at most 2 (docs/privacy.md).
  await expect(page.locator("[data-respondents]")).toHaveAttribute("data-respondents", /^(29[89]|30[0-2])$/);
  await expect(page.getByTestId("coverage-overall")).toHaveText(/^\d+\.\d%$/);
  const table = page.getByTestId("needs-help");
  const rows = table.locator("tr[data-project]");
  const allCount = await rows.count();
  expect(allCount).toBeGreaterThan(20);
  await expect(table).toContainText("SQLAlchemy");
  // Every external dependency is listed, those the form does not offer plainly so.
  await expect(table.locator("tr[data-not-in-survey]").first()).toContainText("not in the survey yet");
  await expect(page.getByTestId("coverage")).toContainText(/of all \d+ external dependencies/);
  await expect(page.getByTestId("where-to-help-ranking").locator("tr[data-project]")).toHaveCount(15);
  await expect(page.getByTestId("where-to-help-teams").locator("li").first()).toBeVisible();
  await page.screenshot({ path: "test-results/dependencies-all.png", fullPage: false });

  await page.getByLabel("Requirement section").selectOption("docs");
  await expect(page).toHaveURL(/[?&]section=docs/);
  await expect(page).toHaveURL(/[?&]round=demo-2026/);
  await expect(page.getByRole("list", { name: "Active filters" })).toContainText("Section: docs");
  await expect.poll(async () => rows.count()).toBeLessThan(allCount);
  await expect(table).toContainText("Sphinx");
  await expect(table).not.toContainText("SQLAlchemy");
  await page.screenshot({ path: "test-results/dependencies-docs.png", fullPage: true });

  const csvHref = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
  expect(csvHref).toBe("/api/export/dependencies.csv?round=demo-2026&section=docs");
  const csv = await page.request.get(csvHref!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-disposition"]).toMatch(/upstream-census_dependencies_demo-2026_docs_\d{4}-\d\d-\d\d\.csv/);
  expect(await csv.text()).toMatch(/^rank_group,project,project_slug,category,packages,sections,respondents/);

  await table.locator('tr[data-project="sphinx"]').getByRole("link", { name: "Sphinx" }).click();
  await expect(page).toHaveURL(/\/results\?round=demo-2026&category=docs-tools$/);
  await expect(page.getByRole("heading", { level: 1, name: "Results" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Upstream category" })).toHaveValue("docs-tools");
});

test("dependencies API and CSV: the same figures, 400 for bad input", async ({ request }) => {
  const ok = await request.get("/api/v1/dependencies?round=demo-2026&section=testing");
  expect(ok.status()).toBe(200);
  const body = await ok.json();
  expect(body).toMatchObject({ status: "ok", section: "testing" });
  // 300 respondents, published through the cell key method: adjusted by at most 2 (docs/privacy.md).
  expect(Math.abs(body.respondents.value - 300)).toBeLessThanOrEqual(2);
  expect(body.rows.every((row: { sections: string[] }) => row.sections.includes("testing"))).toBe(true);
  for (const query of ["section=nope", "section=a&section=b", "colour=red", "view=count", "employerPaid=maybe"]) {
    const bad = await request.get(`/api/v1/dependencies?round=demo-2026&${query}`);
    expect(bad.status(), query).toBe(400);
    expect((await bad.json()).error.message, query).toBeTruthy();
    const badCsv = await request.get(`/api/export/dependencies.csv?round=demo-2026&${query}`);
    expect(badCsv.status(), query).toBe(400);
  }
  const bom = await request.get("/api/export/dependencies.csv?round=demo-2026&bom=1");
  expect((await bom.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
});
