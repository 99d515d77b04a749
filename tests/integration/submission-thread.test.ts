// The submission thread (lib/db/submission-thread.ts): the app's answers are saved by saveResponse on a worker
// thread with a client of its own. Every answer comes back only after its commit (readable at once through
// another connection), refusals come back as results and failures as errors, and a thread that stops fails only
// what it held: the next answer starts a new one. It also counts the submission limit's posts, and the app's other
// writers (here an organiser's deletions, which read before they write) keep working beside its commits.
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { deleteResponseAsOrganiser } from "@/lib/db/admin-responses";
import { getResponseByToken } from "@/lib/db/responses";
import { SubmissionThread } from "@/lib/db/submission-thread";
import { refuseAnswersCommented, sampleAnswer as answer } from "../helpers/sample-answers";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

describeEachDatabase("the submission thread", (kind) => {
  let t: TestDatabase;
  let thread: SubmissionThread;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    thread = new SubmissionThread(t.url);
  });
  afterAll(async () => {
    await thread?.close();
    await t?.drop();
  });

  it("stores concurrent answers and acknowledges each after its commit, edits included", async () => {
    const inputs = Array.from({ length: 60 }, () => answer());
    const results = await Promise.all(inputs.map((input) => thread.save(input)));
    expect(results.every((r) => r.ok && r.created)).toBe(true);
    expect(new Set(results.map((r) => (r.ok ? r.responseId : ""))).size).toBe(60);
    // Read through the test's own connection: every acknowledged answer is already committed.
    for (const [i, input] of inputs.entries()) {
      const stored = await getResponseByToken(t.db, input.token);
      expect(stored?.publicId).toBe(results[i]!.ok ? results[i]!.responseId : "");
      expect(stored?.projects.map((p) => p.project.slug).sort()).toEqual(["libvirt", "pip", "qemu"]);
    }
    const edited = await thread.save({ ...inputs[0]!, comment: "changed" });
    expect(edited).toMatchObject({ ok: true, created: false, responseId: results[0]!.ok ? results[0]!.responseId : "" });
    expect((await getResponseByToken(t.db, inputs[0]!.token))?.comment).toBe("changed");
  });

  it("answers a refusal as a result and writes nothing", async () => {
    const before = await t.db.response.count();
    expect(await thread.save(answer({ round: "no-such-round" }))).toMatchObject({ ok: false, reason: "round-not-found" });
    expect(await thread.save(answer({ projects: [{ slug: "not-in-the-catalogue", kinds: ["code"], frequency: "once" }] }))).toMatchObject({
      ok: false,
      reason: "invalid",
      errors: { "projects.0.slug": expect.stringContaining("not-in-the-catalogue") },
    });
    expect(await t.db.response.count()).toBe(before);
  });

  it("fails only the answer the database refuses, with its error", async () => {
    const stopRefusing = await refuseAnswersCommented(t, kind, "refuse me");
    try {
      const before = await t.db.response.count();
      const inputs = Array.from({ length: 12 }, (_, i) => answer({ comment: i === 5 ? "refuse me" : `fine ${i}` }));
      const settled = await Promise.allSettled(inputs.map((input) => thread.save(input)));
      // The database's error crosses the thread as an Error with Prisma's message and code.
      expect(settled[5]).toMatchObject({ status: "rejected", reason: { message: expect.stringMatching(/\S/) } });
      expect(settled[5]!.status === "rejected" && settled[5]!.reason).toBeInstanceOf(Error);
      expect(settled.filter((_, i) => i !== 5).every((s) => s.status === "fulfilled" && s.value.ok)).toBe(true);
      expect(await t.db.response.count()).toBe(before + 11);
    } finally {
      await stopRefusing();
    }
  });

  it("counts posts under a limit's key, each count written before it is answered", async () => {
    const key = `submission:client:test-${kind}`;
    const counts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? thread.countAttempt(key, { limit: 30, windowMs: 60_000 }) : thread.save(answer()).then(() => null))),
    );
    // Twenty counts, interleaved with answers: each saw its own attempt added, none was lost.
    expect(counts.filter((c) => c !== null).map((c) => c!.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await t.db.rateLimit.findUniqueOrThrow({ where: { key } })).count).toBe(20);
    // A window that has ended starts again at 1.
    expect((await thread.countAttempt(key, { limit: 30, windowMs: 60_000 }, Date.now() + 120_000)).count).toBe(1);
  });

  it("lets an organiser's deletions (read, then write) run beside its commits", async () => {
    // readWriteTransaction's lock taken first is tested on its own in submission-conflicts.test.ts; here, as it
    // comes in the app: an organiser deleting answers on the request thread while answers pour in.
    const organiser = await t.db.organiser.create({ data: { email: `organiser-${kind}@example.org`, passwordHash: "x", role: "admin" } });
    const actor = { id: organiser.id, email: organiser.email, role: organiser.role };
    const doomed = await Promise.all(Array.from({ length: 30 }, () => thread.save(answer())));
    const before = await t.db.response.count();
    const [saved, deletions] = await Promise.all([
      Promise.all(Array.from({ length: 150 }, () => thread.save(answer()))),
      Promise.all(doomed.map((r) => deleteResponseAsOrganiser(t.db, actor, r.ok ? r.responseId : ""))),
    ]);
    expect(saved.every((r) => r.ok && r.created)).toBe(true);
    expect(deletions).toEqual(doomed.map(() => ({ ok: true, value: undefined })));
    expect(await t.db.response.count()).toBe(before + 150 - 30);
    expect(await t.db.auditLog.count({ where: { action: "response.delete" } })).toBe(30);
  });

  it("fails what a stopped thread held, and starts a new one for the next answer", async () => {
    const other = new SubmissionThread(t.url);
    try {
      expect(await other.save(answer())).toMatchObject({ ok: true });
      // Stopped with answers in hand: each is failed, none is acknowledged.
      const held = Promise.allSettled(Array.from({ length: 5 }, () => other.save(answer())));
      await other.close();
      const settled = await held;
      expect(settled.every((s) => s.status === "rejected")).toBe(true);
      await expect(other.save(answer())).rejects.toThrow(/closed/);
    } finally {
      await other.close();
    }
    // A worker that dies on its own (here: its database cannot be opened, so it fails as it starts) fails what it
    // held, and each later answer starts a new worker instead of waiting for the dead one.
    const notADirectory = join(tmpdir(), `census-not-a-directory-${process.pid}`);
    writeFileSync(notADirectory, "");
    const dying = new SubmissionThread(`file:${notADirectory}/census.db`);
    try {
      await expect(dying.save(answer())).rejects.toThrow();
      await expect(dying.save(answer())).rejects.toThrow();
    } finally {
      await dying.close();
      rmSync(notADirectory, { force: true });
    }
  });
});
