// Counting off the request thread, on SQLite and PostgreSQL: the read pool (worker threads with read-only
// connections on SQLite, a read-only pool on PostgreSQL) gives exactly what counting on the calling thread
// gives; identical counts in flight run once; no more parts are counted at once than the gate has slots, and a
// caller that finds every slot busy gets the last complete stored figures with their time, or waits.
// Nothing here depends on timing: counts are held by a latch and released by the test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ROUND_SLUG } from "@/lib/db/catalogue";
import { Prisma } from "@/lib/db/generated/sqlite/client";
import { inThreadReads, openReadPool } from "@/lib/db/read-pool";
import type { ReadPool } from "@/lib/db/read-pool-contract";
import { RecountGate } from "@/lib/db/recount-gate";
import { insertResponsesBulk } from "@/lib/db/responses-bulk";
import { saveResponse } from "@/lib/db/submissions";
import {
  countRespondents,
  countRespondentTally,
  createSummaryLoader,
  getSummary,
  resolveSummaryRequest,
  type ResolvedSummaryFilters,
  type SummarySource,
} from "@/lib/db/summary-queries";
import { snapshotFilterKey } from "@/lib/db/summary-snapshots";
import { publishTally } from "@/lib/survey/cell-key";
import { generateDemoResponses } from "@/lib/survey/demo-generator";
import { hashEditToken } from "@/lib/survey/edit-token";
import { submissionBody } from "@/lib/survey/synthetic-answers";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

const K = 3;

/** A read pool whose statements are counted and, while the latch is closed, held before they run. */
function latchedReads(inner: ReadPool) {
  let open = true;
  let release: () => void = () => undefined;
  let opened = Promise.resolve();
  const state = {
    calls: 0,
    held: 0,
    close() {
      open = false;
      opened = new Promise<void>((resolve) => (release = resolve));
    },
    open() {
      open = true;
      release();
    },
  };
  const reads: ReadPool = {
    size: inner.size,
    async all<T>(statement: Prisma.Sql) {
      state.calls++;
      if (!open) {
        state.held++;
        await opened;
        state.held--;
      }
      return inner.all<T>(statement);
    },
    close: () => inner.close(),
  };
  return { reads, state };
}

/** Yield to I/O until `condition` holds: waits for the other side to get there, whatever the machine's speed. */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; !condition(); turn++) {
    if (turn > 100_000) throw new Error("the condition never came true");
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describeEachDatabase("counting off the request thread", (kind) => {
  let t: TestDatabase;
  let pool: ReadPool;
  let filterSets: ResolvedSummaryFilters[];

  async function filtersFor(query: string): Promise<ResolvedSummaryFilters> {
    const resolved = await resolveSummaryRequest(t.db, new URLSearchParams(query));
    if (!resolved.ok || !resolved.filters) throw new Error(`no filters for ${query}`);
    return resolved.filters;
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    // The open round publishes while open here: these tests are about its figures (docs/privacy.md: open rounds).
    await t.db.round.updateMany({ where: { status: "open" }, data: { publishWhileOpen: true } });
    pool = openReadPool(t, { size: 2 });
    const round = await t.db.round.findUniqueOrThrow({ where: { slug: DEFAULT_ROUND_SLUG } });
    const projects = await t.db.project.findMany({ where: { status: "active" }, orderBy: { position: "asc" } });
    const teams = await t.db.team.findMany({ orderBy: { position: "asc" } });
    const generated = generateDemoResponses(
      { projects, teams },
      { count: 150, seed: 18, start: new Date("2026-03-01T00:00:00Z"), days: 9 },
    );
    await insertResponsesBulk(
      t.db,
      round.id,
      generated.map(({ others: _typed, ...r }, i) => ({ ...r, editTokenHash: hashEditToken(`read-path-${i}`), source: "demo" as const })),
    );
    const [nova, databases] = [teams[0]!.slug, (await t.db.category.findFirstOrThrow({ orderBy: { position: "asc" } })).slug];
    filterSets = await Promise.all(
      [
        "",
        `&team=${nova}`,
        `&category=${databases}`,
        "&employerPaid=yes",
        `&team=${nova}&category=${databases}&employerPaid=no`,
        `&team=${teams.at(-1)!.slug}`,
      ].map((tail) => filtersFor(`round=${DEFAULT_ROUND_SLUG}${tail}`)),
    );
  });
  afterAll(async () => {
    await pool?.close();
    await t?.drop();
  });

  const sourceOver = (reads: ReadPool, slots = reads.size): SummarySource => ({
    db: t.db,
    kind,
    reads,
    recounts: new RecountGate(slots),
  });

  it("gives exactly the figures counting on the calling thread gives, for every filter set", async () => {
    const pooled = sourceOver(pool);
    const inThread = sourceOver(inThreadReads(t.db));
    for (const filters of filterSets) {
      const expected = await getSummary(inThread, filters, K, { snapshots: false });
      expect(await getSummary(pooled, filters, K, { snapshots: false })).toEqual(expected);
    }
    // The figures are real: the round's n, and at least one chart with counts.
    const unfiltered = await getSummary(pooled, filterSets[0]!, K, { snapshots: false });
    expect(await countRespondents(pooled, filterSets[0]!, filterSets[0]!.round.id)).toBe(150);
    expect(unfiltered.respondents).toEqual(publishTally(await countRespondentTally(pooled, filterSets[0]!, filterSets[0]!.round.id), K));
  });

  it("answers many statements at once, more than it has connections, each with its own rows", async () => {
    const round = filterSets[0]!.round.id;
    const statements = Array.from({ length: 12 }, (_, i) =>
      Prisma.sql`SELECT COUNT(*) AS "n" FROM "ResponseProject" WHERE "roundId" = ${round} AND "projectId" > ${i}`,
    );
    const reference = inThreadReads(t.db);
    const expected = await Promise.all(statements.map((s) => reference.all<{ n: unknown }>(s)));
    const pooled = await Promise.all(statements.map((s) => pool.all<{ n: unknown }>(s)));
    expect(pooled.map((rows) => Number(rows[0]?.n))).toEqual(expected.map((rows) => Number(rows[0]?.n)));
  });

  it("cannot write: its connections are read-only", async () => {
    await expect(pool.all(Prisma.sql`DELETE FROM "ResponseTeam" RETURNING "responseId"`)).rejects.toThrow(/read.?only/i);
    expect(await t.db.responseTeam.count()).toBeGreaterThan(0);
  });

  it("counts identical parts in flight once, however many callers ask", async () => {
    const { reads, state } = latchedReads(pool);
    const source = sourceOver(reads, 4);
    // Employer-paid: counted from the rows, every part with statements of its own. A new data version first.
    const filters = filterSets[3]!;
    await saveResponse(t.db, submissionBody(1, DEFAULT_ROUND_SLUG));
    const loaders = Array.from({ length: 5 }, () => createSummaryLoader(source, filters, K));

    state.close();
    const overviews = loaders.map((loader) => loader.overview());
    await until(() => source.recounts.asked === 5 && state.held > 0);
    state.open();
    const answered = await Promise.all(overviews);
    expect(source.recounts.started).toBe(1);
    const overviewCalls = state.calls;
    for (const overview of answered) expect(overview).toEqual(answered[0]);

    state.close();
    const charts = loaders.map((loader) => loader.chart("responses-over-time"));
    await until(() => source.recounts.asked === 10 && state.held > 0);
    state.open();
    const series = await Promise.all(charts);
    expect(source.recounts.started).toBe(2);
    // One statement for the chart, as one caller alone would send.
    expect(state.calls - overviewCalls).toBe(1);
    for (const chart of series) expect(chart).toEqual(series[0]);
  });

  it("counts no more parts at once than the gate has slots; the rest wait, then all are answered", async () => {
    const { reads, state } = latchedReads(pool);
    const source = sourceOver(reads, 1);
    await saveResponse(t.db, submissionBody(3, DEFAULT_ROUND_SLUG));
    state.close();
    // Three different filter sets and no stored figures at this version: each has parts to count.
    const loaders = filterSets.slice(2, 5).map((filters) => createSummaryLoader(source, filters, K));
    const overviews = loaders.map((loader) => loader.overview());
    await until(() => state.held > 0 && source.recounts.waiting === 2);
    expect(source.recounts.active).toBe(1);
    // Only the one part in its slot has sent statements; the other two wait without reading anything.
    const heldBefore = state.held;
    expect(heldBefore).toBeGreaterThan(0);
    expect(state.calls).toBe(heldBefore);
    state.open();
    const answered = await Promise.all(overviews);
    expect(answered.map((o) => o.asOf)).toEqual([null, null, null]);
    expect(source.recounts.active).toBe(0);
    expect(source.recounts.waiting).toBe(0);
  });

  it("answers from the last complete stored figures, with their time, when every slot is busy", async () => {
    const { reads, state } = latchedReads(pool);
    const source = sourceOver(reads, 1);
    const [stale, busy] = [filterSets[0]!, filterSets[5]!];
    const before = await getSummary(source, stale, K);
    expect(before.asOf).toBeNull();
    const storedAt = await t.db.summarySnapshot.findMany({
      where: { filterKey: snapshotFilterKey({ roundId: stale.round.id, teamId: null, categoryId: null, employerPaid: null, k: K }) },
      select: { updatedAt: true },
    });
    // A new answer: every stored figure of the round is now older than the data.
    await saveResponse(t.db, submissionBody(4, DEFAULT_ROUND_SLUG));

    state.close();
    const blocking = getSummary(source, busy, K);
    await until(() => state.held > 0);
    const callsWhileBusy = state.calls;
    const served = await getSummary(source, stale, K);
    // Nothing was counted for it: the stored set was served whole, marked with the time it was stored.
    expect(state.calls).toBe(callsWhileBusy);
    expect({ ...served, asOf: null }).toEqual(before);
    expect(served.asOf).toBe(new Date(Math.min(...storedAt.map((row) => row.updatedAt.getTime()))).toISOString());

    // A filter set with no complete stored set waits for the slot instead.
    const waiting = getSummary(source, filterSets[3]!, K);
    await until(() => source.recounts.waiting > 0);
    state.open();
    await blocking;
    expect((await waiting).asOf).toBeNull();
    // With a free slot again, the same filter set is counted afresh at the current data.
    const fresh = await getSummary(source, stale, K);
    expect(fresh.asOf).toBeNull();
    expect(fresh.respondents).toEqual(publishTally(await countRespondentTally(source, stale, stale.round.id), K));
  });
});

describe("the SQLite read pool's threads", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
  });
  afterAll(async () => t?.drop());

  it("reports a failing statement as its error and goes on answering; once closed, refuses", async () => {
    const pool = openReadPool(t, { size: 1 });
    try {
      await expect(pool.all(Prisma.sql`SELECT * FROM "NoSuchTable"`)).rejects.toThrow(/no such table/);
      const rows = await pool.all<{ n: number }>(Prisma.sql`SELECT COUNT(*) AS "n" FROM "Team"`);
      expect(rows[0]!.n).toBe(await t.db.team.count());
    } finally {
      await pool.close();
    }
    await expect(pool.all(Prisma.sql`SELECT 1`)).rejects.toThrow(/closed/);
  });
});

describe("the PostgreSQL read pool's connections", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
  });
  afterAll(async () => t?.drop());

  // A connection the server ends while idle in the pool (a restart, an idle timeout, an administrator) must cost
  // that connection only: unhandled, the pool's "error" event would end the whole process.
  it("goes on answering after the server ends its idle connections", async () => {
    const pool = openReadPool(t, { size: 2 });
    try {
      await Promise.all([pool.all(Prisma.sql`SELECT pg_sleep(0.05)`), pool.all(Prisma.sql`SELECT pg_sleep(0.05)`)]);
      // The read pool's two connections, chosen first (OFFSET 0 keeps the choice apart from the termination).
      const ended = await t.db.$queryRaw<{ ended: boolean }[]>`
        SELECT pg_terminate_backend(pid) AS "ended" FROM (
          SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'
            AND pid <> pg_backend_pid() AND query = 'SELECT pg_sleep(0.05)' OFFSET 0) AS "counting"`;
      expect(ended).toEqual([{ ended: true }, { ended: true }]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const rows = await pool.all<{ n: unknown }>(Prisma.sql`SELECT COUNT(*) AS "n" FROM "Team"`);
      expect(Number(rows[0]!.n)).toBe(await t.db.team.count());
    } finally {
      await pool.close();
    }
  });
});
