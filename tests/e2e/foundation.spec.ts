import { expect, test } from "@playwright/test";

test("the home page shows the open round", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("OpenStack upstream contributions 2026");
});
