// Two clients writing one database at once, each on a thread of its own, as the app's request thread and its
// submission thread do, or two app instances, or a script beside the server: the same edit token submitted through
// both is stored once, read-then-write transactions of one are not failed by the other's commits, and a write lock
// held past the busy timeout fails that write without breaking the client. (Two clients of one SQLite file on one
// thread cannot wait for each other: SQLite's busy wait would hold the very thread the other needs.)
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqliteFilePath } from "@/lib/db/client";
import { deleteResponse, getResponseByToken } from "@/lib/db/responses";
import { deleteResponseFromApi, submitResponseFromApi } from "@/lib/db/responses-endpoints";
import { SubmissionThread } from "@/lib/db/submission-thread";
import { saveResponse } from "@/lib/db/submissions";
import { DatabaseBusy } from "@/lib/db/database-busy";
import { readWriteTransaction } from "@/lib/db/transaction";
import { sampleAnswer as answer } from "../helpers/sample-answers";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

describeEachDatabase("two clients writing at once", (kind) => {
  let t: TestDatabase;
  let other: SubmissionThread;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    other = new SubmissionThread(t.url);
  });
  afterAll(async () => {
    await other?.close();
    await t?.drop();
  });

  it("stores a token submitted through both once, and answers every submission", async () => {
    const inputs = Array.from({ length: 40 }, () => answer());
    const before = await t.db.response.count();
    const results = await Promise.all(
      inputs.flatMap((input, i) => [
        saveResponse(t.db, { ...input, comment: `first ${i}` }),
        other.save({ ...input, comment: `second ${i}` }),
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
    const saves = Array.from({ length: 150 }, () => other.save(answer()));
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

  it("takes the write lock first, so another connection's commit waits for it instead of making it fail", async () => {
    // On SQLite a transaction that read before another connection committed is refused at its first write; this
    // one holds the file's write lock from its start, and the other connection's write waits. On PostgreSQL only
    // row locks are taken, and the other connection does not wait.
    const other = new SubmissionThread(t.url);
    let attempts = 0;
    let otherCommitted = false;
    let otherCommittedFirst = false;
    try {
      let counting: Promise<unknown> | undefined;
      const seen = await readWriteTransaction(t.db, async (tx) => {
        attempts++;
        const count = await tx.responseTombstone.count({ where: { editTokenHash: { startsWith: "conflict:" } } });
        counting = other.countAttempt("conflict:other", { limit: 30, windowMs: 60_000 }).then(() => (otherCommitted = true));
        // Long enough for the other connection to commit, were it not waiting for this transaction's lock.
        await new Promise((resolve) => setTimeout(resolve, 300));
        otherCommittedFirst = otherCommitted;
        await tx.responseTombstone.create({ data: { editTokenHash: `conflict:mine-after-${count}`, deletedBy: "organiser" } });
        return count;
      });
      await counting;
      expect({ attempts, seen }).toEqual({ attempts: 1, seen: 0 });
      if (kind === "sqlite") expect(otherCommittedFirst).toBe(false);
      expect(await t.db.rateLimit.count({ where: { key: "conflict:other" } })).toBe(1);
    } finally {
      await other.close();
    }
  });
});

/** Another connection, on a thread of its own, that takes the file's write lock and holds it until told to let go. */
function lockHolder(file: string) {
  const worker = new Worker(
    `const { parentPort, workerData } = require("node:worker_threads");
     const db = new (require("better-sqlite3"))(workerData);
     parentPort.on("message", (m) => {
       if (m === "hold") { db.prepare("BEGIN IMMEDIATE").run(); parentPort.postMessage("held"); }
       if (m === "release") { db.prepare("COMMIT").run(); parentPort.postMessage("released"); }
       if (typeof m === "number") setTimeout(() => { db.prepare("COMMIT").run(); parentPort.postMessage("released"); }, m);
     });`,
    { eval: true, workerData: file },
  );
  const next = () => new Promise((resolve) => worker.once("message", resolve));
  return {
    hold: async () => {
      worker.postMessage("hold");
      await next();
    },
    /** Commit now, or after `ms` milliseconds (while this thread may be blocked waiting for the lock). */
    release: (ms?: number) => {
      const released = next();
      worker.postMessage(ms ?? "release");
      return released;
    },
    close: () => worker.terminate(),
  };
}

describe("a SQLite write lock held by another connection", () => {
  let t: TestDatabase;
  let holder: ReturnType<typeof lockHolder>;
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    holder = lockHolder(sqliteFilePath(t.url));
  });
  afterAll(async () => {
    await holder?.close();
    await t?.drop();
  });

  it("is waited for: the submission is stored once the other connection commits", async () => {
    await holder.hold();
    const input = answer();
    // The other connection commits after 200 ms, while this thread waits for its lock.
    const released = holder.release(200);
    expect(await saveResponse(t.db, input)).toMatchObject({ ok: true, created: true });
    await released;
    expect(await getResponseByToken(t.db, input.token)).not.toBeNull();
  });

  it("fails a submission still waiting for it after the busy timeout, and leaves the client usable", async () => {
    await holder.hold();
    try {
      await expect(saveResponse(t.db, answer())).rejects.toThrow(/busy/i);
    } finally {
      await holder.release();
    }
    const input = answer();
    expect(await saveResponse(t.db, input)).toMatchObject({ ok: true, created: true });
    expect(await getResponseByToken(t.db, input.token)).not.toBeNull();
  });

  it("answers the API's POST, through the submission thread, and DELETE with 503 unavailable, writing nothing", async () => {
    const kept = answer();
    expect(await saveResponse(t.db, kept)).toMatchObject({ ok: true });
    const before = await t.db.response.count();
    const thread = new SubmissionThread(t.url);
    await holder.hold();
    try {
      const busy = { status: 503, body: { error: { code: "unavailable" } }, headers: { "Retry-After": "5" } };
      const [posted, removed] = await Promise.all([
        submitResponseFromApi(t.db, answer(), (input) => thread.save(input)),
        deleteResponseFromApi(t.db, kept.token),
      ]);
      expect(posted).toMatchObject(busy);
      expect(removed).toMatchObject(busy);
    } finally {
      await holder.release();
      await thread.close();
    }
    expect(await t.db.response.count()).toBe(before);
    expect(await getResponseByToken(t.db, kept.token)).not.toBeNull();
  });
});

describe("PostgreSQL with every pooled connection of the client in use", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
  });
  afterAll(async () => t?.drop());

  /** Open `count` transactions on the client and keep them open until the returned release() is called. */
  async function holdConnections(count: number) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let opened = 0;
    let allOpen!: () => void;
    const open = new Promise<void>((resolve) => (allOpen = resolve));
    const holders = Array.from({ length: count }, () =>
      t.db.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT 1`;
          if (++opened === count) allOpen();
          await released;
        },
        { maxWait: 10_000, timeout: 60_000 },
      ),
    );
    await open;
    return async () => {
      release();
      await Promise.all(holders);
    };
  }

  // Only transactions run while the pool is taken: a plain query would wait for a connection until one is free.
  // So does a transaction (the adapter's pool waits without limit); one that got its connection after its wait
  // (maxWait) was over is refused with P2028 and writes nothing.
  it("fails a read-then-write transaction that got no connection within its wait with DatabaseBusy, writing nothing", async () => {
    const release = await holdConnections(10);
    let write: Promise<unknown>;
    try {
      write = readWriteTransaction(
        t.db,
        (tx) => tx.$executeRaw`INSERT INTO "ResponseTombstone" ("editTokenHash", "deletedBy") VALUES ('never-written', 'test')`,
        { maxWait: 300 },
      );
      write.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    } finally {
      await release();
    }
    await expect(write).rejects.toBeInstanceOf(DatabaseBusy);
    expect(await t.db.responseTombstone.count({ where: { editTokenHash: "never-written" } })).toBe(0);
    expect(await saveResponse(t.db, answer())).toMatchObject({ ok: true, created: true });
  });

  it("fails one that runs past its timeout with DatabaseBusy, and rolls it back", async () => {
    const slow = readWriteTransaction(
      t.db,
      async (tx) => {
        await tx.$executeRaw`INSERT INTO "ResponseTombstone" ("editTokenHash", "deletedBy") VALUES ('never-kept', 'test')`;
        await tx.$queryRaw`SELECT pg_sleep(0.5)::text`;
      },
      { timeout: 100 },
    );
    await expect(slow).rejects.toBeInstanceOf(DatabaseBusy);
    expect(await t.db.responseTombstone.count({ where: { editTokenHash: "never-kept" } })).toBe(0);
  });
});
