// The completeness rule across the ways in (form post, JSON API, bulk writes) and in the counting, on both
// databases: incomplete answers are refused, older ones are flagged by the migration and left out of figures.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it, onTestFinished } from "vitest";
import { submitResponseFromApi, replaceResponseFromApi } from "@/lib/db/responses-endpoints";
import { openCounting } from "@/lib/db/read-pool";
import { insertResponsesBulk } from "@/lib/db/responses-bulk";
import { saveResponse } from "@/lib/db/submissions";
import {
  countIncompleteResponses,
  countProjectRespondents,
  countProjectsPerRespondent,
  countRespondents,
  countTeamRespondents,
} from "@/lib/db/summary-queries";
import type { RespondentFilters } from "@/lib/db/respondent-scope";
import { saveFormSubmission } from "@/lib/db/survey-submission";
import { COMPLETENESS_MESSAGES } from "@/lib/survey/completeness";
import { hashEditToken, newEditToken } from "@/lib/survey/edit-token";
import { DEFAULT_QUESTIONS } from "@/lib/survey/questions";
import { responseInputSchema } from "@/lib/survey/response-schema";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

const answer = (overrides: Record<string, unknown> = {}) => ({
  round: "openstack-2026",
  token: newEditToken(),
  teams: ["nova"],
  notOpenStackContributor: false,
  projects: [{ slug: "sqlalchemy", kinds: ["code"], frequency: "regularly" }],
  others: [],
  yearsContributing: null,
  employerPaid: null,
  comment: null,
  ...overrides,
});

const formPost = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data.entries();
};

describeEachDatabase("the completeness rule", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.drop());

  const counts = async () => ({
    responses: await t.db.response.count(),
    teams: await t.db.responseTeam.count(),
    projects: await t.db.responseProject.count(),
    others: await t.db.otherEntry.count(),
  });
  const stored = (token: string) =>
    t.db.response.findUniqueOrThrow({
      where: { editTokenHash: hashEditToken(token) },
      select: { isComplete: true, nothingOutsideOpenStack: true },
    });

  it("the form: a blank post gets both messages and stores nothing; 'nothing outside OpenStack' is an answer", async () => {
    const before = await counts();
    const token = newEditToken();
    const blank = await saveFormSubmission(t.db, formPost([["round", "openstack-2026"], ["token", token], ["yearsContributing", ""]]));
    expect(blank).toMatchObject({
      status: "invalid",
      errors: { teams: COMPLETENESS_MESSAGES.teams, projects: COMPLETENESS_MESSAGES.projects },
    });
    expect(await counts()).toEqual(before);

    const saved = await saveFormSubmission(
      t.db,
      formPost([["round", "openstack-2026"], ["token", token], ["teams", "nova"], ["nothingOutsideOpenStack", "yes"]]),
    );
    expect(saved).toEqual({ status: "ok", token });
    expect(await stored(token)).toEqual({ isComplete: true, nothingOutsideOpenStack: true });
  });

  it("the JSON API: 400 with the messages for a blank answer, on create and on replace, and nothing changes", async () => {
    const before = await counts();
    const blank = await submitResponseFromApi(t.db, answer({ teams: [], projects: [] }));
    expect(blank.status).toBe(400);
    expect(blank.body).toEqual({
      error: {
        code: "invalid_answer",
        message: expect.any(String),
        fields: { teams: COMPLETENESS_MESSAGES.teams, projects: COMPLETENESS_MESSAGES.projects },
      },
    });
    expect(await counts()).toEqual(before);

    const token = newEditToken();
    expect((await submitResponseFromApi(t.db, answer({ token }))).status).toBe(201);
    const emptied = await replaceResponseFromApi(t.db, token, answer({ token, projects: [], others: [] }));
    expect(emptied.status).toBe(400);
    expect(emptied.body).toMatchObject({ error: { code: "invalid_answer", fields: { projects: COMPLETENESS_MESSAGES.projects } } });
    expect(await t.db.responseProject.count({ where: { response: { editTokenHash: hashEditToken(token) } } })).toBe(1);
    // Free text alone completes the answer, and 'not an OpenStack contributor' stands in for a team.
    const freeText = await replaceResponseFromApi(
      t.db,
      token,
      answer({ token, teams: [], notOpenStackContributor: true, projects: [], others: ["my-own-tool"] }),
    );
    expect(freeText.status).toBe(200);
    expect(await stored(token)).toEqual({ isComplete: true, nothingOutsideOpenStack: false });
  });

  it("every write stores the verdict: a bulk write (imports, demo data) of an incomplete answer is flagged", async () => {
    const round = await t.db.round.findUniqueOrThrow({ where: { slug: "openstack-2026" } });
    const nova = await t.db.team.findUniqueOrThrow({ where: { slug: "nova" } });
    const tokens = ["bulk-blank", "bulk-team-only", "bulk-complete"];
    await insertResponsesBulk(t.db, round.id, [
      { editTokenHash: hashEditToken(tokens[0]!), source: "import", teamIds: [], selections: [] },
      { editTokenHash: hashEditToken(tokens[1]!), source: "import", teamIds: [nova.id], selections: [] },
      { editTokenHash: hashEditToken(tokens[2]!), source: "import", teamIds: [nova.id], selections: [], nothingOutsideOpenStack: true },
    ]);
    const flags = await t.db.response.findMany({
      where: { editTokenHash: { in: tokens.map(hashEditToken) } },
      select: { editTokenHash: true, isComplete: true },
    });
    expect(Object.fromEntries(flags.map((row) => [row.editTokenHash, row.isComplete]))).toEqual({
      [hashEditToken("bulk-blank")]: false,
      [hashEditToken("bulk-team-only")]: false,
      [hashEditToken("bulk-complete")]: true,
    });
  });

  it("the migration flags answers stored before the rule, and keeps them", async () => {
    const round = await t.db.round.create({
      data: { slug: "before-the-rule", title: "Before the rule", status: "closed", questions: JSON.stringify(DEFAULT_QUESTIONS) },
    });
    const nova = await t.db.team.findUniqueOrThrow({ where: { slug: "nova" } });
    const pip = await t.db.project.findUniqueOrThrow({ where: { slug: "pip" } });
    const rows = {
      blank: { teams: [], projects: [], others: [] },
      teamOnly: { teams: [nova.id], projects: [], others: [] },
      projectOnly: { teams: [], projects: [pip.id], others: [] },
      teamAndFreeText: { teams: [nova.id], projects: [], others: ["my-own-tool"] },
      teamAndProject: { teams: [nova.id], projects: [pip.id], others: [] },
    };
    await insertResponsesBulk(
      t.db,
      round.id,
      Object.entries(rows).map(([name, row]) => ({
        editTokenHash: hashEditToken(name),
        source: "import" as const,
        teamIds: row.teams,
        selections: row.projects.map((projectId) => ({ projectId, kinds: ["code" as const], frequency: "once" })),
        others: row.others.map((rawText) => ({ rawText, projectId: null })),
      })),
    );
    // As the rows stood before the migration: nothing was flagged.
    await t.db.response.updateMany({ where: { roundId: round.id }, data: { isComplete: true } });
    const migration = readFileSync(
      kind === "sqlite"
        ? "prisma/migrations/20261203040000_response_completeness/migration.sql"
        : "prisma/postgres/migrations/20261203040000_response_completeness/migration.sql",
      "utf8",
    );
    const backfill = migration.slice(migration.indexOf("UPDATE"));
    await t.db.$executeRawUnsafe(backfill);
    const flags = await t.db.response.findMany({ where: { roundId: round.id }, select: { editTokenHash: true, isComplete: true } });
    expect(Object.fromEntries(flags.map((row) => [row.editTokenHash, row.isComplete]))).toEqual({
      [hashEditToken("blank")]: false,
      [hashEditToken("teamOnly")]: false,
      [hashEditToken("projectOnly")]: false,
      [hashEditToken("teamAndFreeText")]: true,
      [hashEditToken("teamAndProject")]: true,
    });
    expect(await t.db.response.count({ where: { roundId: round.id } })).toBe(5);
  });

  it("figures leave incomplete answers out, filtered or not, and the round says how many", async () => {
    const round = await t.db.round.create({
      data: { slug: "counted", title: "Counted", status: "open", questions: JSON.stringify(DEFAULT_QUESTIONS) },
    });
    const projects = await t.db.project.findMany({ where: { slug: { in: ["pip", "sqlalchemy"] } }, orderBy: { slug: "asc" } });
    await t.db.roundProject.createMany({ data: projects.map((p, position) => ({ roundId: round.id, projectId: p.id, position })) });
    const [pip, sqlalchemy] = projects;
    const nova = await t.db.team.findUniqueOrThrow({ where: { slug: "nova" } });
    const complete = [1, 2, 3].map((n) => ({
      editTokenHash: hashEditToken(`counted-${n}`),
      source: "import" as const,
      teamIds: [nova.id],
      selections: [{ projectId: pip!.id, kinds: ["code" as const], frequency: "once" }],
    }));
    const incomplete = [
      // A project but no team: its project and pair rows exist, yet it is not counted.
      { editTokenHash: hashEditToken("counted-x"), source: "import" as const, teamIds: [], selections: [{ projectId: sqlalchemy!.id, kinds: ["code" as const], frequency: "once" }] },
      // A team but nothing outside: its team row exists, yet it is not counted.
      { editTokenHash: hashEditToken("counted-y"), source: "import" as const, teamIds: [nova.id], selections: [] },
    ];
    await insertResponsesBulk(t.db, round.id, [...complete, ...incomplete]);
    const source = { db: t.db, kind, ...openCounting(t) };
    onTestFinished(() => source.reads.close());
    const none: RespondentFilters = { team: null, category: null, employerPaid: null };
    const byTeam: RespondentFilters = { ...none, team: { id: nova.id, slug: "nova", name: "nova" } as RespondentFilters["team"] };
    for (const filters of [none, byTeam]) {
      expect(await countRespondents(source, filters, round.id)).toBe(3);
      expect(await countProjectRespondents(source, filters, round.id)).toMatchObject([{ projectId: pip!.id, respondents: 3 }]);
      expect(await countTeamRespondents(source, filters, round.id)).toMatchObject([{ teamId: nova.id, respondents: 3 }]);
      expect(await countProjectsPerRespondent(source, filters, round.id)).toMatchObject([{ projectCount: 1, respondents: 3 }]);
    }
    expect(await countIncompleteResponses(source, round.id)).toBe(2);
    // A later edit that completes an answer brings it back into the figures.
    const token = newEditToken();
    const nothingOutside = responseInputSchema.parse(answer({ token, round: "counted", projects: [], nothingOutsideOpenStack: true }));
    expect((await saveResponse(t.db, nothingOutside)).ok).toBe(true);
    expect(await countRespondents(source, none, round.id)).toBe(4);
  });
});
