// Organisers search: responses by team, project and submission day; the audit log by organiser and action,
// and its CSV download. Data from tests/e2e/seed.ts (demo rounds, organisers).
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";

const ADMIN = { email: "admin@example.org", password: "correct horse battery" };

async function signIn(page: Page) {
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Organiser overview" })).toBeVisible();
}

const countShown = async (page: Page) => Number(/^(\d+) responses/.exec(await page.getByText(/^\d+ responses; page/).innerText())?.[1]);
const column = (page: Page, n: number) => page.locator("main table tbody tr").locator(`td:nth-child(${n})`).allInnerTexts();

test("responses filter by team, project and UTC days", async ({ page }) => {
  await signIn(page);
  await page.goto("/admin/responses");
  const all = await countShown(page);
  expect(all).toBeGreaterThan(25);

  const form = page.getByRole("form", { name: "Filter responses" });
  await form.getByRole("combobox", { name: /^Team/ }).selectOption({ label: "nova" });
  await form.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/team=\d+/);
  const nova = await countShown(page);
  expect(nova).toBeGreaterThan(0);
  expect(nova).toBeLessThan(all);

  // The newest answer's day, as a whole-day range: every row shown was submitted that UTC day.
  const day = (await column(page, 1))[0]!.slice(0, 10);
  await form.getByLabel(/Submitted from/).fill(day);
  await form.getByLabel(/^to/).fill(day);
  await form.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${day}&to=${day}`));
  const sameDay = await countShown(page);
  expect(sameDay).toBeGreaterThan(0);
  expect(sameDay).toBeLessThanOrEqual(nova);
  for (const submitted of await column(page, 1)) expect(submitted.slice(0, 10)).toBe(day);

  await form.getByRole("combobox", { name: /^Project/ }).selectOption({ index: 1 });
  await form.getByRole("button", { name: "Filter" }).click();
  expect(await countShown(page)).toBeLessThanOrEqual(sameDay);

  // A day that is not a date is left out, and the page says so.
  await page.goto("/admin/responses?from=2027-02-30");
  await expect(page.locator("main p[role=alert]")).toContainText("From must be a date");
  expect(await countShown(page)).toBe(all);
});

test("the audit log filters by organiser and action, and downloads as CSV", async ({ page }) => {
  await signIn(page);
  await page.goto("/admin/audit");
  const form = page.getByRole("form", { name: "Filter the audit log" });
  await form.getByRole("combobox", { name: /^Organiser/ }).selectOption({ label: ADMIN.email });
  await form.getByRole("combobox", { name: /^Action/ }).selectOption("sign-in");
  await form.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/organiser=\d+&action=sign-in/);
  const who = await column(page, 2);
  expect(who.length).toBeGreaterThan(0);
  expect(new Set(who)).toEqual(new Set([ADMIN.email]));
  expect(new Set(await column(page, 3))).toEqual(new Set(["sign-in"]));

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download these entries as CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-log_sign-in_\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString("utf8").trimEnd().split("\r\n");
  expect(lines[0]).toBe("at,organiser,action,target,outcome,before,after");
  expect(lines.length - 1).toBe(who.length);
  expect(lines.slice(1).every((line) => line.includes(`,${ADMIN.email},sign-in,`))).toBe(true);

  // The download is in the log too.
  await page.goto("/admin/audit?action=audit.export");
  expect(await column(page, 3)).toContain("audit.export");
});

test("a round's page shows organisers its survey link, a QR code and answers per day", async ({ page, request }) => {
  await signIn(page);
  await page.goto("/admin/rounds");
  await page.getByRole("link", { name: "OpenStack upstream contributions 2025" }).click();
  await expect(page.getByRole("heading", { name: "OpenStack upstream contributions 2025" })).toBeVisible();
  const link = page.getByRole("link", { name: /\/survey\/openstack-2025$/ });
  expect(await link.getAttribute("href")).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/survey\/openstack-2025$/);
  const qr = page.getByRole("img", { name: /^QR code of the survey link/ });
  await expect(qr.locator("svg")).toBeVisible();
  // Six answers in the seed, stored the day the seed ran.
  const rows = page.getByRole("table").locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.locator("td").nth(1)).toHaveText("6");
  // Not for anyone else: the page needs the organiser sign-in.
  const anonymous = await request.get("/admin/rounds/openstack-2025", { maxRedirects: 0 });
  expect(anonymous.status()).toBeGreaterThanOrEqual(300);
  expect(await anonymous.text()).not.toContain("<svg");
});
