// A round scheduled to close closes on time with no process running at that moment: the organiser sets the
// closing time, the server stops, the time passes, and a fresh server process refuses answers and says so.
// Runs its own server (port E2E_SCHEDULE_PORT, default E2E_PORT + 1) on its own database, so the shared demo
// server's round stays open for the other suites.
import { expect, test } from "@playwright/test";
import { toUtcInput } from "../../lib/survey/round-schedule";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { answer, createOwnDatabase, signIn } from "./schedule-helpers";

const ROUND = "openstack-2026";
const port = String(process.env.E2E_SCHEDULE_PORT ?? Number(process.env.E2E_PORT ?? 3210) + 1);

test("a round scheduled to close a minute ahead is closed after it, on a fresh server process", async ({ page, request }) => {
  test.setTimeout(180_000);
  const { url, db, remove } = await createOwnDatabase("census-e2e-schedule-");
  let server: AppServer | null = null;
  try {
    server = await startAppServer(url, { PORT: port });
    await signIn(page, server.url);

    // The organiser schedules the close on the round's page, in UTC, to the minute: two minutes ahead, so at least one.
    await page.goto(`${server.url}/admin/rounds/${ROUND}`);
    const closesAt = new Date(Date.now() + 2 * 60_000);
    const form = page.getByRole("form", { name: /^Schedule of / });
    await form.getByLabel("Closes at (UTC)").fill(toUtcInput(closesAt));
    await form.getByRole("button", { name: "Save schedule" }).click();
    await expect(form.getByRole("status")).toHaveText("Schedule saved.");
    await page.reload();
    await expect(page.getByText(`Closes: ${toUtcInput(closesAt).replace("T", " ")} UTC`)).toBeVisible();
    expect((await request.post(`${server.url}/api/v1/responses`, { data: answer(ROUND, "scheduleOpenAnswer0001") })).status()).toBe(201);
    await server.stop();
    server = null;

    // The minute passes while no server runs (the stored closing time is moved to a few seconds from now instead
    // of waiting the whole minute; the rule is the same).
    const round = await db.round.findUniqueOrThrow({ where: { slug: ROUND } });
    expect(round.closesAt?.toISOString().slice(0, 16)).toBe(toUtcInput(closesAt));
    await db.round.update({ where: { id: round.id }, data: { closesAt: new Date(Date.now() + 3_000) } });
    await new Promise((resolve) => setTimeout(resolve, 3_500));

    server = await startAppServer(url, { PORT: port });
    const refused = await request.post(`${server.url}/api/v1/responses`, { data: answer(ROUND, "scheduleLateAnswer0001") });
    expect(refused.status()).toBe(409);
    await page.goto(`${server.url}/survey/${ROUND}`);
    await expect(page.getByRole("heading", { name: "This survey is closed" })).toBeVisible();
    // Still signed in: the session survives the restart (sessions are signed cookies, not process memory).
    await page.goto(`${server.url}/admin/rounds`);
    await expect(page.locator(`tr[data-round="${ROUND}"] td`).nth(1)).toHaveText("closed");
    // The fresh process recorded the close once, at start-up, by the schedule.
    const closes = await db.auditLog.findMany({ where: { action: "round.close", target: `round:${ROUND}` } });
    expect(closes).toHaveLength(1);
    expect(JSON.parse(closes[0]?.after ?? "{}")).toMatchObject({ by: "schedule" });
  } finally {
    await server?.stop();
    await remove();
  }
});
