// On PostgreSQL new answers are added to RoundTotal in folds after their transactions (lib/db/round-totals-fold.ts,
// prisma/postgres/migrations/20261207010000_new_answers_counted_in_folds). A fold and a transaction changing the
// rows of a pending answer can meet; whichever comes first, the answer must be counted exactly once. These tests
// hold each side open on a connection of its own and let the other run. (round-totals.test.ts checks what the
// totals hold against counting in JavaScript, with folds at random points between writes, on both databases.)
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ROUND_SLUG } from "@/lib/db/catalogue";
import { recategoriseProject } from "@/lib/db/admin-catalogue";
import { createOrganiser } from "@/lib/db/admin-organisers";
import { createDb, type Db, type Tx } from "@/lib/db/client";
import { insertAnswerRows, insertResponseRows } from "@/lib/db/response-rows";
import { deleteResponse } from "@/lib/db/responses";
import { foldPendingTotals, PendingTotalsFolder } from "@/lib/db/round-totals-fold";
import { saveResponse } from "@/lib/db/submissions";
import { hashEditToken } from "@/lib/survey/edit-token";
import { submissionBody } from "@/lib/survey/synthetic-answers";
import { createTestDatabase, type TestDatabase } from "../helpers/test-databases";

describe("new answers folded into the round totals [postgres]", () => {
  let t: TestDatabase;
  let other: { db: Db };
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    other = createDb(t.url);
  });
  afterAll(async () => {
    await other?.db.$disconnect();
    await t?.drop();
  });

  /** The live totals, RoundTotal alone, and every response's cells counted afresh, each as sorted text. */
  async function totals() {
    const read = async (from: string) =>
      (
        await t.db.$queryRawUnsafe<{ cell: string }[]>(
          `SELECT concat_ws('|', "roundId", "teamId", "cell", "a", "b", "respondents", "keySum") AS "cell" FROM (${from}) x
           WHERE "respondents" <> 0 ORDER BY 1`,
        )
      ).map((row) => row.cell);
    return {
      live: await read(`SELECT * FROM "RoundTotalLive"`),
      folded: await read(`SELECT * FROM "RoundTotal"`),
      afresh: await read(`SELECT "roundId", "teamId", "cell", "a", "b", SUM("respondents") AS "respondents", SUM("keySum") AS "keySum"
        FROM "census_response_cells"(ARRAY(SELECT "id" FROM "Response")) GROUP BY 1, 2, 3, 4, 5`),
    };
  }
  const pending = async () => Number((await t.db.$queryRaw<{ n: bigint }[]>`SELECT COUNT(*) AS "n" FROM "RoundTotalPending"`)[0]!.n);

  let serial = 0;
  async function savePendingAnswer(): Promise<string> {
    const saved = await saveResponse(t.db, submissionBody(serial++, DEFAULT_ROUND_SLUG));
    if (!saved.ok) throw new Error(saved.message);
    return (await t.db.response.findUniqueOrThrow({ where: { publicId: saved.responseId } })).id;
  }

  /** Wait until a backend of this database is waiting for a lock (the other side's); fail if none does within 10 s. */
  async function someoneWaitsForALock(): Promise<void> {
    for (let tries = 0; ; tries++) {
      if (tries === 500) throw new Error("no transaction waited for the fold's lock");
      const [row] = await t.db.$queryRaw<{ n: bigint }[]>`
        SELECT COUNT(*) AS "n" FROM pg_stat_activity WHERE "datname" = current_database() AND "wait_event_type" = 'Lock'`;
      if (row!.n > 0n) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** A promise a test resolves when it chooses: one side of a race waits on it while the other runs. */
  function gate() {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { opened, open };
  }

  /** A complete response's own row, written as the app writes it, in `tx`. */
  const insertResponse = (tx: Tx, id: string, roundId: number, editTokenHash: string, source: "web" | "import") =>
    insertResponseRows(tx, [
      {
        responseId: id,
        publicId: id,
        roundId,
        editTokenHash,
        source,
        importKey: null,
        createdAt: new Date(),
        fields: { notOpenStackContributor: false, yearsContributing: 3, employerPaid: "no", comment: null, projectCount: 1, nothingOutsideOpenStack: false, isComplete: true },
      },
    ]);
  /** Its answer: one project, one team. */
  const insertAnswer = (tx: Tx, id: string, roundId: number, projectId: number, teamId: number) =>
    insertAnswerRows(tx, [{ responseId: id, roundId, selections: [{ projectId, kinds: ["code"], frequency: "once" }], teamIds: [teamId], others: [] }]);

  it("are counted by readers before any fold, and once after it", async () => {
    await foldPendingTotals(t.db);
    for (let i = 0; i < 5; i++) await savePendingAnswer();
    expect(await pending()).toBe(5);
    const before = await totals();
    expect(before.live).toEqual(before.afresh);
    expect(before.folded).not.toEqual(before.afresh);
    expect(await foldPendingTotals(t.db)).toBe(5);
    const after = await totals();
    expect(after.live).toEqual(after.afresh);
    expect(after.folded).toEqual(after.afresh);
    expect(await pending()).toBe(0);
  });

  // Each kind of statement a change can make to an answer's rows: an edit replaces them (deletes, then inserts).
  const changes: [string, (tx: Tx, id: string) => Promise<number>][] = [
    ["updates its project rows", (tx, id) => tx.$executeRaw`UPDATE "ResponseProject" SET "kindMaintainer" = NOT "kindMaintainer" WHERE "responseId" = ${id}`],
    [
      "deletes one of its team rows",
      (tx, id) => tx.$executeRaw`DELETE FROM "ResponseTeam" WHERE "responseId" = ${id}
        AND "teamId" = (SELECT MIN("teamId") FROM "ResponseTeam" WHERE "responseId" = ${id})`,
    ],
    [
      "inserts a team row",
      (tx, id) => tx.$executeRaw`INSERT INTO "ResponseTeam" ("responseId", "teamId", "roundId")
        SELECT r."id", (SELECT MIN(t."id") FROM "Team" t WHERE NOT EXISTS (
          SELECT 1 FROM "ResponseTeam" rt WHERE rt."responseId" = r."id" AND rt."teamId" = t."id")), r."roundId"
        FROM "Response" r WHERE r."id" = ${id}`,
    ],
  ];

  it.each(changes)("leave an answer an open transaction is changing to the next fold: one that %s", async (_, makeChange) => {
    const id = await savePendingAnswer();
    const kept = await savePendingAnswer();
    const [released, changed] = [gate(), gate()];
    let count = 0;
    const change = t.db.$transaction(async (tx) => {
      try {
        count = await makeChange(tx, id);
      } finally {
        changed.open();
      }
      await released.opened;
    });
    await changed.opened;
    expect(count).toBeGreaterThan(0);
    // The other answer is folded; the one being changed is skipped, not waited for.
    expect(await foldPendingTotals(other.db)).toBe(1);
    const rest = await t.db.$queryRaw<{ responseId: string }[]>`SELECT "responseId" FROM "RoundTotalPending"`;
    expect(rest.map((r) => r.responseId)).toEqual([id]);
    expect(rest.map((r) => r.responseId)).not.toContain(kept);
    released.open();
    await change;
    expect(await foldPendingTotals(other.db)).toBe(1);
    const after = await totals();
    expect(after.folded).toEqual(after.afresh);
    expect(after.live).toEqual(after.afresh);
  });

  it("make a transaction that reaches an answer being folded wait, then count its change against the fold", async () => {
    const id = await savePendingAnswer();
    const fold = new pg.Client({ connectionString: t.url });
    await fold.connect();
    try {
      await fold.query("BEGIN");
      const { rows } = await fold.query<{ folded: number }>(`SELECT "census_fold_pending"(1000) AS "folded"`);
      expect(rows[0]!.folded).toBe(1);
      // The fold has counted the answer's rows as committed; a change made now must wait for it to commit.
      // (then() sends it now: a Prisma query is sent only once something waits for it.)
      const change = other.db.$executeRaw`UPDATE "ResponseProject" SET "frequency" = 'regularly', "kindDocs" = NOT "kindDocs"
        WHERE "responseId" = ${id}`.then((count) => count);
      await someoneWaitsForALock();
      await fold.query("COMMIT");
      await change;
    } finally {
      await fold.end();
    }
    expect(await pending()).toBe(0);
    const after = await totals();
    expect(after.folded).toEqual(after.afresh);
    expect(after.live).toEqual(after.afresh);
  });

  it("count a response re-inserted under the id of a deleted, unfolded one once its transaction commits", async () => {
    const id = await savePendingAnswer();
    await t.db.response.delete({ where: { id } });
    const [round, project, team] = await Promise.all([
      t.db.round.findUniqueOrThrow({ where: { slug: DEFAULT_ROUND_SLUG } }),
      t.db.project.findFirstOrThrow({ where: { status: "active" } }),
      t.db.team.findFirstOrThrow(),
    ]);
    const [released, inserted] = [gate(), gate()];
    const again = t.db.$transaction(async (tx) => {
      await insertResponse(tx, id, round.id, hashEditToken(`again-${id}`), "import");
      inserted.open();
      await released.opened;
      await insertAnswer(tx, id, round.id, project.id, team.id);
    });
    await inserted.opened;
    // The entry is the open transaction's now: a fold leaves it alone instead of counting a response not there yet.
    expect(await foldPendingTotals(other.db)).toBe(0);
    released.open();
    await again;
    expect(await foldPendingTotals(other.db)).toBe(1);
    const after = await totals();
    expect(after.folded).toEqual(after.afresh);
  });

  it("a deleted pending answer adds nothing, and its pending entry goes with the next fold", async () => {
    const id = await savePendingAnswer();
    await t.db.response.delete({ where: { id } });
    expect(await pending()).toBe(1);
    const before = await totals();
    expect(before.live).toEqual(before.afresh);
    expect(await foldPendingTotals(t.db)).toBe(1);
    const after = await totals();
    expect(after.folded).toEqual(after.afresh);
    expect(await pending()).toBe(0);
  });

  // An organiser's recategorisation re-derives the category rows of every answer naming the project; an edit of one
  // of those answers re-derives its own. Whichever locks that answer's category rows first, the other waits for it.
  it("count an answer edited while a project it names is moved to another category exactly once", async () => {
    const token = `recategorised-${serial}`;
    const input = submissionBody(serial++, DEFAULT_ROUND_SLUG, token);
    expect((await saveResponse(t.db, input)).ok).toBe(true);
    await foldPendingTotals(t.db);
    const project = await t.db.project.findUniqueOrThrow({ where: { slug: input.projects[0]!.slug } });
    const elsewhere = await t.db.category.findFirstOrThrow({ where: { id: { not: project.categoryId } } });
    const organiser = new pg.Client({ connectionString: t.url });
    await organiser.connect();
    try {
      await organiser.query("BEGIN");
      await organiser.query(`UPDATE "Project" SET "categoryId" = $1 WHERE "id" = $2`, [elsewhere.id, project.id]);
      const edit = saveResponse(other.db, { ...input, projects: input.projects.map((p) => ({ ...p, kinds: ["docs"] })) }).then((r) => r);
      await someoneWaitsForALock();
      await organiser.query("COMMIT");
      expect(await edit).toMatchObject({ ok: true, created: false });
    } finally {
      await organiser.end();
    }
    await foldPendingTotals(t.db);
    const rollups = async (from: string) =>
      (await t.db.$queryRawUnsafe<{ row: string }[]>(`SELECT concat_ws('|', "responseId", "categoryId", "kindCode", "kindReview",
        "kindBugs", "kindDocs", "kindMaintainer") AS "row" FROM (${from}) x ORDER BY 1`)).map((r) => r.row);
    expect(await rollups(`SELECT * FROM "ResponseCategory"`)).toEqual(
      await rollups(`SELECT rp."responseId", p."categoryId", bool_or(rp."kindCode") AS "kindCode", bool_or(rp."kindReview") AS "kindReview",
        bool_or(rp."kindBugs") AS "kindBugs", bool_or(rp."kindDocs") AS "kindDocs", bool_or(rp."kindMaintainer") AS "kindMaintainer"
        FROM "ResponseProject" rp JOIN "Project" p ON p."id" = rp."projectId" GROUP BY 1, 2`),
    );
    const after = await totals();
    expect(after.folded).toEqual(after.afresh);
    expect(after.live).toEqual(after.afresh);
  });

  // An answer's transaction that names a project, still open when an organiser moves that project to another
  // category: the organiser's change waits for it, then derives its category rows too.
  it("derive an answer still being written when the organiser recategorises a project it names", async () => {
    const [round, team] = await Promise.all([
      t.db.round.findUniqueOrThrow({ where: { slug: DEFAULT_ROUND_SLUG } }),
      t.db.team.findFirstOrThrow(),
    ]);
    const project = await t.db.project.findFirstOrThrow({ where: { status: "active", rounds: { some: { roundId: round.id } } } });
    const elsewhere = await t.db.category.findFirstOrThrow({ where: { id: { not: project.categoryId } } });
    const admin = await createOrganiser(t.db, { email: `recategorise-${serial}@example.org`, password: "correct horse battery", role: "admin" });
    const id = `recategorised-while-written-${serial++}`;
    const [released, written] = [gate(), gate()];
    const answer = t.db.$transaction(async (tx) => {
      await insertResponse(tx, id, round.id, hashEditToken(id), "web");
      await insertAnswer(tx, id, round.id, project.id, team.id);
      written.open();
      await released.opened;
    });
    await written.opened;
    const recategorised = recategoriseProject(other.db, { id: admin.id, email: admin.email, role: admin.role }, { projectId: project.id, categoryId: elsewhere.id }).then((result) => result);
    await new Promise((resolve) => setTimeout(resolve, 300));
    released.open();
    await answer;
    expect(await recategorised).toEqual({ ok: true, value: undefined });
    expect((await t.db.responseCategory.findMany({ where: { responseId: id } })).map((r) => r.categoryId)).toEqual([elsewhere.id]);
    await foldPendingTotals(t.db);
    const after = await totals();
    expect(after.folded).toEqual(after.afresh);
  });

  // The outsider's case: a respondent deletes an answer while a long recategorisation of a project it names runs.
  // The deletion waits for the organiser's change, then removes the category rows that change wrote.
  it("leave nothing of an answer deleted while a project it names is being moved to another category", async () => {
    const token = `deleted-while-recategorised-${serial}`;
    const input = submissionBody(serial++, DEFAULT_ROUND_SLUG, token);
    expect((await saveResponse(t.db, input)).ok).toBe(true);
    await foldPendingTotals(t.db);
    const project = await t.db.project.findUniqueOrThrow({ where: { slug: input.projects[0]!.slug } });
    const elsewhere = await t.db.category.findFirstOrThrow({ where: { id: { not: project.categoryId } } });
    const admin = await createOrganiser(t.db, { email: `slow-recategorise-${serial}@example.org`, password: "correct horse battery", role: "admin" });
    // The organiser's change holds its transaction open a while after deriving the category rows again.
    await t.db.$executeRawUnsafe(`CREATE FUNCTION "test_slow"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.5); RETURN NULL; END $$`);
    await t.db.$executeRawUnsafe(`CREATE TRIGGER "test_slow" AFTER UPDATE ON "Project" FOR EACH STATEMENT EXECUTE FUNCTION "test_slow"()`);
    try {
      const recategorised = recategoriseProject(other.db, { id: admin.id, email: admin.email, role: admin.role }, { projectId: project.id, categoryId: elsewhere.id }).then((result) => result);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await deleteResponse(t.db, { token }, "respondent")).toEqual({ ok: true });
      expect(await recategorised).toEqual({ ok: true, value: undefined });
    } finally {
      await t.db.$executeRawUnsafe(`DROP TRIGGER "test_slow" ON "Project"`);
      await t.db.$executeRawUnsafe(`DROP FUNCTION "test_slow"()`);
    }
    const orphans = await t.db.$queryRaw<{ n: bigint }[]>`
      SELECT COUNT(*) AS "n" FROM "ResponseCategory" rc WHERE NOT EXISTS (SELECT 1 FROM "Response" r WHERE r."id" = rc."responseId")`;
    expect(Number(orphans[0]!.n)).toBe(0);
    await foldPendingTotals(t.db);
    const after = await totals();
    expect(after.folded).toEqual(after.afresh);
    expect(after.live).toEqual(after.afresh);
  });

  it("are folded by the folder soon after they are saved", async () => {
    const folder = new PendingTotalsFolder(t.db, 10);
    for (let i = 0; i < 3; i++) {
      await savePendingAnswer();
      folder.answerSaved();
    }
    while ((await pending()) > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const after = await totals();
    expect(after.folded).toEqual(after.afresh);
  });
});

describe("new answers folded into the round totals [sqlite]", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
  });
  afterAll(async () => t?.drop());

  it("need no fold: the totals count every answer inside its own transaction", async () => {
    const saved = await saveResponse(t.db, submissionBody(1, DEFAULT_ROUND_SLUG));
    expect(saved.ok).toBe(true);
    expect(await foldPendingTotals(t.db)).toBe(0);
    const [live, total] = await Promise.all([
      t.db.$queryRaw<{ n: bigint }[]>`SELECT "respondents" AS "n" FROM "RoundTotalLive" WHERE "teamId" = 0 AND "cell" = 'n'`,
      t.db.$queryRaw<{ n: bigint }[]>`SELECT "respondents" AS "n" FROM "RoundTotal" WHERE "teamId" = 0 AND "cell" = 'n'`,
    ]);
    expect(live.map((r) => Number(r.n))).toEqual([1]);
    expect(total).toEqual(live);
  });
});
