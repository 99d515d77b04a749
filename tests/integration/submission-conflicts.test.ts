// Two clients writing one database at once, as two app instances do, or a script beside the server: the same
// edit token submitted through both is stored once, read-then-write transactions of one are not failed by the
// other's commits, and a write lock held past the busy timeout fails that write without breaking the client.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, sqliteFilePath, type DbHandle } from "@/lib/db/client";
import { deleteResponse, getResponseByToken } from "@/lib/db/responses";
import { saveResponse } from "@/lib/db/submissions";
import { readWriteTransaction } from "@/lib/db/transaction";
import { sampleAnswer as answer } from "../helpers/sample-answers";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

describeEachDatabase("two clients writing at once", (kind) => {
  let t: TestDatabase;
  let other: DbHandle;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    other = createDb(t.url);
  });
  afterAll(async () => {
    await other?.db.$disconnect();
    await t?.drop();
  });

  it("stores a token submitted through both once, and answers every submission", async () => {
    const inputs = Array.from({ length: 40 }, () => answer());
    const before = await t.db.response.count();
    const results = await Promise.all(
      inputs.flatMap((input, i) => [
        saveResponse(t.db, { ...input, comment: `first ${i}` }),
        saveResponse(other.db, { ...input, comment: `second ${i}` }),
      ]),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await t.db.response.count()).toBe(before + inputs.length);
    for (const [i, input] of inputs.entries()) {
      const [first, second] = [results[2 * i]!, results[2 * i + 1]!];
      // One of the two created the response, the other replaced its answer; both name the same response.
      expect([first, second].filter((r) => r.ok && r.created)).toHaveLength(1);
      expect(first.ok && second.ok && first.responseId === second.responseId).toBe(true);
      const stored = await getResponseByToken(t.db, input.token);
      expect([`first ${i}`, `second ${i}`]).toContain(stored?.comment);
      expect(stored?.projects.map((p) => p.project.slug).sort()).toEqual(["libvirt", "pip", "qemu"]);
    }
  });

  it("runs one client's read-then-write transactions while the other commits", async () => {
    const doomed = Array.from({ length: 30 }, () => answer());
    for (const input of doomed) expect(await saveResponse(t.db, input)).toMatchObject({ ok: true });
    const saves = Array.from({ length: 150 }, () => saveResponse(other.db, answer()));
    const deletes = doomed.map((input) => deleteResponse(t.db, { token: input.token }, "respondent"));
    const [saved, deleted] = await Promise.all([Promise.all(saves), Promise.all(deletes)]);
    expect(saved.every((r) => r.ok)).toBe(true);
    expect(deleted).toEqual(doomed.map(() => ({ ok: true })));
  });
});

describeEachDatabase("a read-then-write transaction", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.drop());

  it("runs again from the start when another connection commits between its read and its write", async () => {
    const other = createDb(t.url);
    let attempts = 0;
    try {
      const seen = await readWriteTransaction(t.db, async (tx) => {
        attempts++;
        const count = await tx.responseTombstone.count({ where: { editTokenHash: { startsWith: "conflict:" } } });
        // The first time only, another connection commits a row after this transaction has read.
        if (attempts === 1) await other.db.responseTombstone.create({ data: { editTokenHash: "conflict:other", deletedBy: "organiser" } });
        await tx.responseTombstone.create({ data: { editTokenHash: `conflict:mine-after-${count}`, deletedBy: "organiser" } });
        return count;
      });
      // SQLite refuses the first attempt's write (its snapshot is stale) and the second sees the other's row;
      // PostgreSQL's READ COMMITTED lets the first attempt write.
      expect({ attempts, seen }).toEqual(kind === "sqlite" ? { attempts: 2, seen: 1 } : { attempts: 1, seen: 0 });
      expect(await t.db.responseTombstone.count({ where: { editTokenHash: { startsWith: "conflict:" } } })).toBe(2);
    } finally {
      await other.db.$disconnect();
    }
  });
});

describe("a SQLite write lock held by another connection", () => {
  let t: TestDatabase;
  let holder: Database.Database;
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    holder = new Database(sqliteFilePath(t.url));
  });
  afterAll(async () => {
    if (holder?.inTransaction) holder.prepare("ROLLBACK").run();
    holder?.close();
    await t?.drop();
  });

  it("is waited for: the submission is stored once the other connection commits", async () => {
    holder.prepare("BEGIN IMMEDIATE").run();
    holder.prepare(`DELETE FROM "ResponseTombstone" WHERE "editTokenHash" = 'none'`).run();
    const input = answer();
    const saving = saveResponse(t.db, input);
    // The other connection commits only after the submission has met its lock at least once.
    setTimeout(() => holder.prepare("COMMIT").run(), 200);
    expect(await saving).toMatchObject({ ok: true, created: true });
    expect(holder.inTransaction).toBe(false);
    expect(await getResponseByToken(t.db, input.token)).not.toBeNull();
  });

  it("fails a submission still waiting for it after the busy timeout, and leaves the client usable", async () => {
    holder.prepare("BEGIN IMMEDIATE").run();
    try {
      await expect(saveResponse(t.db, answer())).rejects.toThrow(/timed out|locked|busy/i);
    } finally {
      holder.prepare("COMMIT").run();
    }
    const input = answer();
    expect(await saveResponse(t.db, input)).toMatchObject({ ok: true, created: true });
    expect(await getResponseByToken(t.db, input.token)).not.toBeNull();
  });
});
