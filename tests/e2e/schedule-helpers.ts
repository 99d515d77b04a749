// What the two round-schedule suites (round-schedule.spec.ts, round-not-open-yet.spec.ts) share: each runs its own
// server on its own database, with one organiser who signs in, and sends the same valid answer to the API.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";
import { createOrganiser } from "../../lib/db/admin-organisers";
import { createDb } from "../../lib/db/client";
import { prepareDatabase } from "../../lib/db/prepare";

/** The organiser each suite creates in its own database. */
export const ADMIN = { email: "admin@example.org", password: "correct horse battery" };

/** A complete, valid API answer to `round`; `token` is its edit token, unique per answer. */
export const answer = (round: string, token: string) => ({
  round,
  token,
  teams: ["nova"],
  notOpenStackContributor: false,
  projects: [{ slug: "sqlalchemy", kinds: ["code"], frequency: "regularly" }],
  others: [],
  yearsContributing: 5,
  employerPaid: "partly",
  comment: null,
});

export async function signIn(page: Page, base: string) {
  await page.goto(`${base}/admin/sign-in`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Organiser overview" })).toBeVisible();
}

/**
 * A prepared SQLite database of the suite's own, in a fresh temporary folder, holding the organiser. `remove`
 * disconnects and deletes it; it is removed at once if the organiser cannot be created.
 */
export async function createOwnDatabase(folderPrefix: string) {
  const dir = mkdtempSync(join(tmpdir(), folderPrefix));
  const url = `file:${join(dir, "census.db")}`;
  await prepareDatabase(url);
  const { db } = createDb(url);
  const remove = async () => {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await createOrganiser(db, { ...ADMIN, role: "admin" });
  } catch (error) {
    await remove();
    throw error;
  }
  return { url, db, remove };
}
