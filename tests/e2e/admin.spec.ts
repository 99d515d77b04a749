// Organisers in Chromium: sign in, run rounds, triage free text, and every refusal an anonymous visitor or an
// analyst must get. Organisers come from tests/e2e/seed.ts.
import { expect, test, type Browser, type Page } from "@playwright/test";

const ADMIN = { email: "admin@example.org", password: "correct horse battery" };
const ANALYST = { email: "analyst@example.org", password: "analyst horse battery" };

// Every organiser page, and who may see it.
const PAGES = [
  { path: "/admin", adminOnly: false },
  { path: "/admin/responses", adminOnly: false },
  { path: "/admin/account", adminOnly: false },
  { path: "/admin/rounds", adminOnly: true },
  { path: "/admin/catalogue", adminOnly: true },
  { path: "/admin/other", adminOnly: true },
  { path: "/admin/audit", adminOnly: true },
] as const;

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Organiser overview" })).toBeVisible();
}

/** The fields a no-JavaScript browser would post for a form: enough to replay a server action from elsewhere. */
async function formFields(page: Page, formName: string): Promise<Record<string, string>> {
  return page.getByRole("form", { name: formName }).evaluate((form) => {
    const fields: Record<string, string> = {};
    new FormData(form as HTMLFormElement).forEach((value, key) => {
      fields[key] = String(value);
    });
    return fields;
  });
}

async function roundStatus(page: Page, slug: string) {
  return page.locator(`tr[data-round="${slug}"] td`).nth(1).innerText();
}

async function newSignedInPage(browser: Browser, who: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who);
  return { context, page };
}

test.describe("organisers", () => {
  test("an admin signs in, closes and reopens a round, triages free text into a new project, and signs out", async ({ page }) => {
    await signIn(page, ADMIN);

    await page.getByRole("link", { name: "Rounds" }).click();
    await expect(page.getByRole("heading", { name: "Survey rounds" })).toBeVisible();
    expect(await roundStatus(page, "openstack-2026")).toBe("open");
    // A second open round is refused with a clear message.
    await page.getByRole("form", { name: "Open Demo 2025 (synthetic data)" }).getByRole("button").click();
    await expect(page.locator("main [role=alert]")).toContainText("only one round can be open at a time");
    await page.getByRole("form", { name: "Close OpenStack upstream contributions 2026" }).getByRole("button", { name: "Close" }).click();
    await expect(page.locator('tr[data-round="openstack-2026"]').getByRole("status")).toHaveText("Round closed.");
    await page.reload();
    expect(await roundStatus(page, "openstack-2026")).toBe("closed");
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("This survey is closed");
    await page.goto("/admin/rounds");
    await page.getByRole("form", { name: "Open OpenStack upstream contributions 2026" }).getByRole("button", { name: "Reopen" }).click();
    await expect(page.locator('tr[data-round="openstack-2026"]').getByRole("status")).toHaveText("Round opened.");
    await page.reload();
    expect(await roundStatus(page, "openstack-2026")).toBe("open");

    await page.getByRole("link", { name: "Free text" }).click();
    const group = page.locator('tr[data-group="tempestplugins"]');
    await expect(group).toContainText("Tempest plugins");
    const entries = Number(await group.locator("td").nth(2).innerText());
    expect(entries).toBeGreaterThan(0);
    const promote = group.getByRole("form", { name: "Promote Tempest plugins" });
    await promote.getByLabel("Category").selectOption({ label: "test tools" });
    await promote.getByRole("button", { name: "Add project" }).click();
    // Once re-coded the group is no longer unmatched, so it leaves the list.
    await expect(group).toHaveCount(0);
    await page.reload();
    await expect(group).toHaveCount(0);

    await page.getByRole("link", { name: "Catalogue" }).click();
    await page.getByRole("searchbox", { name: "Search" }).fill("Tempest plugins");
    const row = page.locator('tr[data-project="tempest-plugins"]');
    await expect(row).toContainText("Tempest plugins");
    await expect(row.locator("td").nth(3)).toHaveText(String(entries));

    await page.getByRole("link", { name: "Audit log" }).click();
    await expect(page.getByRole("cell", { name: "other.promote", exact: true })).toBeVisible();
    await expect(page.getByRole("cell", { name: "round.close", exact: true })).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { name: "Organiser sign-in" })).toBeVisible();
    await page.goto("/admin/rounds");
    await expect(page).toHaveURL(/\/admin\/sign-in$/);
  });

  test("free text promoted to a new project is counted on the dashboard", async ({ page, request }) => {
    await signIn(page, ADMIN);
    await page.goto("/admin/other");
    const group = page.locator('tr[data-group="zuuljoblibrary"]');
    await expect(group).toContainText("Zuul job library");
    const promote = group.getByRole("form", { name: "Promote Zuul job library" });
    await promote.getByLabel("Category").selectOption({ label: "test tools" });
    await promote.getByRole("button", { name: "Add project" }).click();
    await expect(group).toHaveCount(0);

    // The six answers that typed it now count as respondents of the new project, on the page and in the API.
    await page.goto("/results?round=openstack-2025&view=count");
    await expect(page.getByText("Zuul job library").first()).toBeAttached();
    const summary = await (await request.get("/api/v1/summary?round=openstack-2025")).json();
    const row = summary.charts["top-projects"].rows.find((r: { slug: string }) => r.slug === "zuul-job-library");
    // Six respondents, published within 2 and never below 5 (the cell key method, docs/privacy.md).
    expect(row).toMatchObject({ name: "Zuul job library", count: { suppressed: false } });
    expect(row.count.value).toBeGreaterThanOrEqual(5);
    expect(row.count.value).toBeLessThanOrEqual(8);
  });

  test("sign out everywhere else ends the other browsers' sessions and a copied cookie, and keeps this one", async ({ browser }) => {
    const here = await newSignedInPage(browser, ADMIN);
    const laptop = await newSignedInPage(browser, ADMIN);
    const copied = await here.context.cookies();
    await here.page.getByRole("link", { name: "Account" }).click();
    await expect(here.page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await expect(here.page.getByText(ADMIN.email).first()).toBeVisible();
    await here.page.getByRole("button", { name: "Sign out everywhere else" }).click();
    await expect(here.page.getByRole("status")).toHaveText("Every other session of your account has ended. This browser stays signed in.");
    // This browser stays signed in, on a reload and on another page.
    await here.page.goto("/admin/audit");
    await expect(here.page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    await expect(here.page.getByRole("cell", { name: "organiser.sign-out-everywhere", exact: true }).first()).toBeVisible();
    // The other browser, and a copy of this browser's cookie taken before, are sent to sign in.
    await laptop.page.goto("/admin");
    await expect(laptop.page).toHaveURL(/\/admin\/sign-in$/);
    const thief = await browser.newContext();
    await thief.addCookies(copied);
    const stolen = await thief.request.get("/admin/audit", { maxRedirects: 0 });
    expect(stolen.status()).toBe(307);
    expect(stolen.headers().location).toMatch(/\/admin\/sign-in$/);
    for (const context of [here.context, laptop.context, thief]) await context.close();
  });

  test("a wrong password gets the same generic error as an unknown email", async ({ page }) => {
    await page.goto("/admin/sign-in");
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("main [role=alert]")).toHaveText("The email or password is not correct.");
    await page.getByLabel("Email").fill("nobody@example.org");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("main [role=alert]")).toHaveText("The email or password is not correct.");
  });
});

test.describe("refusals", () => {
  test("anonymous visitors are sent to sign in from every organiser page", async ({ request }) => {
    for (const { path } of PAGES) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect([303, 307], path).toContain(response.status());
      expect(response.headers().location, path).toMatch(/\/admin\/sign-in$/);
    }
    const detail = await request.get("/admin/responses/00000000-0000-4000-8000-000000000000", { maxRedirects: 0 });
    expect(detail.status()).toBe(307);
  });

  test("an analyst reads responses but gets 403 on admin-only pages", async ({ browser }) => {
    const { context, page } = await newSignedInPage(browser, ANALYST);
    for (const { path, adminOnly } of PAGES) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(adminOnly ? 403 : 200);
      if (adminOnly) await expect(page.getByRole("heading", { name: "403: not allowed" })).toBeVisible();
    }
    await page.goto("/admin/responses");
    await page.getByLabel("Round").selectOption({ label: "Demo 2025 (synthetic data)" });
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page.getByText(/^300 responses; page 1 of 12\./)).toBeVisible();
    await page.getByRole("link", { name: "Next page" }).click();
    await expect(page.getByText(/^300 responses; page 2 of 12\./)).toBeVisible();
    await page.getByRole("table").getByRole("link").first().click();
    await expect(page.getByRole("heading", { name: /^Response / })).toBeVisible();
    await expect(page.getByRole("button", { name: "Delete this response" })).toHaveCount(0);
    await context.close();
  });

  test("server actions refuse a signed-out page (401), an analyst (403) and cross-site posts, changing nothing", async ({ browser, baseURL }) => {
    const { context, page } = await newSignedInPage(browser, ADMIN);
    const origin = baseURL ?? "";
    const isActionPost = (response: { request(): { method(): string; headers(): Record<string, string> } }) =>
      response.request().method() === "POST" && "next-action" in response.request().headers();

    // A page left open after signing out: its buttons still post, the server refuses.
    await page.goto("/admin/rounds");
    await context.clearCookies();
    const [anonymous] = await Promise.all([
      page.waitForResponse(isActionPost),
      page.getByRole("form", { name: "Close OpenStack upstream contributions 2026" }).getByRole("button").click(),
    ]);
    expect(anonymous.status()).toBe(401);

    // The same page after the browser's session became an analyst's.
    await page.goto("/admin/sign-in");
    await signIn(page, ADMIN);
    await page.goto("/admin/catalogue");
    const signInAsAnalyst = await context.request.post("/api/admin/sign-in", { data: ANALYST, headers: { Origin: origin } });
    expect(signInAsAnalyst.status()).toBe(200);
    const form = page.getByRole("form", { name: "Add project" });
    await form.getByLabel("Name").fill("Injected project");
    await form.getByLabel("Category").selectOption({ index: 1 });
    const [analyst] = await Promise.all([page.waitForResponse(isActionPost), form.getByRole("button").click()]);
    expect(analyst.status()).toBe(403);

    // A replayed no-JavaScript form post from another site, with the admin's cookie.
    await context.clearCookies();
    await signIn(page, ADMIN);
    await page.goto("/admin/rounds");
    const fields = await formFields(page, "Close OpenStack upstream contributions 2026");
    const crossSite = await context.request.post("/admin/rounds", { multipart: fields, headers: { Origin: "https://evil.example" }, maxRedirects: 0 });
    expect(crossSite.status()).toBeGreaterThanOrEqual(400);

    await page.goto("/admin/rounds");
    expect(await roundStatus(page, "openstack-2026")).toBe("open");
    await page.goto("/admin/catalogue");
    await expect(page.getByText("Injected project")).toHaveCount(0);
    await page.goto("/admin/audit");
    await expect(page.getByRole("row").filter({ hasText: "project.add" }).filter({ hasText: "denied" })).toHaveCount(1);
    await context.close();
  });

  test("sign-in and sign-out routes refuse cross-site posts; the sign-in API answers 401 and then 429 with Retry-After", async ({ request, baseURL }) => {
    const crossSite = await request.post("/api/admin/sign-in", { data: ADMIN, headers: { Origin: "https://evil.example" } });
    expect(crossSite.status()).toBe(403);
    const signOut = await request.post("/admin/sign-out", { headers: { Origin: "https://evil.example" }, maxRedirects: 0 });
    expect(signOut.status()).toBe(403);
    const victim = { email: "victim@example.org", password: "guessing" };
    for (let i = 0; i < 5; i++) {
      expect((await request.post("/api/admin/sign-in", { data: victim, headers: { Origin: baseURL ?? "" } })).status()).toBe(401);
    }
    const limited = await request.post("/api/admin/sign-in", { data: victim, headers: { Origin: baseURL ?? "" } });
    expect(limited.status()).toBe(429);
    expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
    expect((await limited.json()).error).toEqual({
      code: "rate_limited",
      message: expect.stringMatching(/Too many attempts, try again in \d+ minutes?/),
    });
  });

  test("the session cookie is httpOnly and SameSite=Lax, and a forged cookie is anonymous", async ({ browser, baseURL }) => {
    const { context } = await newSignedInPage(browser, ANALYST);
    const cookie = (await context.cookies()).find((c) => c.name === "census_organiser");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    await context.close();
    const forged = await browser.newContext();
    await forged.addCookies([{ name: "census_organiser", value: `${cookie?.value.slice(0, -4)}AAAA`, url: baseURL ?? "" }]);
    const page = await forged.newPage();
    await page.goto("/admin/responses");
    await expect(page).toHaveURL(/\/admin\/sign-in$/);
    await forged.close();
  });
});
