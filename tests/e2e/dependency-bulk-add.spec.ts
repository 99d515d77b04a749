// The admin's bulk add in Chromium: from /admin/catalogue to the dependency page, review the suggestions, add two
// uncatalogued dependencies, and find them offered on the form of the open round (which every later round copies).
import { expect, test } from "@playwright/test";

const ADMIN = { email: "admin@example.org", password: "correct horse battery" };

test("adds uncatalogued dependencies as projects, reviewed first, and the form offers them", async ({ page }) => {
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Organiser overview" })).toBeVisible();

  await page.goto("/admin/catalogue");
  await page.getByRole("link", { name: /Dependency list/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dependency list" })).toBeVisible();
  const table = page.getByTestId("bulk-add");
  await expect(table.locator('tr[data-package="six"]')).toBeVisible();
  await expect(page.getByLabel("Aliases for six")).toHaveValue("python-six");
  await expect(page.getByLabel("Category for python-ldap").locator("option:checked")).toHaveText("security & crypto");

  // Review: keep two packages, rename one, and untick the rest.
  await table.locator('input[type="checkbox"]').evaluateAll((boxes) => {
    for (const box of boxes as HTMLInputElement[]) box.checked = false;
  });
  await page.getByLabel("Add six").check();
  await page.getByLabel("Add python-ldap").check();
  await page.getByLabel("Project name for python-ldap").fill("python-ldap (LDAP client)");
  await page.getByRole("button", { name: "Add the ticked packages as projects" }).click();
  await expect(page.getByRole("status")).toContainText("2 projects added", { timeout: 30_000 });

  // Now in the survey: gone from the bulk-add list, mapped in the external list.
  await page.reload();
  await expect(page.getByTestId("bulk-add").locator('tr[data-package="six"]')).toHaveCount(0);
  await expect(page.getByTestId("dependencies-external").locator('tr[data-package="python-ldap"]')).toContainText(
    "python-ldap (LDAP client)",
  );

  // The audit log has the one entry.
  await page.goto("/admin/audit");
  await expect(page.getByRole("row").filter({ hasText: "dependency.bulk-add" })).toHaveCount(1);

  // The open round's form offers the new projects.
  await page.goto("/");
  for (const [category, name] of [
    ["other", "six"],
    ["security & crypto", "python-ldap (LDAP client)"],
  ]) {
    const group = page
      .locator("details")
      .filter({ has: page.locator("summary", { hasText: new RegExp(`^${category}\\d+ projects`) }) });
    await group.locator("summary").click();
    await expect(group.getByRole("checkbox", { name, exact: true })).toBeVisible();
  }
});
