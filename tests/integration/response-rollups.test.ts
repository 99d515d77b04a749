// ResponseCategory and ResponsePair are derived from ResponseProject by database triggers. Whatever sequence of
// writes the app makes (submissions, edits, deletions, bulk imports, recoded kinds, a project moved to another
// category, merges), they must equal what deriving them from scratch gives: checked here with random sequences
// on SQLite and PostgreSQL, the expected rows computed in JavaScript from the selections themselves.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { mergeProjects } from "@/lib/db/admin-catalogue";
import { DEFAULT_ROUND_SLUG } from "@/lib/db/catalogue";
import { deleteResponse } from "@/lib/db/responses";
import { insertResponsesBulk } from "@/lib/db/responses-bulk";
import { saveResponse } from "@/lib/db/submissions";
import { hashEditToken } from "@/lib/survey/edit-token";
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
  | { type: "merge"; from: number; into: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant("submit" as const), n: fc.nat(10_000) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("edit" as const), pick: fc.nat(), n: fc.nat(10_000) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("delete" as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant("bulk" as const),
      n: fc.nat(10_000),
      count: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant("recode" as const),
      pick: fc.nat(),
      column: fc.constantFrom(...KIND_COLUMNS),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant("recategorise" as const), project: fc.nat(), category: fc.nat() }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("merge" as const), from: fc.nat(), into: fc.nat() }) },
);

describeEachDatabase("rows derived from the selections", (kind) => {
  let t: TestDatabase;
  let roundId: number;
  let actor: { id: number; email: string; role: string };
  const tokens: string[] = [];
  let bulkSerial = 0;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    roundId = (await t.db.round.findUniqueOrThrow({ where: { slug: DEFAULT_ROUND_SLUG } })).id;
    const organiser = await t.db.organiser.create({
      data: { email: "rollups@example.org", passwordHash: "-", role: "admin" },
    });
    actor = { id: organiser.id, email: organiser.email, role: organiser.role };
  });
  afterAll(async () => t?.drop());

  /** A synthetic answer whose kinds vary with n, so projects of one category often name different kinds. */
  const answer = (n: number, token?: string) => {
    const body = submissionBody(n, DEFAULT_ROUND_SLUG, token);
    return {
      ...body,
      projects: body.projects.map((p, i) => ({
        ...p,
        kinds: CONTRIBUTION_KINDS.filter((_, b) => ((n >> (i + b)) & 1) === 1),
      })),
    };
  };

  const pickFrom = <T>(list: readonly T[], index: number): T | undefined =>
    list.length === 0 ? undefined : list[index % list.length];

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
        const projects = await t.db.project.findMany({ where: { status: "active" }, orderBy: { id: "asc" }, take: 12 });
        await insertResponsesBulk(
          t.db,
          roundId,
          Array.from({ length: step.count }, (_, i) => ({
            editTokenHash: hashEditToken(`bulk-${bulkSerial++}`),
            source: "import" as const,
            teamIds: [],
            selections: projects
              .filter((_, p) => (step.n + i * 7 + p * 3) % 4 === 0)
              .map((p, j) => ({
                projectId: p.id,
                kinds: [CONTRIBUTION_KINDS[(step.n + j) % CONTRIBUTION_KINDS.length]!],
                frequency: "regularly",
              })),
          })),
        );
        return;
      }
      case "recode": {
        const responses = await t.db.response.findMany({ select: { id: true }, orderBy: { id: "asc" } });
        const response = pickFrom(responses, step.pick);
        if (!response) return;
        const rows = await t.db.responseProject.findMany({ where: { responseId: response.id } });
        const row = rows[0];
        if (!row) return;
        await t.db.responseProject.update({
          where: { responseId_projectId: { responseId: row.responseId, projectId: row.projectId } },
          data: { [step.column]: !row[step.column] },
        });
        return;
      }
      case "recategorise": {
        // Among the projects the synthetic answers use, so the move touches stored answers.
        const used = await t.db.responseProject.findMany({
          distinct: ["projectId"],
          select: { projectId: true },
          orderBy: { projectId: "asc" },
        });
        const categories = await t.db.category.findMany({ orderBy: { id: "asc" } });
        const project = pickFrom(used, step.project);
        const category = pickFrom(categories, step.category);
        if (project && category)
          await t.db.project.update({ where: { id: project.projectId }, data: { categoryId: category.id } });
        return;
      }
      case "merge": {
        const used = await t.db.responseProject.findMany({
          distinct: ["projectId"],
          select: { projectId: true },
          orderBy: { projectId: "asc" },
        });
        const from = pickFrom(used, step.from);
        const into = pickFrom(used, step.into);
        if (from && into && from.projectId !== into.projectId) {
          await mergeProjects(t.db, actor, { fromProjectId: from.projectId, intoProjectId: into.projectId });
        }
        return;
      }
    }
  }

  /** The derived rows, and the same rows derived here from the selections and the current categories. */
  async function derivedAndExpected() {
    const [selections, projects, categoryRows, pairRows] = await Promise.all([
      t.db.responseProject.findMany(),
      t.db.project.findMany({ select: { id: true, categoryId: true } }),
      t.db.responseCategory.findMany(),
      t.db.responsePair.findMany(),
    ]);
    const categoryOf = new Map(projects.map((p) => [p.id, p.categoryId]));
    const expectedCategories = new Map<string, Record<string, unknown>>();
    for (const s of selections) {
      const categoryId = categoryOf.get(s.projectId)!;
      const key = `${s.responseId}|${categoryId}`;
      const row = expectedCategories.get(key) ?? {
        responseId: s.responseId,
        roundId: s.roundId,
        categoryId,
        ...Object.fromEntries(KIND_COLUMNS.map((c) => [c, false])),
      };
      for (const c of KIND_COLUMNS) row[c] = Boolean(row[c]) || s[c];
      expectedCategories.set(key, row);
    }
    const byResponse = new Map<string, typeof selections>();
    for (const s of selections) byResponse.set(s.responseId, [...(byResponse.get(s.responseId) ?? []), s]);
    const expectedPairs: string[] = [];
    for (const [responseId, rows] of byResponse) {
      const ids = rows.map((r) => r.projectId).sort((a, b) => a - b);
      ids.forEach((a, i) =>
        ids.slice(i + 1).forEach((b) => expectedPairs.push(`${responseId}|${rows[0]!.roundId}|${a}|${b}`)),
      );
    }
    const categoryKey = (row: Record<string, unknown>) =>
      JSON.stringify([row.responseId, row.roundId, row.categoryId, ...KIND_COLUMNS.map((c) => Boolean(row[c]))]);
    return {
      categories: categoryRows.map(categoryKey).sort(),
      expectedCategories: [...expectedCategories.values()].map(categoryKey).sort(),
      pairs: pairRows.map((p) => `${p.responseId}|${p.roundId}|${p.firstId}|${p.secondId}`).sort(),
      expectedPairs: expectedPairs.sort(),
    };
  }

  it("equal what deriving them from scratch gives, after any sequence of writes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const step of ops) await apply(step);
        const { categories, expectedCategories, pairs, expectedPairs } = await derivedAndExpected();
        expect(categories).toEqual(expectedCategories);
        expect(pairs).toEqual(expectedPairs);
      }),
      { numRuns: 30 },
    );
    // The runs must have left something to check.
    expect(await t.db.responsePair.count()).toBeGreaterThan(0);
  }, 240_000);
});
