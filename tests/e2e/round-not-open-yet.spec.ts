// A round scheduled to open later is announced but takes no answer before then: the organiser schedules it in the
// console, and its public survey page says when it opens, shows no form, and the API refuses an answer to it,
// saying when it opens.
// Runs its own server (port E2E_NOT_OPEN_PORT, default E2E_PORT + 2) on its own database, so the shared demo
// server keeps a single round with no closing time for the other suites.
import { expect, test, type Page } from "@playwright/test";
import { formatUtc, parseUtcInput, toUtcInput } from "../../lib/survey/round-schedule";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { answer, createOwnDatabase, signIn } from "./schedule-helpers";

const OPEN_ROUND = "openstack-2026";
const NEXT_ROUND = "openstack-2027";
const port = String(process.env.E2E_NOT_OPEN_PORT ?? Number(process.env.E2E_PORT ?? 3210) + 2);
const DAY = 24 * 60 * 60_000;

/** Saves a round's schedule on its console page; the form takes UTC times to the minute. */
async function saveSchedule(page: Page, base: string, slug: string, times: { opensAt?: Date; closesAt?: Date }) {
  await page.goto(`${base}/admin/rounds/${slug}`);
  const form = page.getByRole("form", { name: /^Schedule of / });
  if (times.opensAt) await form.getByLabel("Opens at (UTC)").fill(toUtcInput(times.opensAt));
  if (times.closesAt) await form.getByLabel("Closes at (UTC)").fill(toUtcInput(times.closesAt));
  await form.getByRole("button", { name: "Save schedule" }).click();
  await expect(form.getByRole("status")).toHaveText("Schedule saved.");
}

test("a round scheduled to open tomorrow says when it opens and accepts no answer until then", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const { url, db, remove } = await createOwnDatabase("census-e2e-not-open-");
  let server: AppServer | null = null;
  try {
    server = await startAppServer(url, { PORT: port });
    await signIn(page, server.url);

    // Only one round may be open at a time: the current round gets a closing time, then the next one opens after it.
    const now = Date.now();
    await saveSchedule(page, server.url, OPEN_ROUND, { closesAt: new Date(now + DAY) });
    await page.goto(`${server.url}/admin/rounds`);
    const create = page.getByRole("form", { name: "Create round" });
    await create.getByLabel("Id").fill(NEXT_ROUND);
    await create.getByLabel("Title").fill("OpenStack upstream contributions 2027");
    await create.getByRole("button", { name: "Create round" }).click();
    await expect(page.locator(`tr[data-round="${NEXT_ROUND}"]`)).toBeVisible();
    const opensAt = parseUtcInput(toUtcInput(new Date(now + 2 * DAY)));
    if (!opensAt) throw new Error("toUtcInput wrote a time parseUtcInput cannot read");
    await saveSchedule(page, server.url, NEXT_ROUND, { opensAt, closesAt: new Date(now + 30 * DAY) });
    await page.goto(`${server.url}/admin/rounds`);
    await expect(page.locator(`tr[data-round="${NEXT_ROUND}"] td`).nth(1)).toHaveText("scheduled");

    // A respondent (no organiser session) sees when the round opens and nothing to answer.
    const respondent = await browser.newContext();
    try {
      const survey = await respondent.newPage();
      const shown = await survey.goto(`${server.url}/survey/${NEXT_ROUND}`);
      expect(shown?.status()).toBe(200);
      await expect(survey.getByRole("heading", { level: 1 })).toHaveText("This survey is not open yet");
      await expect(survey.getByRole("main")).toContainText(
        `“OpenStack upstream contributions 2027” opens on ${formatUtc(opensAt)}`,
      );
      await expect(survey.locator("main time")).toHaveAttribute("datetime", opensAt.toISOString());
      await expect(survey.locator("main form")).toHaveCount(0);
      await expect(survey.getByRole("main").getByRole("button")).toHaveCount(0);
    } finally {
      await respondent.close();
    }

    // An answer sent straight to the API is refused and nothing is stored; the current round still takes answers.
    const refused = await request.post(`${server.url}/api/v1/responses`, {
      data: answer(NEXT_ROUND, "notOpenYetAnswer000001"),
    });
    expect(refused.status()).toBe(409);
    // Still the closed round's code, but the message says when it opens instead of that it is closed.
    expect(await refused.json()).toEqual({
      error: { code: "round_closed", message: `This survey round is not open yet; it opens at ${formatUtc(opensAt)}.` },
    });
    const next = await db.round.findUniqueOrThrow({ where: { slug: NEXT_ROUND } });
    expect(await db.response.count({ where: { roundId: next.id } })).toBe(0);
    const accepted = await request.post(`${server.url}/api/v1/responses`, {
      data: answer(OPEN_ROUND, "stillOpenAnswer0000001"),
    });
    expect(accepted.status()).toBe(201);
  } finally {
    await server?.stop();
    await remove();
  }
});
