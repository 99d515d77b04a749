// The SQLite writer thread: the app's client hands submissions and rate-limit counts to a worker thread with
// its own connection, answers come back only after its commit, the request thread stays free while the writer
// waits for the database, and the request thread's own transactions still work beside it.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adapterTransaction } from "@/lib/db/adapter-transaction";
import { connectSqliteShared, createDb, sqliteFilePath, type DbHandle } from "@/lib/db/client";
import { delegatedWritesOf } from "@/lib/db/delegated-writes";
import { deleteResponse, getResponseByToken, saveResponse, submissionsThrough } from "@/lib/db/responses";
import { writeSubmissionsInThread } from "@/lib/db/submission-thread";
import { hashEditToken, newEditToken } from "@/lib/survey/edit-token";
import { responseInputSchema, type ResponseInput } from "@/lib/survey/response-schema";
import { createTestDatabase, type TestDatabase } from "../helpers/test-databases";

const answer = (overrides: Partial<ResponseInput> = {}): ResponseInput =>
  responseInputSchema.parse({
    round: "openstack-2026",
    token: newEditToken(),
    teams: ["nova"],
    notOpenStackContributor: false,
    projects: [
      { slug: "qemu", kinds: ["code"], frequency: "regularly" },
      { slug: "libvirt", kinds: ["review"], frequency: "once" },
    ],
    others: ["pypa/pip"],
    yearsContributing: 3,
    employerPaid: "yes",
    comment: null,
    ...overrides,
  });

describe("SQLite writer thread", () => {
  let t: TestDatabase;
  let app: DbHandle;
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    // A second client on the file, as the app's own: its submissions go to the writer thread.
    app = createDb(t.url);
    writeSubmissionsInThread(app);
  });
  afterAll(async () => {
    await app?.db.$disconnect();
    await t?.drop();
  });

  it("is used only for SQLite, once per client", () => {
    expect(delegatedWritesOf(app.db)).toBeDefined();
    const first = delegatedWritesOf(app.db);
    writeSubmissionsInThread(app);
    expect(delegatedWritesOf(app.db)).toBe(first);
    expect(delegatedWritesOf(t.db)).toBeUndefined();
  });

  it("stores concurrent submissions and answers each after its commit, edits included", async () => {
    const inputs = Array.from({ length: 60 }, () => answer());
    const results = await Promise.all(inputs.map((input) => saveResponse(app.db, input)));
    expect(results.every((r) => r.ok && r.created)).toBe(true);
    expect(new Set(results.map((r) => (r.ok ? r.responseId : ""))).size).toBe(60);
    // Read through the other connection: every acknowledged answer is already committed.
    for (const [i, input] of inputs.entries()) {
      const stored = await getResponseByToken(t.db, input.token);
      expect(stored?.publicId).toBe(results[i]!.ok ? results[i]!.responseId : "");
      expect(stored?.projects.map((p) => p.project.slug).sort()).toEqual(["libvirt", "pip", "qemu"]);
    }
    const edited = await saveResponse(app.db, { ...inputs[0]!, comment: "changed" });
    expect(edited).toMatchObject({ ok: true, created: false, responseId: results[0]!.ok ? results[0]!.responseId : "" });
    expect((await getResponseByToken(t.db, inputs[0]!.token))?.comment).toBe("changed");
    // Refusals come back as results, not errors, and write nothing.
    const before = await t.db.response.count();
    expect(await saveResponse(app.db, answer({ round: "no-such-round" }))).toMatchObject({ ok: false, reason: "round-not-found" });
    expect(await t.db.response.count()).toBe(before);
  });

  it("stores exactly the rows the in-process path stores", async () => {
    const viaPrisma = answer({ comment: "same, \"quoted\"", teams: ["nova", "neutron"], others: ["pypa/pip", "my own tool"] });
    const viaThread = { ...viaPrisma, token: newEditToken() };
    expect(await saveResponse(t.db, viaPrisma)).toMatchObject({ ok: true });
    expect(await saveResponse(app.db, viaThread)).toMatchObject({ ok: true });
    const raw = new Database(sqliteFilePath(t.url), { readonly: true });
    try {
      const rowsOf = (token: string) => {
        const response = raw.prepare(`SELECT * FROM "Response" WHERE "editTokenHash" = ?`).get(hashEditToken(token)) as Record<string, unknown>;
        const children = (table: string) =>
          (raw.prepare(`SELECT * FROM "${table}" WHERE "responseId" = ?`).all(response.id) as Record<string, unknown>[])
            .map(({ responseId: _r, id: _i, ...rest }) => rest)
            .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
        const { id: _id, publicId: _p, editTokenHash: _h, createdAt, updatedAt, ...rest } = response;
        // Timestamps differ by the instant, not by how they are written.
        const shape = (value: unknown) => String(value).replace(/\d/g, "9");
        return {
          response: { ...rest, createdAt: shape(createdAt), updatedAt: shape(updatedAt) },
          projects: children("ResponseProject"),
          teams: children("ResponseTeam"),
          others: children("OtherEntry"),
          categories: children("ResponseCategory"),
          pairs: children("ResponsePair"),
        };
      };
      const expected = rowsOf(viaPrisma.token);
      expect(expected.projects.length).toBe(3);
      expect(rowsOf(viaThread.token)).toEqual(expected);
    } finally {
      raw.close();
    }
  });

  it("rolls back a batch the database refuses one answer of, and saves the others", async () => {
    await t.db.$executeRawUnsafe(
      `CREATE TRIGGER "test_refuse" BEFORE INSERT ON "Response" WHEN NEW."comment" = 'refuse me' BEGIN SELECT RAISE(ABORT, 'refused'); END`,
    );
    try {
      const before = await t.db.response.count();
      const inputs = Array.from({ length: 12 }, (_, i) => answer({ comment: i === 5 ? "refuse me" : `fine ${i}` }));
      const settled = await Promise.allSettled(inputs.map((input) => saveResponse(app.db, input)));
      expect(settled[5]).toMatchObject({ status: "rejected", reason: { message: expect.stringMatching(/refused/) } });
      expect(settled.filter((_, i) => i !== 5).every((r) => r.status === "fulfilled" && r.value.ok)).toBe(true);
      expect(await t.db.response.count()).toBe(before + 11);
      expect(await getResponseByToken(t.db, inputs[5]!.token)).toBeNull();
      // The connection is usable afterwards: no transaction was left open.
      expect(await saveResponse(app.db, answer())).toMatchObject({ ok: true });
    } finally {
      await t.db.$executeRawUnsafe(`DROP TRIGGER "test_refuse"`);
    }
  });

  it("never stores a double submission twice", async () => {
    const input = answer();
    const before = await t.db.response.count();
    const results = await Promise.all(Array.from({ length: 8 }, () => saveResponse(app.db, input)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => (r.ok ? r.responseId : ""))).size).toBe(1);
    expect(await t.db.response.count()).toBe(before + 1);
  });

  it("keeps the request thread free while the writer waits for the database's write lock", async () => {
    // Another connection holds the write lock; the writer thread waits in SQLite's busy timeout meanwhile.
    const holder = new Database(sqliteFilePath(t.url));
    holder.prepare("BEGIN IMMEDIATE").run();
    const input = answer();
    let settled = false;
    const saving = saveResponse(app.db, input).finally(() => {
      settled = true;
    });
    const ticks: number[] = [];
    const started = performance.now();
    while (performance.now() - started < 300) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      ticks.push(performance.now());
    }
    // The event loop kept turning (no gap near the writer's wait) and the answer is not acknowledged yet.
    expect(Math.max(...ticks.map((tick, i) => tick - (ticks[i - 1] ?? started)))).toBeLessThan(100);
    expect(settled).toBe(false);
    holder.prepare("COMMIT").run();
    holder.close();
    expect(await saving).toMatchObject({ ok: true, created: true });
    expect(await getResponseByToken(t.db, input.token)).not.toBeNull();
  });

  it("fails a transaction whose write lock stays busy past the timeout, and leaves the connection usable", async () => {
    // A short busy timeout on both kinds of connection: the request thread's client and the writer's adapter.
    const client = createDb(t.url, { sqliteBusyTimeoutMs: 150 });
    const writer = await connectSqliteShared(t.url, { sqliteBusyTimeoutMs: 150 });
    const save = submissionsThrough(adapterTransaction(writer.adapter));
    const countInTransaction = () => client.db.$transaction([client.db.rateLimit.deleteMany({ where: { key: "none" } })]);
    const holder = new Database(sqliteFilePath(t.url));
    try {
      holder.prepare("BEGIN IMMEDIATE").run();
      await expect(save(answer())).rejects.toThrow(/lock|busy/i);
      await expect(countInTransaction()).rejects.toThrow();
      holder.prepare("COMMIT").run();
      // Neither connection was left holding its adapter's lock: the next transactions run.
      expect(await save(answer())).toMatchObject({ ok: true, created: true });
      expect(await countInTransaction()).toEqual([{ count: 0 }]);
    } finally {
      if (holder.inTransaction) holder.prepare("ROLLBACK").run();
      holder.close();
      await client.db.$disconnect();
      await writer.db.$disconnect();
    }
  });

  it("lets the request thread's own read-then-write transactions run beside the writer", async () => {
    // Deletes read the response, then write: with deferred transactions they failed at once (SQLITE_BUSY_SNAPSHOT)
    // whenever the writer committed in between. Each transaction now takes the write lock at BEGIN.
    const doomed = Array.from({ length: 30 }, () => answer());
    for (const input of doomed) expect(await saveResponse(app.db, input)).toMatchObject({ ok: true });
    const saves = Array.from({ length: 150 }, () => saveResponse(app.db, answer()));
    const deletes = doomed.map((input) => deleteResponse(app.db, { token: input.token }, "respondent"));
    const [saved, deleted] = await Promise.all([Promise.all(saves), Promise.all(deletes)]);
    expect(saved.every((r) => r.ok)).toBe(true);
    expect(deleted).toEqual(doomed.map(() => ({ ok: true })));
  });
});
