// The respondent's side in a real Chromium: the form as a new user fills it, the edit link, the same form
// without JavaScript, accessibility (axe), a 360-px phone, and the JSON API against the running server.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { PREVIOUS_ROUND_TOKEN } from "./seed";

const ROUND = "openstack-2026";
const newToken = () => Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64url");

const apiBody = (token: string, overrides: Record<string, unknown> = {}) => ({
  round: ROUND,
  token,
  teams: ["nova"],
  notOpenStackContributor: false,
  projects: [{ slug: "sqlalchemy", kinds: ["code"], frequency: "regularly" }],
  others: ["my-own-tool"],
  yearsContributing: 5,
  employerPaid: "partly",
  comment: null,
  ...overrides,
});

/** Controls clicked before React hydrates can be reset by hydration; a user is slower than a test. */
const hydrated = (page: Page) => page.locator('form[data-hydrated="true"]').waitFor();

const group = (page: Page, name: string) => page.getByRole("group", { name, exact: true });

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

const errorSummary = (page: Page) => page.getByRole("alert").filter({ hasText: "Some answers need attention" });

/** How many responses the database holds, as an analyst sees it in /admin/responses. */
async function storedResponseCount(browser: Browser): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email").fill("analyst@example.org");
  await page.getByLabel("Password").fill("analyst horse battery");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Organiser overview" })).toBeVisible();
  await page.goto("/admin/responses");
  const text = await page.getByText(/^\d+ responses; page/).innerText();
  await context.close();
  return Number(/^(\d+)/.exec(text)?.[1]);
}

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
]) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport });

    test("Enter in a text field never submits, and a blank form gets the error summary and stores nothing", async ({
      page,
      browser,
    }) => {
      const before = await storedResponseCount(browser);
      await page.goto("/");
      await hydrated(page);
      const fields = [
        page.getByLabel("Filter teams"),
        page.getByRole("combobox", { name: "Find a project by name" }),
        page.getByLabel("How many years have you contributed to OpenStack?"),
      ];
      for (const field of fields) {
        await field.fill(field === fields[2] ? "3" : "nova");
        await field.press("Enter");
      }
      await page.getByLabel("How many years have you contributed to OpenStack?").press("Enter");
      await expect(page).toHaveURL(/\/$/);
      await expect(errorSummary(page)).toHaveCount(0);

      await page.getByRole("button", { name: "Send my answer" }).click();
      const summary = errorSummary(page);
      await expect(summary).toBeVisible();
      await summary.getByRole("link", { name: /Choose at least one OpenStack team/ }).click();
      await expect(page.getByLabel("Filter teams")).toBeFocused();
      await summary.getByRole("link", { name: /Choose at least one project/ }).click();
      await expect(page.getByRole("combobox", { name: "Find a project by name" })).toBeFocused();
      await expectNoSeriousAxeViolations(page);
      expect(await storedResponseCount(browser)).toBe(before);
    });

    test("a reload restores the answer in progress, with a notice and 'start over'; sending clears it", async ({
      page,
    }) => {
      await page.goto("/");
      await hydrated(page);
      await page.getByRole("checkbox", { name: /^glance\b/ }).check();
      const search = page.getByRole("combobox", { name: "Find a project by name" });
      await search.fill("tox");
      await search.press("Enter");
      await group(page, "How do you contribute? (tox)").getByRole("checkbox", { name: "Code review" }).check();
      await page.getByLabel("Anything else? (optional)").fill("half done");
      await page.waitForTimeout(600); // the draft is kept a moment after the last change
      await page.reload();
      await hydrated(page);
      const notice = page.getByRole("status").filter({ hasText: "Your answer in progress is back" });
      await expect(notice).toBeVisible();
      await expect(page.getByRole("checkbox", { name: /^glance\b/ })).toBeChecked();
      await expect(
        group(page, "How do you contribute? (tox)").getByRole("checkbox", { name: "Code review" }),
      ).toBeChecked();
      await expect(page.getByLabel("Anything else? (optional)")).toHaveValue("half done");
      await expectNoSeriousAxeViolations(page); // with the draft notice
      await notice.getByRole("button", { name: "Start over" }).click();
      await expect(page.getByLabel("Filter teams")).toBeFocused(); // focus stays in the form, at its first question
      await expect(page.getByRole("checkbox", { name: /^glance\b/ })).not.toBeChecked();
      await expect(page.getByLabel("Anything else? (optional)")).toHaveValue("");
      await page.reload();
      await hydrated(page);
      await expect(notice).toHaveCount(0);

      await page.getByRole("checkbox", { name: /^glance\b/ }).check();
      await page.getByRole("checkbox", { name: "I contribute to nothing outside OpenStack" }).check();
      await page.getByRole("button", { name: "Send my answer" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, your answer is saved");
      expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.includes("draft")))).toEqual([]);
      // The second visit: this browser answered already.
      await page.goto("/");
      const answered = page.getByRole("region", { name: /^You answered on \d{1,2} \w+$/ });
      await expect(answered).toBeVisible();
      await expectNoSeriousAxeViolations(page);
      await answered.getByRole("link", { name: "View or change your answer" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your response");
      await page.goto("/");
      await page.getByRole("button", { name: "Forget this browser" }).click();
      await expect(answered).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Send my answer" })).toBeVisible();
      expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    });

    test("a new round offers the previous round's answer, and repeating it unchanged takes at most 5 clicks", async ({
      page,
      request,
    }) => {
      // This browser kept the edit link of its answer to the closed 2025 round: the edit page remembers it once its
      // script has run (the heading alone is server-rendered, and on a slow machine came before that).
      await page.goto(`/r/${PREVIOUS_ROUND_TOKEN}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your response");
      await expect.poll(() => page.evaluate((token) => JSON.stringify({ ...localStorage }).includes(token), PREVIOUS_ROUND_TOKEN)).toBe(true);
      await page.goto("/");
      await hydrated(page);
      let clicks = 0;
      const click = async (target: Locator) => {
        clicks++;
        await target.click();
      };
      const offer = page.getByRole("region", { name: /^You answered an earlier round on / });
      await expect(offer).toBeVisible();
      await click(offer.getByRole("button", { name: "Start from your last answer" }));
      await expect(page.getByRole("checkbox", { name: "pip", exact: true })).toBeChecked();
      await expect(page.getByRole("checkbox", { name: /^nova\b/ })).toBeChecked();
      await expect(group(page, "How often? (pip)").getByRole("radio", { name: "Occasionally" })).toBeChecked();
      await expect(page.getByLabel("Other projects not listed")).toHaveValue("Zuul job library");
      const carried = page.getByRole("region", { name: "Projects from your last answer" });
      await expect(carried).toContainText("1 project to confirm or change (pip)");
      await expectNoSeriousAxeViolations(page);
      // Sending before confirming is refused with a link to the projects to confirm.
      await click(page.getByRole("button", { name: "Send my answer" }));
      await expect(errorSummary(page).getByRole("link", { name: /Confirm or change each project/ })).toBeVisible();
      await click(carried.getByRole("button", { name: "Confirm all as they are" }));
      await click(page.getByRole("button", { name: "Send my answer" }));
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, your answer is saved");
      expect(clicks).toBeLessThanOrEqual(5);
      const token = /\/r\/([A-Za-z0-9_-]{22})\/thanks$/.exec(new URL(page.url()).pathname)?.[1];
      expect(token).not.toBe(PREVIOUS_ROUND_TOKEN);
      const stored = await (await request.get(`/api/v1/responses/${token}`)).json();
      expect(stored.round.slug).toBe(ROUND);
      expect(stored.answer).toMatchObject({
        teams: ["nova"],
        projects: [{ slug: "pip", kinds: ["code"], frequency: "occasionally" }],
        others: ["Zuul job library"],
      });
    });

    test("all 42 teams are in view and can be chosen, and chosen teams are chips that remove them", async ({
      page,
    }) => {
      await page.goto("/");
      await hydrated(page);
      const teams = page.locator('input[name="teams"]');
      await expect(teams).toHaveCount(42);
      // No inner scroll region: the list is as tall as its content.
      const grid = teams.first().locator("xpath=ancestor::div[1]");
      expect(await grid.evaluate((element) => element.scrollHeight - element.clientHeight)).toBeLessThanOrEqual(1);
      for (let n = 0; n < 42; n++) {
        await teams.nth(n).scrollIntoViewIfNeeded();
        await expect(teams.nth(n)).toBeVisible();
      }
      await page.getByRole("checkbox", { name: /^nova\b/ }).check();
      await page.getByRole("checkbox", { name: /^zun\b/ }).check();
      const chips = page.getByRole("list", { name: "Chosen teams" });
      await expect(chips.getByRole("button")).toHaveText(["nova×, remove", "zun×, remove"]);
      await page.getByLabel("Filter teams").fill("neutron");
      await expect(page.getByText(/^\d+ of 42 teams shown$/)).toBeVisible();
      await expectNoSeriousAxeViolations(page); // filter and chips shown
      await chips.getByRole("button", { name: /^nova/ }).click();
      await expect(page.locator('input[name="teams"][value="nova"]')).not.toBeChecked(); // hidden by the filter
      await expect(chips.getByRole("button")).toHaveText(["zun×, remove"]);
      await expect(page.getByLabel("Filter teams")).toBeFocused();
      // A team shown because of one of its repositories says which.
      await page.getByLabel("Filter teams").fill("nov");
      await expect(page.getByText("repository blazar-nova")).toBeVisible();
    });

    test("choosing a project keeps focus and scroll at the search; typos get a hint", async ({ page }) => {
      await page.goto("/");
      await hydrated(page);
      const search = page.getByRole("combobox", { name: "Find a project by name" });
      await search.scrollIntoViewIfNeeded();
      await search.fill("libvirt");
      const top = await search.evaluate((element) => element.getBoundingClientRect().top);
      await search.press("Enter");
      await expect(page.getByRole("checkbox", { name: "libvirt", exact: true })).toBeChecked();
      await expect(search).toBeFocused();
      expect(Math.abs((await search.evaluate((element) => element.getBoundingClientRect().top)) - top)).toBeLessThan(2);

      await search.fill("sqlalchmey");
      await expect(page.getByRole("option")).toContainText("Did you mean SQLAlchemy?");
      await expectNoSeriousAxeViolations(page); // the suggestions open
      await search.press("Enter");
      await expect(page.getByRole("checkbox", { name: "SQLAlchemy", exact: true })).toBeChecked();
      await page.getByLabel("Other projects not listed").fill("kuberentes\nmy own tool");
      await expect(page.getByText("did you mean Kubernetes?")).toBeVisible();
      await expect(page.getByText(/“\u2068my own tool\u2069” will be kept as typed/)).toBeVisible();
    });
  });
}

test.describe("without JavaScript, a blank form", () => {
  test.use({ javaScriptEnabled: false });

  test("is refused by the server with links to both questions, and Enter in the years box sends nothing", async ({
    page,
    browser,
  }) => {
    const before = await storedResponseCount(browser);
    await page.goto("/");
    await page.getByLabel("How many years have you contributed to OpenStack?").fill("3");
    await page.getByLabel("How many years have you contributed to OpenStack?").press("Enter");
    await expect(errorSummary(page)).toHaveCount(0);
    await expect(page.locator("form button[hidden]")).toBeHidden(); // the disabled default button draws nothing
    await page.getByRole("button", { name: "Send my answer" }).click();
    const summary = errorSummary(page);
    await expect(summary.getByRole("link", { name: /Choose at least one OpenStack team/ })).toHaveAttribute(
      "href",
      "#question-teams",
    );
    await expect(summary.getByRole("link", { name: /Choose at least one project/ })).toHaveAttribute(
      "href",
      "#question-projects",
    );
    await expect(page.getByLabel("How many years have you contributed to OpenStack?")).toHaveValue("3");
    expect(await storedResponseCount(browser)).toBe(before);
  });
});

test("a new respondent answers, follows the edit link, changes the answer and deletes it", async ({
  page,
  request,
}) => {
  const response = await page.goto("/");
  expect(response?.headers()["cache-control"]).toContain("no-store");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("OpenStack upstream contributions 2026");

  await page.getByLabel("Filter teams").fill("nova");
  await page.getByRole("checkbox", { name: /^nova\b/ }).check();

  const search = page.getByRole("combobox", { name: "Find a project by name" });
  await search.fill("sqla");
  await page.getByRole("option", { name: /SQLAlchemy/ }).click();
  await expect(page.getByRole("checkbox", { name: "SQLAlchemy", exact: true })).toBeChecked();
  const kinds = group(page, "How do you contribute? (SQLAlchemy)");
  // Choosing keeps the respondent's place: focus stays in the search, ready for the next project.
  await expect(search).toBeFocused();
  await expect(kinds.getByRole("checkbox", { name: "Code", exact: true })).toBeVisible();

  await page.getByLabel("Other projects not listed").fill("my-own-tool");
  // Submitting without saying how: the error appears next to the project, and nothing typed is lost.
  await page.getByRole("button", { name: "Send my answer" }).click();
  await expect(kinds.getByText("Choose at least one kind of contribution")).toBeVisible();
  await expect(page.getByLabel("Other projects not listed")).toHaveValue("my-own-tool");
  await expect(page.getByRole("checkbox", { name: /^nova\b/ })).toBeChecked();

  await kinds.getByRole("checkbox", { name: "Code", exact: true }).check();
  await kinds.getByRole("checkbox", { name: "Code review" }).check();
  await group(page, "How often? (SQLAlchemy)").getByRole("radio", { name: "Regularly" }).check();
  await page.getByLabel("How many years have you contributed to OpenStack?").fill("4");
  await page.getByRole("radio", { name: "Partly" }).check();
  await page.getByRole("button", { name: "Send my answer" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, your answer is saved");
  await expect(page.getByText("Keep this link private")).toBeVisible();
  const token = /\/r\/([A-Za-z0-9_-]{22})\/thanks$/.exec(new URL(page.url()).pathname)?.[1];
  expect(token).toBeTruthy();
  await page.getByRole("link", { name: "Open my private edit link" }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${token}$`));
  await hydrated(page);

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your response");
  await expect(page.getByRole("checkbox", { name: "SQLAlchemy", exact: true })).toBeChecked();
  await expect(page.getByLabel("Other projects not listed")).toHaveValue("my-own-tool");
  await expect(group(page, "How often? (SQLAlchemy)").getByRole("radio", { name: "Regularly" })).toBeChecked();
  await group(page, "How often? (SQLAlchemy)").getByRole("radio", { name: "Occasionally" }).check();
  await page.getByRole("button", { name: "Save my changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your changes are saved." })).toBeVisible();

  await page.reload();
  await hydrated(page);
  await expect(group(page, "How often? (SQLAlchemy)").getByRole("radio", { name: "Occasionally" })).toBeChecked();
  const stored = await (await request.get(`/api/v1/responses/${token}`)).json();
  expect(stored.answer.projects).toEqual([
    { slug: "sqlalchemy", kinds: ["code", "review"], frequency: "occasionally" },
  ]);

  await page.getByText("Delete my response").click();
  await page.getByRole("button", { name: "Delete permanently" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This response was deleted");
  expect((await request.get(`/api/v1/responses/${token}`)).status()).toBe(410);
});

test("the type-ahead matches aliases and works with the keyboard alone", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  const search = page.getByRole("combobox", { name: "Find a project by name" });
  for (const [typed, expected] of [
    ["pypa/pip", "pip"],
    ["k8s", "Kubernetes"],
    ["python-pip", "pip"],
  ] as const) {
    await search.fill(typed);
    await expect(page.getByRole("option").first()).toContainText(expected);
  }
  await search.fill("");
  await search.focus();
  await page.keyboard.type("k8s");
  await expect(search).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("ArrowDown");
  await expect(search).toHaveAttribute("aria-activedescendant", /option-0/);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("checkbox", { name: "Kubernetes", exact: true })).toBeChecked();
  await expect(search).toBeFocused(); // the next project is one keystroke away
  await page.keyboard.type("sqla");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("checkbox", { name: "SQLAlchemy", exact: true })).toBeChecked();
  // The chosen projects' chips lead to what is left to answer. The chips follow the form's state in a
  // transition, so under load they may appear a frame after the checkbox: wait for the new one first.
  await expect(page.getByRole("button", { name: "SQLAlchemy: say how" })).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "SQLAlchemy: say how" })).toBeFocused(); // in form order
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Kubernetes: say how" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Space");
  await expect(
    group(page, "How do you contribute? (Kubernetes)").getByRole("checkbox", { name: "Code", exact: true }),
  ).toBeChecked();
  await expect(page).toHaveURL(/\/$/); // Enter in the search box chose; it did not submit the form
});

/** Press Tab until `target` has focus: how a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, limit = 400) {
  for (let n = 0; n < limit; n++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("not reachable with Tab");
}

test("the whole flow with the keyboard alone", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  await tabTo(page, page.getByLabel("Filter teams"));
  await page.keyboard.type("cinder");
  await tabTo(page, page.getByRole("checkbox", { name: /^cinder\b/ }));
  await page.keyboard.press("Space");
  await tabTo(page, page.getByRole("combobox", { name: "Find a project by name" }));
  await page.keyboard.type("sqla");
  await page.keyboard.press("Enter");
  await page.keyboard.type("sqlalchmey"); // a typo: the hint is the one option, and Enter takes it
  await page.keyboard.press("Enter");
  await page.keyboard.type("k8s");
  await page.keyboard.press("Enter");
  for (const name of ["SQLAlchemy", "Kubernetes"]) {
    await tabTo(page, page.getByRole("button", { name: `${name}: say how` }));
    await page.keyboard.press("Enter");
    await page.keyboard.press("Space"); // "Code", focused by the chip
    await tabTo(page, group(page, `How often? (${name})`).getByRole("radio", { name: "Once" }));
    await page.keyboard.press("ArrowRight"); // "Occasionally"
  }
  await tabTo(page, page.getByRole("button", { name: "Send my answer" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, your answer is saved");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the same form submits, shows errors from the server and gives a working edit link", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("combobox")).toHaveCount(0); // the type-ahead needs JavaScript, so it is not offered
    await page.getByRole("checkbox", { name: /^neutron\b/ }).check();
    await page.locator("summary", { hasText: "databases & DB libraries" }).click();
    await page.getByRole("checkbox", { name: "SQLAlchemy", exact: true }).check();
    // A project's own questions are not on the first page (it stays light): the server asks for them.
    const kinds = group(page, "How do you contribute? (SQLAlchemy)");
    await expect(kinds).toHaveCount(0);
    await page.getByLabel("Anything else? (optional)").fill("Typed before an error");
    await page.getByRole("button", { name: "Send my answer" }).click();

    // The server answered with the page again: the ticked project's questions with their errors, all as typed.
    await expect(page.getByRole("alert")).toContainText("One more step: say how and how often");
    await expect(page.locator("#question-projects noscript p")).toContainText(
      "Say how and how often for each project you ticked below",
    );
    await expect(kinds.getByText("Choose at least one kind of contribution")).toBeVisible();
    await expect(group(page, "How often? (SQLAlchemy)").getByText("Choose how often")).toBeVisible();
    await expect(page.getByLabel("Anything else? (optional)")).toHaveValue("Typed before an error");
    await expect(page.getByRole("checkbox", { name: "SQLAlchemy", exact: true })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: /^neutron\b/ })).toBeChecked();

    await kinds.getByRole("checkbox", { name: "Documentation" }).check();
    await group(page, "How often? (SQLAlchemy)").getByRole("radio", { name: "Once" }).check();
    await page.getByRole("button", { name: "Send my answer" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, your answer is saved");

    await page.getByRole("link", { name: "Open my private edit link" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your response");
    await expect(page.getByRole("checkbox", { name: "SQLAlchemy", exact: true })).toBeChecked();
    await expect(page.getByLabel("Anything else? (optional)")).toHaveValue("Typed before an error");
    await page.getByLabel("Anything else? (optional)").fill("Changed without JavaScript");
    await page.getByRole("button", { name: "Save my changes" }).click();
    await expect(page.getByText("Your changes are saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Anything else? (optional)")).toHaveValue("Changed without JavaScript");
  });
});

test("axe finds no serious or critical violation on the form, the thank-you page and the edit link", async ({
  page,
}) => {
  await page.goto("/");
  await hydrated(page);
  await page.getByRole("checkbox", { name: /^cinder\b/ }).check();
  await page.getByRole("combobox").fill("sqla");
  await expect(page.getByRole("option").first()).toBeVisible();
  await page.getByRole("option", { name: /SQLAlchemy/ }).click();
  const kinds = group(page, "How do you contribute? (SQLAlchemy)");
  await kinds.getByRole("checkbox", { name: "Code", exact: true }).check();
  await page.getByRole("button", { name: "Send my answer" }).click();
  await expect(group(page, "How often? (SQLAlchemy)").getByText("Choose how often")).toBeVisible();
  await page.getByRole("combobox").fill("pip");
  await expect(page.getByRole("option").first()).toBeVisible();
  await expectNoSeriousAxeViolations(page); // with field errors shown and the suggestions open
  await page.getByRole("combobox").fill("");
  await group(page, "How often? (SQLAlchemy)").getByRole("radio", { name: "Regularly" }).check();
  await page.getByRole("button", { name: "Send my answer" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, your answer is saved");
  await expectNoSeriousAxeViolations(page);
  await page.getByRole("link", { name: "Open my private edit link" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your response");
  await expectNoSeriousAxeViolations(page);
  await page.goto(`/r/${newToken()}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This edit link is not known");
  await expectNoSeriousAxeViolations(page);
});

test.describe("on a 360-px phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("the form fits the screen and can be filled", async ({ page }) => {
    await page.goto("/");
    await hydrated(page);
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByRole("checkbox", { name: "None: I am not an OpenStack contributor" }).check();
    await page.getByRole("combobox").fill("libvirt");
    await page
      .getByRole("option", { name: /libvirt/ })
      .first()
      .click();
    const kinds = page.getByRole("group", { name: /^How do you contribute\? \(libvirt/ });
    await kinds.getByRole("checkbox", { name: "Bug reports and triage" }).check();
    await page
      .getByRole("group", { name: /^How often\? \(libvirt/ })
      .getByRole("radio", { name: "Once" })
      .check();
    expect(await overflow()).toBeLessThanOrEqual(0);
    const button = page.getByRole("button", { name: "Send my answer" });
    const box = await button.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(360);
    await page.screenshot({ path: "test-results/survey-360px.png", fullPage: false });
    await button.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, your answer is saved");
    expect(await overflow()).toBeLessThanOrEqual(0);
  });

  for (const javaScriptEnabled of [true, false]) {
    test(`typed text shown back wraps and cannot reorder a message (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async ({
      browser,
    }) => {
      const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      await page.goto("/");
      if (javaScriptEnabled) await hydrated(page);
      const overflow = () =>
        page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      const pasted = `https://gitlab.freedesktop.org/NetworkManager/NetworkManager/${"x".repeat(100)}`;
      await page.getByLabel("Other projects not listed").fill(`${pasted}\nmy-lib\u202E (fork)`);
      await page.getByRole("button", { name: "Send my answer" }).click();
      const field = page.locator("#field-others-error");
      await expect(field).toContainText("contains control characters");
      // The override character is shown as "�" inside an isolate, so the message reads in order.
      await expect(field).toContainText("my-lib\uFFFD (fork)");
      expect(await overflow()).toBeLessThanOrEqual(0);
      await context.close();
    });
  }
});

test("the form's first scripts carry no schema library: it loads when the form is first touched", async ({ page }) => {
  // Zod is most of the form's code; a phone would pay for it before the form answers a tap.
  const scripts: Promise<string>[] = [];
  page.on("response", (response) => {
    if (new URL(response.url()).pathname.endsWith(".js")) scripts.push(response.text());
  });
  await page.goto("/");
  await hydrated(page);
  await page.waitForLoadState("networkidle");
  const first = await Promise.all(scripts);
  expect(first.length).toBeGreaterThan(0);
  expect(first.filter((text) => text.includes("_zod"))).toEqual([]);
  await page.getByLabel("Filter teams").focus();
  await expect
    .poll(async () => (await Promise.all(scripts.slice(first.length))).some((text) => text.includes("_zod")))
    .toBe(true);
});

test("no page breaks the Content-Security-Policy, and the site has an icon", async ({ page, request }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy|unsafe-eval/i.test(message.text())) violations.push(message.text());
  });
  const token = newToken();
  expect((await request.post("/api/v1/responses", { data: apiBody(token) })).status()).toBe(201);
  for (const path of [
    "/",
    `/r/${token}`,
    `/r/${token}/thanks`,
    "/results",
    "/results/dependencies",
    "/admin/sign-in",
  ]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  await page.evaluate(() => localStorage.clear()); // the thank-you page remembered the answer: `/` would say so
  await page.goto("/");
  await hydrated(page);
  await page.getByRole("button", { name: "Send my answer" }).click(); // the schema runs in the browser
  await expect(errorSummary(page)).toBeVisible();
  expect(violations).toEqual([]);
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(icon).toBeTruthy();
  expect((await request.get(icon!)).status()).toBe(200);
});

test.describe("JSON API", () => {
  test("rejects malformed JSON, a wrong content type and a body over 64 KB", async ({ request }) => {
    const invalid = await request.post("/api/v1/responses", {
      data: Buffer.from("{not json"),
      headers: { "content-type": "application/json" },
    });
    expect(invalid.status()).toBe(400);
    expect((await invalid.json()).error).toEqual({
      code: "invalid_body",
      message: expect.stringMatching(/not valid JSON/),
    });
    const text = await request.post("/api/v1/responses", {
      data: JSON.stringify(apiBody(newToken())),
      headers: { "content-type": "text/plain" },
    });
    expect(text.status()).toBe(400);
    const big = await request.post("/api/v1/responses", {
      data: { ...apiBody(newToken()), comment: "x".repeat(70_000) },
    });
    expect(big.status()).toBe(413);
    const wrong = await request.post("/api/v1/responses", {
      data: { ...apiBody(newToken()), yearsContributing: "many", teams: "nova" },
    });
    expect(wrong.status()).toBe(400);
    expect(Object.keys((await wrong.json()).error.fields)).toEqual(
      expect.arrayContaining(["yearsContributing", "teams"]),
    );
  });

  test("answers 404 for an unknown round and for a forged edit token", async ({ request }) => {
    const unknown = await request.post("/api/v1/responses", { data: apiBody(newToken(), { round: "no-such-round" }) });
    expect(unknown.status()).toBe(404);
    for (const path of [`/api/v1/responses/${newToken()}`, "/api/v1/responses/not-a-token"]) {
      expect((await request.get(path)).status()).toBe(404);
      expect((await request.delete(path)).status()).toBe(404);
    }
  });

  test("a double POST with the same token stores one response", async ({ request }) => {
    const token = newToken();
    const [first, second] = await Promise.all([
      request.post("/api/v1/responses", { data: apiBody(token) }),
      request.post("/api/v1/responses", { data: apiBody(token) }),
    ]);
    expect([first.status(), second.status()].sort()).toEqual([200, 201]);
    const ids = [(await first.json()).responseId, (await second.json()).responseId];
    expect(ids[0]).toBe(ids[1]);
    const third = await request.post("/api/v1/responses", { data: apiBody(token, { employerPaid: "no" }) });
    expect(third.status()).toBe(200);
    expect((await third.json()).editUrl).toBe(`/r/${token}`);
    const stored = await (await request.get(`/api/v1/responses/${token}`)).json();
    expect(stored.responseId).toBe(ids[0]);
    expect(stored.answer.employerPaid).toBe("no");
    const put = await request.put(`/api/v1/responses/${token}`, { data: { ...apiBody(token), comment: "via PUT" } });
    expect(put.status()).toBe(200);
    expect((await request.delete(`/api/v1/responses/${token}`)).status()).toBe(200);
    expect((await request.get(`/api/v1/responses/${token}`)).status()).toBe(410);
  });

  test("the survey pages: unknown round 404, closed round says so", async ({ page }) => {
    expect((await page.goto("/survey/no-such-round"))?.status()).toBe(404);
    await page.goto("/survey/demo-2025");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("This survey is closed");
    await expect(page.getByRole("link", { name: "See the results" })).toBeVisible();
    await page.goto(`/survey/${ROUND}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("OpenStack upstream contributions 2026");
  });
});

test.describe("never loses what was typed", () => {
  test("answers given before the page's script arrives survive hydration", async ({ page }) => {
    // A slow connection: the HTML is there, the JavaScript only comes once the answers are given.
    let release = () => {};
    const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/_next/static/chunks/*.js", async (route) => {
      await scriptsHeld;
      await route.continue();
    });
    await page.goto("/", { waitUntil: "commit" });
    await page.locator("summary", { hasText: "databases & DB libraries" }).click();
    await page.getByRole("checkbox", { name: "SQLAlchemy", exact: true }).check();
    await page.getByLabel("Anything else? (optional)").fill("typed early");
    await expect(page.locator('form[data-hydrated="true"]')).toHaveCount(0);
    release();
    await hydrated(page);
    await expect(page.getByRole("checkbox", { name: "SQLAlchemy", exact: true })).toBeChecked();
    await expect(page.getByLabel("Anything else? (optional)")).toHaveValue("typed early");
    await expect(page.getByRole("button", { name: "SQLAlchemy" })).toBeVisible(); // the "chosen" summary saw it too
    // The project ticked before the script came now asks how and how often.
    await expect(
      group(page, "How do you contribute? (SQLAlchemy)").getByRole("checkbox", { name: "Code", exact: true }),
    ).toBeVisible();
  });

  test("an error only the server can find keeps the form as typed", async ({ page, request }) => {
    const token = newToken();
    expect((await request.post("/api/v1/responses", { data: apiBody(token) })).status()).toBe(201);
    await page.goto(`/r/${token}`);
    await hydrated(page);
    await page.getByLabel("Anything else? (optional)").fill("kept after an error");
    // Deleted in another tab meanwhile: the browser's checks pass, the server refuses.
    expect((await request.delete(`/api/v1/responses/${token}`)).status()).toBe(200);
    await page.getByRole("button", { name: "Save my changes" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "This response was deleted." })).toBeVisible();
    await expect(page.getByLabel("Anything else? (optional)")).toHaveValue("kept after an error");
    await expect(page.getByRole("checkbox", { name: "SQLAlchemy", exact: true })).toBeChecked();
  });
});
