// RoundTotal is kept by database triggers. Whatever sequence of writes the app makes (submissions, edits,
// deletions, bulk imports, recoded kinds, a project moved to another category, merges, a deleted round), its
// non-zero cells must equal counting the stored answers from scratch: checked with random sequences on SQLite
// and PostgreSQL, the expected totals computed here in JavaScript from the base rows. And a summary read from the
// totals must be exactly the summary counted from the rows, for the whole round and for a team. Each cell also
// holds the sum of its respondents' record keys, which must equal the sum of those keys read back.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { mergeProjects } from "@/lib/db/admin-catalogue";
import { DEFAULT_ROUND_SLUG } from "@/lib/db/catalogue";
import { openCounting } from "@/lib/db/read-pool";
import { deleteResponse } from "@/lib/db/responses";
import { insertResponsesBulk } from "@/lib/db/responses-bulk";
import { insertAnswerRows, insertResponseRows } from "@/lib/db/response-rows";
import { saveResponse } from "@/lib/db/submissions";
import { foldPendingTotals } from "@/lib/db/round-totals-fold";
import { Prisma } from "@/lib/db/generated/sqlite/client";
import { getSummary, resolveSummaryRequest, type SummarySource } from "@/lib/db/summary-queries";
import { hashEditToken } from "@/lib/survey/edit-token";
import { DEFAULT_QUESTIONS } from "@/lib/survey/questions";
import { CONTRIBUTION_KINDS } from "@/lib/survey/answer-codes";
import { submissionBody } from "@/lib/survey/synthetic-answers";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

const KIND_COLUMNS = ["kindCode", "kindReview", "kindBugs", "kindDocs", "kindMaintainer"] as const;

type Op =
  | { type: "submit"; n: number }
  | { type: "edit"; pick: number; n: number }
  | { type: "delete"; pick: number }
  | { type: "bulk"; n: number; count: number }
  | { type: "recode"; pick: number; column: (typeof KIND_COLUMNS)[number] }
  | { type: "recategorise"; project: number; category: number }
  | { type: "merge"; from: number; into: number }
  | { type: "flag"; pick: number }
  | { type: "settle"; n: number; pick: number }
  | { type: "fold" };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant("submit" as const), n: fc.nat(10_000) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("edit" as const), pick: fc.nat(), n: fc.nat(10_000) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("delete" as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant("bulk" as const), n: fc.nat(10_000), count: fc.integer({ min: 1, max: 4 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant("recode" as const), pick: fc.nat(), column: fc.constantFrom(...KIND_COLUMNS) }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("recategorise" as const), project: fc.nat(), category: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("merge" as const), from: fc.nat(), into: fc.nat() }) },
  // A response's completeness changed behind the app's back (direct SQL): it leaves or joins every count.
  { weight: 1, arbitrary: fc.record({ type: fc.constant("flag" as const), pick: fc.nat() }) },
  // New responses changed again before their transaction commits, beside a change to a stored one: PostgreSQL
  // counts a new response once, at commit, from its rows as they end up.
  { weight: 2, arbitrary: fc.record({ type: fc.constant("settle" as const), n: fc.nat(10_000), pick: fc.nat() }) },
  // PostgreSQL adds new answers to RoundTotal in folds (lib/db/round-totals-fold.ts), at any point between writes.
  { weight: 2, arbitrary: fc.constant({ type: "fold" as const }) },
);

// The codes the triggers store (migration 20261204060000_round_totals_answers), written out here once more.
const paidCode = (answer: string | null) => {
  const code = ["yes", "partly", "no", "prefer-not"].indexOf(answer ?? "");
  return code === -1 ? 4 : code;
};
const frequencyCode = (frequency: string) => {
  const code = ["once", "occasionally", "regularly"].indexOf(frequency);
  return code === -1 ? 3 : code;
};

const pickFrom = <T>(list: readonly T[], index: number): T | undefined =>
  list.length === 0 ? undefined : list[index % list.length];

describeEachDatabase("round totals kept by the writes", (kind) => {
  let t: TestDatabase;
  let source: SummarySource;
  let roundId: number;
  let actor: { id: number; email: string; role: string };
  const tokens: string[] = [];
  let bulkSerial = 0;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    // The open round publishes while open here: these tests are about its figures (docs/privacy.md: open rounds).
    await t.db.round.updateMany({ where: { status: "open" }, data: { publishWhileOpen: true } });
    source = { db: t.db, kind, ...openCounting(t) };
    roundId = (await t.db.round.findUniqueOrThrow({ where: { slug: DEFAULT_ROUND_SLUG } })).id;
    const organiser = await t.db.organiser.create({ data: { email: "totals@example.org", passwordHash: "-", role: "admin" } });
    actor = { id: organiser.id, email: organiser.email, role: organiser.role };
  });
  afterAll(async () => {
    await source?.reads.close();
    await t?.drop();
  });

  /** A synthetic answer whose kinds vary with n, so projects of one category often name different kinds. */
  const answer = (n: number, token?: string) => {
    const body = submissionBody(n, DEFAULT_ROUND_SLUG, token);
    return {
      ...body,
      projects: body.projects.map((p, i) => ({ ...p, kinds: CONTRIBUTION_KINDS.filter((_, b) => ((n >> (i + b)) & 1) === 1) })),
    };
  };

  async function apply(step: Op): Promise<void> {
    switch (step.type) {
      case "submit": {
        const body = answer(step.n);
        if ((await saveResponse(t.db, body)).ok) tokens.push(body.token);
        return;
      }
      case "edit": {
        const token = pickFrom(tokens, step.pick);
        if (token) await saveResponse(t.db, answer(step.n, token));
        return;
      }
      case "delete": {
        const token = pickFrom(tokens, step.pick);
        if (!token) return;
        await deleteResponse(t.db, { token }, "respondent");
        tokens.splice(tokens.indexOf(token), 1);
        return;
      }
      case "bulk": {
        const [projects, teams] = await Promise.all([
          t.db.project.findMany({ where: { status: "active" }, orderBy: { id: "asc" }, take: 12 }),
          t.db.team.findMany({ orderBy: { id: "asc" }, take: 5 }),
        ]);
        await insertResponsesBulk(
          t.db,
          roundId,
          Array.from({ length: step.count }, (_, i) => ({
            editTokenHash: hashEditToken(`bulk-${bulkSerial++}`),
            source: "import" as const,
            createdAt: new Date(Date.UTC(2026, 2, 1 + ((step.n + i) % 5), 23, 30)),
            teamIds: teams.filter((_, j) => (step.n + i + j) % 3 === 0).map((team) => team.id),
            selections: projects
              .filter((_, p) => (step.n + i * 7 + p * 3) % 4 === 0)
              .map((p, j) => ({ projectId: p.id, kinds: [CONTRIBUTION_KINDS[(step.n + j) % CONTRIBUTION_KINDS.length]!], frequency: "regularly" })),
          })),
        );
        return;
      }
      case "recode": {
        const responses = await t.db.response.findMany({ select: { id: true }, orderBy: { id: "asc" } });
        const response = pickFrom(responses, step.pick);
        const row = response && (await t.db.responseProject.findFirst({ where: { responseId: response.id } }));
        if (!row) return;
        await t.db.responseProject.update({
          where: { responseId_projectId: { responseId: row.responseId, projectId: row.projectId } },
          data: { [step.column]: !row[step.column] },
        });
        return;
      }
      case "recategorise": {
        const used = await t.db.responseProject.findMany({ distinct: ["projectId"], select: { projectId: true }, orderBy: { projectId: "asc" } });
        const categories = await t.db.category.findMany({ orderBy: { id: "asc" } });
        const project = pickFrom(used, step.project);
        const category = pickFrom(categories, step.category);
        if (project && category) await t.db.project.update({ where: { id: project.projectId }, data: { categoryId: category.id } });
        return;
      }
      case "flag": {
        const responses = await t.db.response.findMany({ select: { id: true, isComplete: true }, orderBy: { id: "asc" } });
        const response = pickFrom(responses, step.pick);
        if (response) await t.db.response.update({ where: { id: response.id }, data: { isComplete: !response.isComplete } });
        return;
      }
      case "settle": {
        const [projects, teams, stored] = await Promise.all([
          t.db.project.findMany({ where: { status: "active" }, orderBy: { id: "asc" }, take: 8 }),
          t.db.team.findMany({ orderBy: { id: "asc" }, take: 4 }),
          t.db.responseProject.findMany({ select: { responseId: true, projectId: true, kindDocs: true }, orderBy: { responseId: "asc" } }),
        ]);
        const storedRow = pickFrom(stored, step.pick);
        await t.db.$transaction(async (tx) => {
          const ids = [0, 1].map((i) => `settle-${bulkSerial}-${i}`);
          await insertResponseRows(
            tx,
            ids.map((id) => ({
              responseId: id,
              publicId: id,
              roundId,
              editTokenHash: hashEditToken(`settle-${bulkSerial++}`),
              source: "import" as const,
              importKey: null,
              createdAt: new Date(Date.UTC(2026, 2, 1 + (step.n % 5))),
              fields: { notOpenStackContributor: false, yearsContributing: step.n % 7, employerPaid: "yes", comment: null, projectCount: 3, nothingOutsideOpenStack: false, isComplete: true },
            })),
          );
          await insertAnswerRows(
            tx,
            ids.map((id, i) => ({
              responseId: id,
              roundId,
              selections: projects.slice(i, i + 3).map((p, j) => ({ projectId: p.id, kinds: [CONTRIBUTION_KINDS[(step.n + j) % 5]!], frequency: "once" })),
              teamIds: teams.slice(i, i + 1 + (step.n % 2)).map((team) => team.id),
              others: [],
            })),
          );
          // Then, before commit: the first loses a selection and gains a team; the second is replaced, made
          // incomplete or deleted; and a stored response's selection is recoded in the same transaction.
          const [first, second] = ids as [string, string];
          await tx.$executeRaw`DELETE FROM "ResponseProject" WHERE "responseId" = ${first} AND "projectId" = ${projects[0]!.id}`;
          await tx.$executeRaw`INSERT INTO "ResponseTeam" ("responseId", "roundId", "teamId") VALUES (${first}, ${roundId}, ${teams[3]!.id})`;
          if (step.n % 3 === 0) await tx.response.delete({ where: { id: second } });
          else if (step.n % 3 === 1) await tx.response.update({ where: { id: second }, data: { isComplete: false } });
          else await tx.$executeRaw`UPDATE "ResponseProject" SET "frequency" = 'regularly', "kindMaintainer" = true WHERE "responseId" = ${second}`;
          if (storedRow)
            await tx.responseProject.update({
              where: { responseId_projectId: { responseId: storedRow.responseId, projectId: storedRow.projectId } },
              data: { kindDocs: !storedRow.kindDocs },
            });
        });
        return;
      }
      case "fold":
        await foldPendingTotals(t.db);
        return;
      case "merge": {
        const used = await t.db.responseProject.findMany({ distinct: ["projectId"], select: { projectId: true }, orderBy: { projectId: "asc" } });
        const from = pickFrom(used, step.from);
        const into = pickFrom(used, step.into);
        if (from && into && from.projectId !== into.projectId)
          await mergeProjects(t.db, actor, { fromProjectId: from.projectId, intoProjectId: into.projectId });
        return;
      }
    }
  }

  /**
   * The non-zero totals, and the same totals counted here from the complete responses, their selections, teams and
   * categories. Each cell is counted in the round of the row it comes from (a category: its selections').
   */
  async function totalsAndExpected(table: "RoundTotalLive" | "RoundTotal" = "RoundTotalLive") {
    const [responses, selections, teamRows, projects, stored] = await Promise.all([
      // Only complete answers are counted (lib/survey/completeness.ts).
      t.db.response.findMany({ where: { isComplete: true }, select: { id: true, roundId: true, projectCount: true, createdAt: true, yearsContributing: true, employerPaid: true } }),
      t.db.responseProject.findMany(),
      t.db.responseTeam.findMany(),
      t.db.project.findMany({ select: { id: true, categoryId: true } }),
      t.db.$queryRaw<{ roundId: number; teamId: number; cell: string; a: number; b: number; respondents: unknown; keySum: unknown }[]>`
        SELECT "roundId", "teamId", "cell", "a", "b", "respondents", "keySum" FROM ${Prisma.raw(`"${table}"`)} WHERE "respondents" <> 0`,
    ]);
    // The record keys are read by SQL only: no Prisma query returns them (lib/db/client.ts).
    const keys = new Map(
      (await t.db.$queryRaw<{ id: string; recordKey: unknown }[]>`SELECT "id", "recordKey" FROM "Response"`).map((r) => [
        r.id,
        Number(r.recordKey),
      ]),
    );
    const categoryOf = new Map(projects.map((p) => [p.id, p.categoryId]));
    // Per cell: respondents and the sum of their record keys (the cell key method, docs/privacy.md).
    const expected = new Map<string, { n: number; keySum: number }>();
    for (const r of responses) {
      // [round, cell, a, b]
      const cells: [number, string, number, number][] = [
        [r.roundId, "n", 0, 0],
        [r.roundId, "bin", r.projectCount, 0],
        [r.roundId, "day", Number(r.createdAt.toISOString().slice(0, 10).replaceAll("-", "")), 0],
        [r.roundId, "years", r.yearsContributing ?? -1, 0],
        [r.roundId, "paid", paidCode(r.employerPaid), 0],
      ];
      const chosen = selections.filter((s) => s.responseId === r.id);
      const teams = teamRows.filter((row) => row.responseId === r.id);
      const byCategory = new Map<number, { roundId: number; named: boolean[] }>();
      for (const s of chosen) {
        cells.push([s.roundId, "project", s.projectId, 0]);
        cells.push([s.roundId, "frequency", s.projectId, frequencyCode(s.frequency)]);
        const categoryId = categoryOf.get(s.projectId)!;
        const entry = byCategory.get(categoryId) ?? { roundId: s.roundId, named: KIND_COLUMNS.map(() => false) };
        entry.named = entry.named.map((was, k) => was || s[KIND_COLUMNS[k]!]);
        byCategory.set(categoryId, entry);
      }
      for (const [categoryId, { roundId, named }] of byCategory) {
        cells.push([roundId, "category", categoryId, 0]);
        named.forEach((isNamed, k) => isNamed && cells.push([roundId, "kind", categoryId, k]));
        for (const team of teams) cells.push([roundId, "team-category", team.teamId, categoryId]);
      }
      for (const team of teams) cells.push([team.roundId, "team", team.teamId, 0]);
      const sorted = [...chosen].sort((a, b) => a.projectId - b.projectId);
      sorted.forEach((a, i) => sorted.slice(i + 1).forEach((b) => cells.push([a.roundId, "pair", a.projectId, b.projectId])));
      for (const scope of [0, ...teams.map((team) => team.teamId)])
        for (const [roundId, cell, a, b] of cells) {
          const key = [roundId, scope, cell, a, b].join("|");
          const was = expected.get(key) ?? { n: 0, keySum: 0 };
          expected.set(key, { n: was.n + 1, keySum: was.keySum + keys.get(r.id)! });
        }
    }
    return {
      totals: stored
        .map((row) => `${[row.roundId, row.teamId, row.cell, row.a, row.b].join("|")}=${Number(row.respondents)}/${Number(row.keySum)}`)
        .sort(),
      expected: [...expected].map(([key, { n, keySum }]) => `${key}=${n}/${keySum}`).sort(),
    };
  }

  /** The summary read from the totals, and counted from the rows, for the whole round and for a team in it. */
  async function summariesBothWays() {
    const team = await t.db.responseTeam.findFirst({ where: { roundId }, select: { team: { select: { slug: true } } } });
    const pairs = [];
    for (const query of [`round=${DEFAULT_ROUND_SLUG}`, ...(team ? [`round=${DEFAULT_ROUND_SLUG}&team=${team.team.slug}`] : [])]) {
      const resolved = await resolveSummaryRequest(t.db, new URLSearchParams(query));
      if (!resolved.ok || !resolved.filters) throw new Error(`no filters for ${query}`);
      pairs.push({
        fromTotals: await getSummary(source, resolved.filters, 2, { snapshots: false }),
        fromRows: await getSummary(source, resolved.filters, 2, { snapshots: false, totals: false }),
      });
    }
    return pairs;
  }

  it("equal counting the stored answers from scratch after any sequence of writes, and give the same summaries", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const step of ops) await apply(step);
        const { totals, expected } = await totalsAndExpected();
        expect(totals).toEqual(expected);
        for (const { fromTotals, fromRows } of await summariesBothWays()) expect(fromTotals).toEqual(fromRows);
        // PostgreSQL stages a transaction's changes to counted answers and adds them at commit: nothing staged
        // outlives it. New answers stay pending until a fold, which leaves RoundTotal itself exact.
        if (kind === "postgres") {
          expect(await t.db.$queryRaw<{ n: bigint }[]>`SELECT COUNT(*) AS "n" FROM "RoundTotalChange"`).toEqual([{ n: 0n }]);
          await foldPendingTotals(t.db);
          expect(await t.db.$queryRaw<{ n: bigint }[]>`SELECT COUNT(*) AS "n" FROM "RoundTotalPending"`).toEqual([{ n: 0n }]);
        }
        const folded = await totalsAndExpected("RoundTotal");
        expect(folded.totals).toEqual(folded.expected);
      }),
      { numRuns: 25 },
    );
    // The runs must have left something to check, teams and pairs included.
    const cells = new Set((await t.db.roundTotal.findMany({ where: { respondents: { gt: 0 } }, select: { cell: true } })).map((c) => c.cell));
    expect([...cells].sort()).toEqual([
      "bin",
      "category",
      "day",
      "frequency",
      "kind",
      "n",
      "paid",
      "pair",
      "project",
      "team",
      "team-category",
      "years",
    ]);
  }, 300_000);

  it("go back to zero when a round and all its answers are deleted", async () => {
    const round = await t.db.round.create({
      data: { slug: "totals-gone", title: "Deleted with its answers", status: "closed", questions: JSON.stringify(DEFAULT_QUESTIONS) },
    });
    const [project, team] = [await t.db.project.findFirstOrThrow(), await t.db.team.findFirstOrThrow()];
    await insertResponsesBulk(t.db, round.id, [
      { editTokenHash: hashEditToken("gone-1"), source: "import", teamIds: [team.id], selections: [{ projectId: project.id, kinds: ["code"], frequency: "once" }] },
    ]);
    expect(await t.db.roundTotal.count({ where: { roundId: round.id, respondents: { not: 0 } } })).toBeGreaterThan(0);
    await t.db.round.delete({ where: { id: round.id } });
    expect(await t.db.roundTotal.count({ where: { roundId: round.id, respondents: { not: 0 } } })).toBe(0);
  });

  it("follow a response moved to another round by direct SQL, row by row", async () => {
    const saved = await saveResponse(t.db, answer(77));
    if (!saved.ok) throw new Error(saved.message);
    const { id } = await t.db.response.findUniqueOrThrow({ where: { publicId: saved.responseId } });
    const other = await t.db.round.create({
      data: { slug: "totals-moved", title: "Moved to", status: "closed", questions: JSON.stringify(DEFAULT_QUESTIONS) },
    });
    // Half moved (teams and the response, not its selections) must be as exact as fully moved.
    await t.db.$executeRaw`UPDATE "ResponseTeam" SET "roundId" = ${other.id} WHERE "responseId" = ${id}`;
    await t.db.$executeRaw`UPDATE "Response" SET "roundId" = ${other.id} WHERE "id" = ${id}`;
    const half = await totalsAndExpected();
    expect(half.totals).toEqual(half.expected);
    await t.db.$executeRaw`UPDATE "ResponseProject" SET "roundId" = ${other.id} WHERE "responseId" = ${id}`;
    await t.db.$executeRaw`UPDATE "ResponseCategory" SET "roundId" = ${other.id} WHERE "responseId" = ${id}`;
    await t.db.$executeRaw`UPDATE "ResponsePair" SET "roundId" = ${other.id} WHERE "responseId" = ${id}`;
    const full = await totalsAndExpected();
    expect(full.totals).toEqual(full.expected);
    // Moved while pending on PostgreSQL: folded, its cells go where its rows now are.
    await foldPendingTotals(t.db);
    const folded = await totalsAndExpected("RoundTotal");
    expect(folded.totals).toEqual(folded.expected);
    expect(await t.db.roundTotal.count({ where: { roundId: other.id, cell: "n", respondents: 1 } })).toBeGreaterThan(0);
  });
});
