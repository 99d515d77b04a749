// The organiser pages at phone width: sign-in, overview, account, the dependency list, the catalogue, rounds,
// responses, audit log and free-text triage fit a 390 px screen (wide tables scroll inside their own box, the page
// never sideways) and pass axe. Organisers come from tests/e2e/seed.ts.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

const ADMIN = { email: "admin@example.org", password: "correct horse battery" };

async function signIn(page: Page) {
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Organiser overview");
}

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function expectFitsAndAccessible(page: Page) {
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
  ).toEqual([]);
}

test.describe("organiser pages on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("sign-in, overview, account and the dependency list fit the screen and pass axe", async ({ page }) => {
    await page.goto("/admin/sign-in");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Organiser sign-in");
    await expectFitsAndAccessible(page);
    await signIn(page);
    await expectFitsAndAccessible(page);

    await page.goto("/admin/account");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account");
    await expectFitsAndAccessible(page);

    await page.goto("/admin/catalogue/dependencies");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dependency list");
    await expectFitsAndAccessible(page);
    // The bulk-add table is wider than the phone: it scrolls inside its labelled region, and its button stays on screen.
    const table = page.getByRole("region", { name: "Packages to add (scrolls sideways)" });
    expect(await table.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    const button = await page.getByRole("button", { name: "Add the ticked packages as projects" }).boundingBox();
    expect(button && button.x + button.width).toBeLessThanOrEqual(390);
  });

  // Each of these scrolled sideways as a whole at 390 px (618 to 802 px wide): its table is wider than the phone.
  const wideTablePages = [
    { path: "/admin/catalogue", heading: "Project catalogue", table: "Projects (scrolls sideways)" },
    { path: "/admin/rounds", heading: "Survey rounds", table: "Rounds (scrolls sideways)" },
    { path: "/admin/responses", heading: "Responses", table: "Responses (scrolls sideways)" },
    { path: "/admin/audit", heading: "Audit log", table: "Audit entries (scrolls sideways)" },
    { path: "/admin/other", heading: "Free-text triage", table: "Texts to triage (scrolls sideways)" },
  ];

  test("catalogue, rounds, responses, audit log and free-text triage fit the screen and pass axe", async ({ page }) => {
    await page.goto("/admin/sign-in");
    await signIn(page);
    for (const { path, heading, table } of wideTablePages) {
      await test.step(path, async () => {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
        await expectFitsAndAccessible(page);
        // Nothing is cut off: the table keeps its width and scrolls inside its labelled region.
        const region = page.getByRole("region", { name: table });
        await expect(region.locator("table")).toBeVisible();
        expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      });
    }
  });
});
