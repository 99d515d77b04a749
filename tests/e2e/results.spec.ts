// The results dashboard on the demo data, in Chromium at 1280 and 390 px and without JavaScript: charts drawn by
// the server, a filter applied through the UI, units in both views, saved pictures with their legend, no label
// cut, axe with every table open; the JSON API and CSV downloads answer bad input with 4xx.
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { EXPORT_IDS } from "../../lib/survey/summary-charts";
import { findTruncatedLabels, readCardUnits } from "./results-checks";

// One card per chart download: the charts and the co-contribution matrix.
const CHARTS = EXPORT_IDS;

test("results dashboard: filter through the UI, URL changes, charts re-render", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/results?round=demo-2026");
  await expect(page.getByRole("heading", { level: 1, name: "Results" })).toBeVisible();
  const summary = page.locator("[data-respondents]");
  // 300 respondents, published through the cell key method: adjusted by at most 2 (docs/privacy.md).
  await expect(summary).toHaveAttribute("data-respondents", /^(29[89]|30[0-2])$/);
  const n = (await summary.getAttribute("data-respondents"))!;

  const topProjects = page.locator('[data-chart="top-projects"]');
  await expect(topProjects.getByRole("heading", { name: "Top upstream projects" })).toBeVisible();
  await expect(topProjects).toContainText(`n = ${n} respondents`);
  await expect(topProjects.locator("svg[data-chart-svg] > rect").first()).toBeVisible();
  for (const chart of CHARTS) await expect(page.locator(`[data-chart="${chart}"] svg[data-chart-svg]`)).toBeVisible();

  const before = await topProjects.locator("svg[data-chart-svg]").innerHTML();
  await page.getByLabel("Employer-paid", { exact: true }).selectOption("yes");
  await expect(page).toHaveURL(/[?&]employerPaid=yes/);
  await expect(page).toHaveURL(/[?&]round=demo-2026/);
  await expect(summary).not.toHaveAttribute("data-respondents", n);
  const filteredN = await summary.getAttribute("data-respondents");
  expect(Number(filteredN)).toBeGreaterThan(0);
  await expect(topProjects).toContainText(`n = ${filteredN} respondents`);
  await expect(page.getByRole("list", { name: "Active filters" })).toContainText("Employer-paid: Yes");
  await expect.poll(async () => topProjects.locator("svg[data-chart-svg]").innerHTML()).not.toBe(before);

  // The view switch redraws in place and lives in the URL too; a reload keeps everything.
  await page.getByLabel("count").check();
  await expect(page).toHaveURL(/[?&]view=count/);
  await expect(topProjects.locator("[data-unit]")).toHaveAttribute("data-unit", "respondents who chose the project");
  await page.reload();
  await expect(page.getByLabel("Employer-paid", { exact: true })).toHaveValue("yes");
  await expect(page.getByLabel("count")).toBeChecked();
  await expect(summary).toHaveAttribute("data-respondents", filteredN!);

  // The CSV link carries the same filters.
  const csvHref = await topProjects.getByRole("link", { name: "Download data (CSV)" }).getAttribute("href");
  expect(csvHref).toBe("/api/export/aggregates/top-projects?round=demo-2026&employerPaid=yes");
  const csv = await page.request.get(csvHref!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toMatch(/^rank,project_slug,project,category,respondents,percent_of_respondents\r\n1,/);

  await page.goto("/results?round=demo-2026");
  await page.screenshot({ path: "test-results/results.png", fullPage: true });
});

test("saved PNG and SVG pictures carry the title, filters, unit and legend", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/results?round=demo-2026&employerPaid=yes&view=count");
  const kinds = page.locator('[data-chart="kinds-per-category"]');
  const svgText = async (card: typeof kinds) => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      card.getByRole("button", { name: "Save as SVG" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^upstream-census_.*_demo-2026_yes\.svg$/);
    return readFileSync(await download.path(), "utf8");
  };
  const kindsSvg = await svgText(kinds);
  for (const text of [
    "Kinds of contribution per category",
    "Demo 2026 (synthetic data)",
    "Employer-paid: Yes",
    "respondents naming the kind",
  ])
    expect(kindsSvg).toContain(text);
  // The legend: every kind of contribution by name.
  for (const kind of ["Code", "Code review", "Bug reports and triage", "Documentation", "Maintainer / core"])
    expect(kindsSvg).toContain(`>${kind}</text>`);

  const heatmap = page.locator('[data-chart="co-contribution-matrix"]');
  const heatSvg = await svgText(heatmap);
  expect(heatSvg).toContain("Colour: respondents who chose both");
  expect(heatSvg).toContain("linearGradient");

  const [png] = await Promise.all([
    page.waitForEvent("download"),
    heatmap.getByRole("button", { name: "Save as PNG" }).click(),
  ]);
  expect(png.suggestedFilename()).toMatch(/^upstream-census_co-contribution-matrix_demo-2026_yes\.png$/);
  const bytes = readFileSync(await png.path());
  expect(bytes.subarray(1, 4).toString()).toBe("PNG");
  // The PNG is drawn from the same document at twice its size: as tall as the SVG with its legend, not the grid alone.
  const svgHeight = Number(/<svg[^>]* height="(\d+)"/.exec(heatSvg)![1]);
  expect(bytes.readUInt32BE(20)).toBe(svgHeight * 2);
});

test("how often, years and employer-paid: drawn by the server, hidden counts hatched and named, legends saved", async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const query = "round=demo-2026&category=databases-and-db-libraries";
  const summary = await (await request.get(`/api/v1/summary?${query}`)).json();
  await page.goto(`/results?${query}`);
  const paid = page.locator('[data-chart="employer-paid"] svg[data-chart-svg]');
  for (const label of ["Yes", "Partly", "No", "Prefer not to say", "No answer"])
    await expect(paid.locator("text", { hasText: new RegExp(`^${label}$`) })).toHaveCount(1);
  // A hidden count is a hatched mark whose label says what it counts, never a bare "<5" next to percentages.
  const hidden = (
    summary.charts["employer-paid"].rows as { count: { suppressed: boolean; display?: string } }[]
  ).filter((row) => row.count.suppressed);
  expect(await paid.locator("rect[data-hidden]").count()).toBe(hidden.length);
  if (hidden.some((row) => row.count.display === "<5")) {
    await expect(paid.locator("text", { hasText: /^<5 respondents$/ }).first()).toBeAttached();
    await expect(paid.locator("text", { hasText: /^hatched: fewer than 5 respondents/ })).toHaveCount(1);
  }
  const years = page.locator('[data-chart="years-contributing"]');
  await expect(years.locator("svg text.axis")).toHaveText("years (n/a: no answer)");
  await years.getByText("Show data table").click();
  await expect(years.getByRole("table")).toContainText("no answer");

  const frequency = page.locator('[data-chart="frequency"]');
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    frequency.getByRole("button", { name: "Save as SVG" }).click(),
  ]);
  const svg = readFileSync(await download.path(), "utf8");
  // The saved picture escapes the apostrophe as XML text.
  for (const text of [
    "How often respondents contribute, per project",
    "Category: databases &amp; DB libraries",
    "% of the project&#39;s respondents",
  ])
    expect(svg).toContain(text);
  for (const label of ["Once", "Occasionally", "Regularly", "Not asked (named as free text)"])
    expect(svg).toContain(`>${label}</text>`);
});

for (const width of [1280, 390]) {
  test(`every card states its unit in % and in count view; no label is cut (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/results?round=demo-2026");
    await expect(page.locator("[data-chart]")).toHaveCount(CHARTS.length);
    for (const view of ["percent", "count"] as const) {
      if (view === "count") await page.getByLabel("count").check();
      const units = await readCardUnits(page);
      expect(units).toHaveLength(CHARTS.length);
      for (const unit of units) {
        expect(unit.card.startsWith("%"), `${unit.chart} card in ${view} view: ${unit.card}`).toBe(view === "percent");
        expect(unit.figure?.startsWith("%"), `${unit.chart} figure in ${view} view: ${unit.figure}`).toBe(
          view === "percent",
        );
      }
      expect(await findTruncatedLabels(page)).toEqual([]);
    }
    // With few respondents, a chart with nothing to show says so in one line instead of drawing empty axes.
    await page.goto("/results?round=demo-2026&team=neutron");
    // 6 respondents, published as 5 to 8.
    await expect(page.locator("[data-respondents]")).toHaveAttribute("data-respondents", /^[5-8]$/);
    const empty = page.locator("[data-chart]").filter({ hasText: "so it is not drawn" });
    expect(await empty.count()).toBeGreaterThan(0);
    await expect(empty.first().locator("svg")).toHaveCount(0);
    expect(await findTruncatedLabels(page)).toEqual([]);
  });
}

test("pairs of projects stay readable on a 390 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto("/results?round=demo-2026");
  const pairs = page.locator('[data-chart="co-contribution"] svg[data-chart-svg]');
  const widest = await pairs.evaluate((svg) =>
    Math.max(...[...svg.querySelectorAll("rect[rx]")].map((r) => r.getBoundingClientRect().width)),
  );
  expect(widest).toBeGreaterThan(200);
  await expect(pairs.locator("text").filter({ hasText: " + " }).first()).toBeVisible();
});

test("chart code loads only for a card the reader points at, once, and its tooltips give both views", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(request.url());
  });
  await page.goto("/results?round=demo-2026");
  await page.waitForLoadState("networkidle");
  const loaded = scripts.length;
  const topProjects = page.locator('[data-chart="top-projects"]');
  const figure = topProjects.locator("svg[data-chart-svg]");
  const box = (await figure.boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + 20);
  await expect(topProjects.locator("[data-interactive]")).toBeAttached();
  // One more chunk (Recharts and the interactive layer), then nothing more for the next card.
  expect(scripts.length).toBe(loaded + 1);
  await page.mouse.move(box.x + 60, box.y + 26);
  await expect(topProjects.getByRole("status")).toContainText("respondents who chose the project");
  await expect(topProjects.getByRole("status")).toContainText("% of respondents");
  const categories = page.locator('[data-chart="categories"] svg[data-chart-svg]');
  const other = (await categories.boundingBox())!;
  await page.mouse.move(other.x + 40, other.y + 20);
  await expect(page.locator('[data-chart="categories"] [data-interactive]')).toBeAttached();
  expect(scripts.length).toBe(loaded + 1);
});

test("axe finds nothing with every data table open", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/results?round=demo-2026");
  for (const details of await page.locator("details").all())
    await details.evaluate((d) => ((d as HTMLDetailsElement).open = true));
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
});

for (const width of [1280, 390]) {
  test(`/results with an empty open round lands on the latest round with figures and says why (${width} px)`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/results");
    const why = page.locator("[data-fallback-from]");
    // An open round publishes its figures once it has closed (docs/privacy.md).
    await expect(why).toContainText("OpenStack upstream contributions 2026 is still open: its figures appear");
    await expect(why).toContainText("Showing OpenStack upstream contributions 2025, the latest round with figures");
    await expect(page.locator("[data-chart]").first()).toBeVisible();
    await expect(page.getByLabel("Round", { exact: true })).toHaveValue("openstack-2025");
    // The rounds that have figures are one click away.
    await why.getByRole("link", { name: "Demo 2026 (synthetic data)" }).click();
    await expect(page).toHaveURL(/round=demo-2026/);
    // 300 respondents, published within 2 (docs/privacy.md).
    await expect(page.locator("[data-respondents]")).toHaveAttribute("data-respondents", /^(29[89]|30[0-2])$/);
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("/results lands on figures and explains why; a round without figures says so and links to others", async ({
    page,
  }) => {
    await page.goto("/results");
    await expect(page.locator("[data-fallback-from]")).toContainText("is still open: its figures appear");
    await expect(page.locator("[data-chart]").first()).toBeVisible();

    // Every chart is drawn by the server; the filters are a plain form.
    await page.goto("/results?round=demo-2026");
    for (const chart of CHARTS) await expect(page.locator(`[data-chart="${chart}"] svg[data-chart-svg]`)).toBeVisible();
    await page.getByLabel("Employer-paid", { exact: true }).selectOption("no");
    await page.getByLabel("count").check();
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/employerPaid=no/);
    await expect(page.locator('[data-chart="top-projects"] [data-unit]')).toHaveAttribute(
      "data-unit",
      "respondents who chose the project",
    );
    for (const chart of CHARTS) await expect(page.locator(`[data-chart="${chart}"]`)).toBeVisible();
    expect(await findTruncatedLabels(page)).toEqual([]);

    await page.goto("/results?round=openstack-2026");
    const notice = page.locator("[data-no-figures]");
    await expect(notice).toContainText("OpenStack upstream contributions 2026 is still open: its figures appear");
    await expect(page.locator("[data-chart]")).toHaveCount(0);
    await notice.getByRole("link", { name: "OpenStack upstream contributions 2025" }).click();
    // 6 respondents, published as 5 to 8.
    await expect(page.locator("[data-respondents]")).toHaveAttribute("data-respondents", /^[5-8]$/);
  });
});

test("a filter matching fewer than k respondents shows a notice and no figures", async ({ page }) => {
  await page.goto("/results?round=demo-2026&team=nova&employerPaid=prefer-not");
  await expect(page.getByRole("status")).toContainText("Fewer than 5 respondents match these filters");
  // 1 to 4 respondents are published as 0 or (for some cell keys, not these: the demo's keys come from its seed) as 5.
  await expect(page.locator("[data-respondents]")).toHaveAttribute("data-respondents", "0");
  await expect(page.locator("[data-chart]")).toHaveCount(0);

  await page.goto("/results?round=openstack-2026");
  await expect(page.getByRole("status")).toContainText("is still open: its figures appear");
  await expect(page.locator("[data-chart]")).toHaveCount(0);
});

test("both results pages filter through the same form: the same fields, values and clearing", async ({ page }) => {
  const fields = async () =>
    page
      .getByRole("form", { name: "Filters" })
      .locator("select")
      .evaluateAll((selects) =>
        selects.map((s) => `${(s as HTMLSelectElement).name}=${(s as HTMLSelectElement).value}`),
      );
  await page.goto("/results?round=demo-2025&team=nova&employerPaid=no");
  expect(await fields()).toEqual(["round=demo-2025", "team=nova", "category=", "employerPaid=no"]);
  await page.goto("/results/dependencies?round=demo-2025&team=nova&employerPaid=no&section=docs");
  expect(await fields()).toEqual(["round=demo-2025", "team=nova", "category=", "employerPaid=no", "section=docs"]);
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/results\/dependencies\?round=demo-2025$/);
  // A choice made before the page's script has hydrated the form is not sent on change (a person is slower).
  await page.waitForLoadState("networkidle");
  await page.getByLabel("OpenStack team", { exact: true }).selectOption("neutron");
  await expect(page).toHaveURL(/\/results\/dependencies\?round=demo-2025&team=neutron$/);
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
    error: {
      code: "invalid_query",
      message: expect.stringContaining("employerPaid"),
      fields: { employerPaid: expect.any(String) },
    },
  });
  const unknownTeam = await request.get("/api/v1/summary?team=no-such-team");
  expect(unknownTeam.status()).toBe(400);
  const unknownRound = await request.get("/api/v1/summary?round=no-such-round");
  expect(unknownRound.status()).toBe(404);
  expect(await unknownRound.json()).toMatchObject({ error: { code: "round_not_found" } });
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
    // n is published through the cell key method: near 300, not necessarily 300.
    respondents: { suppressed: false, value: expect.any(Number) },
    round: { slug: "demo-2026" },
  });
  expect(Math.abs(body.respondents.value - 300)).toBeLessThanOrEqual(5);
  expect(body.charts["top-projects"].rows.length).toBeGreaterThan(0);
});
