// The results dashboard on the demo data, in Chromium: charts drawn, a filter applied through the UI,
// the URL updated and the charts re-rendered; the JSON API and CSV downloads answer bad input with 4xx.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";

test("results dashboard: filter through the UI, URL changes, charts re-render", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/results?round=demo-2026");
  await expect(page.getByRole("heading", { level: 1, name: "Results" })).toBeVisible();
  const summary = page.locator("[data-respondents]");
  await expect(summary).toHaveAttribute("data-respondents", "300");

  const topProjects = page.locator('[data-chart="top-projects"]');
  await expect(topProjects.getByRole("heading", { name: "Top upstream projects" })).toBeVisible();
  await expect(topProjects).toContainText("n = 300 respondents");
  await expect(topProjects.locator(".recharts-wrapper > svg .recharts-bar-rectangle").first()).toBeVisible();
  for (const chart of [
    "categories",
    "projects-per-respondent",
    "responses-over-time",
    "kinds-per-category",
    "round-comparison",
    "team-category",
    "co-contribution",
    "co-contribution-matrix",
  ]) {
    await expect(page.locator(`[data-chart="${chart}"]`)).toBeVisible();
  }
  // Two demo rounds: the comparison is drawn, not explained away.
  await expect(page.locator('[data-chart="round-comparison"] .recharts-wrapper')).toBeVisible();
  await expect(page.locator('[data-chart="team-category"] svg[data-chart-svg]')).toBeVisible();

  const before = await topProjects.locator(".recharts-wrapper > svg").innerHTML();
  await page.getByLabel("Employer-paid").selectOption("yes");
  await expect(page).toHaveURL(/[?&]employerPaid=yes/);
  await expect(page).toHaveURL(/[?&]round=demo-2026/);
  await expect(summary).not.toHaveAttribute("data-respondents", "300");
  const filteredN = await summary.getAttribute("data-respondents");
  expect(Number(filteredN)).toBeGreaterThan(0);
  await expect(topProjects).toContainText(`n = ${filteredN} respondents`);
  await expect(page.getByRole("list", { name: "Active filters" })).toContainText("Employer-paid: Yes");
  await expect.poll(async () => topProjects.locator(".recharts-wrapper > svg").innerHTML()).not.toBe(before);

  // The view switch lives in the URL too, and a reload keeps everything.
  await page.getByLabel("count").check();
  await expect(page).toHaveURL(/[?&]view=count/);
  await page.reload();
  await expect(page.getByLabel("Employer-paid")).toHaveValue("yes");
  await expect(summary).toHaveAttribute("data-respondents", filteredN!);

  // The data table alternative and the CSV link carry the same filters.
  const csvHref = await topProjects.getByRole("link", { name: "Download data (CSV)" }).getAttribute("href");
  expect(csvHref).toBe("/api/export/aggregates/top-projects?round=demo-2026&employerPaid=yes");
  const csv = await page.request.get(csvHref!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toMatch(/^rank,project_slug,project,category,respondents,percent_of_respondents\r\n1,/);

  // Save as SVG downloads the chart's own SVG with its title.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    topProjects.getByRole("button", { name: "Save as SVG" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^upstream-census_top-projects_demo-2026.*\.svg$/);
  const [png] = await Promise.all([
    page.waitForEvent("download"),
    page.locator('[data-chart="team-category"]').getByRole("button", { name: "Save as PNG" }).click(),
  ]);
  expect(png.suggestedFilename()).toMatch(/^upstream-census_team-category_demo-2026.*\.png$/);
  expect(
    readFileSync(await png.path())
      .subarray(1, 4)
      .toString(),
  ).toBe("PNG");

  await page.goto("/results?round=demo-2026");
  await page.locator('[data-chart="co-contribution-matrix"] svg[data-chart-svg]').waitFor();
  await page.screenshot({ path: "test-results/results.png", fullPage: true });
});

for (const width of [1280, 390]) {
  test(`/results with an empty open round lands on the latest round with figures and says why (${width} px)`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/results");
    const why = page.locator("[data-fallback-from]");
    await expect(why).toContainText("OpenStack upstream contributions 2026 has no responses yet");
    await expect(why).toContainText("Showing OpenStack upstream contributions 2025, the latest round with figures");
    await expect(page.locator("[data-chart]").first()).toBeVisible();
    await expect(page.locator("select[name=round]")).toHaveValue("openstack-2025");
    // The rounds that have figures are one click away.
    await why.getByRole("link", { name: "Demo 2026 (synthetic data)" }).click();
    await expect(page).toHaveURL(/round=demo-2026/);
    await expect(page.locator("[data-respondents]")).toHaveAttribute("data-respondents", "300");
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("/results lands on figures and explains why; a round without figures says so and links to others", async ({
    page,
  }) => {
    await page.goto("/results");
    await expect(page.locator("[data-fallback-from]")).toContainText("has no responses yet");
    await expect(page.locator("[data-chart]").first()).toBeVisible();

    await page.goto("/results?round=openstack-2026");
    const notice = page.locator("[data-no-figures]");
    await expect(notice).toContainText("OpenStack upstream contributions 2026 has no responses yet");
    await expect(page.locator("[data-chart]")).toHaveCount(0);
    await notice.getByRole("link", { name: "OpenStack upstream contributions 2025" }).click();
    await expect(page.locator("[data-respondents]")).toHaveAttribute("data-respondents", "6");
  });
});

test("a filter matching fewer than k respondents shows a notice and no figures", async ({ page }) => {
  await page.goto("/results?round=demo-2026&team=nova&employerPaid=prefer-not");
  await expect(page.getByRole("status")).toContainText("Fewer than 5 respondents match these filters");
  await expect(page.locator("[data-respondents]")).toHaveAttribute("data-respondents", "<5");
  await expect(page.locator("[data-chart]")).toHaveCount(0);

  await page.goto("/results?round=openstack-2026");
  await expect(page.getByRole("status")).toContainText("no responses yet");
  await expect(page.locator("[data-chart]")).toHaveCount(0);
});

test("bad filters give a clear message on the page and 4xx on the API, never 500", async ({ page, request }) => {
  await page.goto("/results?round=demo-2026&colour=red");
  await expect(page.getByRole("alert").filter({ hasText: "cannot be applied" })).toContainText(
    'unknown parameter "colour"',
  );
  await expect(page.locator("[data-chart]")).toHaveCount(0);

  const unknownValue = await request.get("/api/v1/summary?employerPaid=maybe");
  expect(unknownValue.status()).toBe(400);
  expect(await unknownValue.json()).toMatchObject({
    error: { code: "invalid_filters", message: expect.stringContaining("employerPaid") },
  });
  const unknownTeam = await request.get("/api/v1/summary?team=no-such-team");
  expect(unknownTeam.status()).toBe(400);
  const unknownRound = await request.get("/api/v1/summary?round=no-such-round");
  expect(unknownRound.status()).toBe(404);
  expect(await unknownRound.json()).toMatchObject({ error: { code: "unknown_round" } });
  const malformed = await request.get("/api/v1/summary?round=%ZZ&team=a&team=b");
  expect(malformed.status()).toBe(400);
  const unknownChart = await request.get("/api/export/aggregates/pie-chart?round=demo-2026");
  expect(unknownChart.status()).toBe(404);

  const ok = await request.get("/api/v1/summary?round=demo-2026&view=count");
  expect(ok.status()).toBe(200);
  const body = await ok.json();
  expect(body).toMatchObject({
    status: "ok",
    k: 5,
    respondents: { suppressed: false, value: 300 },
    round: { slug: "demo-2026" },
  });
  expect(body.charts["top-projects"].rows.length).toBeGreaterThan(0);
});
