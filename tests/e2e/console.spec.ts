// The organiser console at scale and without one-click mistakes: a catalogue of 500 projects that stays light and
// can be searched, a project's own page, selects that refuse a blank choice, merge preview then confirm, undo from
// the audit log, and triage suggestions from the form's matcher. Organisers come from tests/e2e/seed.ts.
import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";

const ADMIN = { email: "admin@example.org", password: "correct horse battery" };

async function signIn(page: Page) {
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Organiser overview" })).toBeVisible();
}

const seedCatalogue = (...args: string[]) => execFileSync("node_modules/.bin/tsx", ["tests/e2e/seed-catalogue.ts", ...args], { stdio: "inherit" });
/** The summary's figures alone (not when they were counted). */
const figures = async (page: Page, round: string) => (await (await page.request.get(`/api/v1/summary?round=${round}`)).json()).charts;
const hydrated = (page: Page) => page.waitForLoadState("networkidle");

test.describe("organiser console", () => {
  test.beforeEach(async ({ page }) => signIn(page));

  test("the catalogue of 500 projects stays under 2,000 elements, and search and the category filter narrow it", async ({ page }) => {
    seedCatalogue("500");
    try {
      await page.goto("/admin/catalogue");
      await expect(page.getByRole("status").filter({ hasText: /^500 of 500 projects · page 1 of 5$/ })).toBeVisible();
      const elements = await page.evaluate(() => document.getElementsByTagName("*").length);
      console.log(`catalogue list with 500 projects: ${elements} elements`);
      test.info().annotations.push({ type: "elements at 500 projects", description: String(elements) });
      expect(elements).toBeLessThan(2000);

      // Type-ahead: the list follows the search box, and the URL keeps it.
      await hydrated(page);
      await page.getByRole("searchbox", { name: "Search" }).fill("k8s");
      await expect(page).toHaveURL(/\?q=k8s$/);
      await expect(page.locator("tbody tr")).toHaveCount(1);
      await expect(page.locator('tr[data-project="kubernetes"]')).toBeVisible();
      await page.getByRole("searchbox", { name: "Search" }).fill("");
      await page.getByRole("search").getByLabel("Category").selectOption({ label: "Load test" });
      await expect(page).toHaveURL(/category=e2e-load/);
      await expect(page.getByRole("status").filter({ hasText: /of 500 projects/ })).not.toHaveText(/^500 of/);
      // Without JavaScript the same form is a GET: the server filters.
      await page.goto("/admin/catalogue?q=load+test+project+007&category=e2e-load");
      await expect(page.locator("tbody tr")).toHaveCount(1);
    } finally {
      seedCatalogue("--remove");
    }
  });

  test("a project's aliases are edited on its own page", async ({ page }) => {
    await page.goto("/admin/catalogue?q=kubernetes");
    await page.getByRole("link", { name: "Kubernetes", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Kubernetes" })).toBeVisible();
    await hydrated(page);
    const add = page.getByRole("form", { name: "Add alias to Kubernetes" });
    await add.getByLabel("New alias").fill("kube e2e");
    await add.getByRole("button", { name: "Add alias" }).click();
    await expect(add.getByRole("status")).toHaveText("Alias added.");
    await expect(page.locator('li[data-alias="kube e2e"]')).toBeVisible();
    await page.getByRole("form", { name: "Remove alias kube e2e" }).getByRole("button", { name: "Remove" }).click();
    await expect(page.locator('li[data-alias="kube e2e"]')).toHaveCount(0);
  });

  test("a blank map or merge is refused, by the browser and by the server", async ({ page }) => {
    await page.goto("/admin/other");
    await hydrated(page);
    await page.getByRole("checkbox", { name: "Tick python-ldap" }).check();
    const map = page.getByRole("form", { name: "Map ticked texts" });
    const select = map.getByRole("combobox");
    await expect(select).toHaveValue("");
    await map.getByRole("button", { name: "Map ticked texts" }).click();
    expect(await select.evaluate((el) => (el as HTMLSelectElement).validity.valueMissing)).toBe(true);
    await expect(map.getByRole("alert")).toHaveCount(0);
    await select.evaluate((el) => el.removeAttribute("required"));
    await map.getByRole("button", { name: "Map ticked texts" }).click();
    await expect(map.getByRole("alert")).toHaveText("Choose the project to map these answers to");
    await expect(page.locator('tr[data-group="pythonldap"]')).toBeVisible();

    await page.goto("/admin/catalogue/projects/pbr");
    await hydrated(page);
    const merge = page.getByRole("form", { name: "Merge pbr" });
    await expect(merge.getByLabel("Merge into")).toHaveValue("");
    await merge.getByLabel("Merge into").evaluate((el) => el.removeAttribute("required"));
    await merge.getByRole("button", { name: "Preview merge" }).click();
    await expect(merge.getByRole("alert")).toHaveText("Choose the project to merge into");
    await expect(page.getByRole("form", { name: "Confirm merge" })).toHaveCount(0);
  });

  test("a merge shows what it moves, merges on confirmation, and the audit log undoes it", async ({ page }) => {
    await page.goto("/admin/catalogue/projects/pbr");
    await hydrated(page);
    const merge = page.getByRole("form", { name: "Merge pbr" });
    await merge.getByLabel("Merge into").selectOption({ label: "setuptools" });
    await merge.getByRole("button", { name: "Preview merge" }).click();
    const confirm = page.getByRole("form", { name: "Confirm merge" });
    await expect(confirm.getByRole("status")).toHaveText(/^Moves \d+ answers? and \d+ alias(es)? from “pbr” into “setuptools”/);
    await confirm.getByRole("button", { name: "Confirm merge" }).click();
    await expect(page.getByText("merged into setuptools")).toBeVisible();

    await page.goto("/admin/audit");
    const entry = page.getByRole("row").filter({ has: page.getByRole("cell", { name: "project.merge", exact: true }) }).filter({ hasText: "project:pbr" }).first();
    await entry.getByRole("button", { name: "Undo" }).click();
    await expect(entry.getByRole("cell", { name: /^undone / })).toBeVisible();
    await page.goto("/admin/catalogue/projects/pbr");
    await expect(page.getByText(/^active$/)).toBeVisible();
  });

  test("map, then undo, and the results are as before", async ({ page }) => {
    const before = await figures(page, "demo-2026");
    const answers = (page: Page) => page.locator('tr[data-project="openldap"] td').nth(3).innerText();
    await page.goto("/admin/catalogue?q=openldap");
    const answersBefore = Number(await answers(page));
    await page.goto("/admin/other");
    await hydrated(page);
    await page.getByRole("checkbox", { name: "Tick python-ldap" }).check();
    const map = page.getByRole("form", { name: "Map ticked texts" });
    await map.getByRole("combobox").selectOption({ label: "OpenLDAP" });
    await map.getByRole("button", { name: "Map ticked texts" }).click();
    await expect(page.locator('tr[data-group="pythonldap"]')).toHaveCount(0);
    await page.goto("/admin/catalogue?q=openldap");
    expect(Number(await answers(page))).toBeGreaterThan(answersBefore);

    await page.goto("/admin/audit");
    const entry = page.getByRole("row").filter({ has: page.getByRole("cell", { name: "other.map", exact: true }) }).filter({ hasText: "project:openldap" }).first();
    await entry.getByRole("button", { name: "Undo" }).click();
    await expect(entry.getByRole("cell", { name: /^undone / })).toBeVisible();
    expect(await figures(page, "demo-2026")).toEqual(before);
    await page.goto("/admin/catalogue?q=openldap");
    expect(Number(await answers(page))).toBe(answersBefore);
    await page.goto("/admin/other");
    await expect(page.locator('tr[data-group="pythonldap"]')).toBeVisible();
  });

  test("triage suggests “Kubernetes” for “Kubernets”, with the reason, and maps alike texts together", async ({ page }) => {
    for (const text of ["Kubernets", "Kubernetts"]) {
      const token = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64url");
      const saved = await page.request.post("/api/v1/responses", {
        data: { round: "openstack-2026", token, teams: ["nova"], notOpenStackContributor: false, projects: [], others: [text], yearsContributing: null, employerPaid: null, comment: null },
      });
      expect(saved.status()).toBe(201);
    }
    await page.goto("/admin/other");
    const group = page.locator('tr[data-group="kubernets"]');
    await expect(group.getByRole("form", { name: "Map Kubernets to Kubernetes" })).toContainText("1 typo from 'Kubernetes'");
    await expect(page.getByRole("form", { name: "Map ticked texts" }).locator('optgroup[label="Suggested"] option', { hasText: "Kubernetes" })).toHaveCount(1);
    // One typo apart: shown together, and mapped in one go.
    await hydrated(page);
    await page.getByRole("form", { name: "Map alike texts Kubernets to Kubernetes" }).getByRole("button", { name: "Map all 2 to Kubernetes" }).click();
    await expect(page.locator('tr[data-group="kubernets"], tr[data-group="kubernetts"]')).toHaveCount(0);
  });
});
