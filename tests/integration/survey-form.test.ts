// The survey pages' reads and the JSON API's work (lib/db/survey-form.ts, lib/db/responses-endpoints.ts) on both databases.
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  deleteResponseFromApi,
  getResponseFromApi,
  replaceResponseFromApi,
  submitResponseFromApi,
} from "@/lib/db/responses-endpoints";
import { findRoundBySlug, getSurveyCatalogue } from "@/lib/db/survey-form";
import type { ApiErrorBody } from "@/lib/survey/api-error";
import { newEditToken } from "@/lib/survey/edit-token";
import { formDataToResponseInput } from "@/lib/survey/response-form";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

const body = (overrides: Record<string, unknown> = {}) => ({
  round: "openstack-2026",
  token: newEditToken(),
  teams: ["nova"],
  notOpenStackContributor: false,
  projects: [{ slug: "sqlalchemy", kinds: ["code"], frequency: "regularly" }],
  others: ["pypa/pip", "my-own-tool"],
  yearsContributing: 3,
  employerPaid: "yes",
  comment: null,
  ...overrides,
});

describeEachDatabase("survey form and response API", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.drop());

  const counts = async () => ({
    responses: await t.db.response.count(),
    projects: await t.db.responseProject.count(),
    teams: await t.db.responseTeam.count(),
    others: await t.db.otherEntry.count(),
    tombstones: await t.db.responseTombstone.count(),
  });

  it("offers the round's catalogue by category, with teams and OpenStack dependencies marked", async () => {
    const round = await findRoundBySlug(t.db, "openstack-2026");
    expect(round?.status).toBe("open");
    const catalogue = await getSurveyCatalogue(t.db, round!.id);
    expect(catalogue.categories).toHaveLength(16);
    expect(catalogue.teams).toHaveLength(42);
    const projects = catalogue.categories.flatMap((category) => category.projects);
    expect(projects).toHaveLength(148);
    const sqlalchemy = projects.find((project) => project.slug === "sqlalchemy");
    expect(sqlalchemy).toMatchObject({ name: "SQLAlchemy", isOpenStackDependency: true });
    expect(sqlalchemy?.aliases).toContain("sqlalchemy/sqlalchemy");
    expect(projects.find((project) => project.slug === "kubernetes")?.aliases).toContain("k8s");
    expect(projects.find((project) => project.slug === "debian")?.isOpenStackDependency).toBe(false);
    const categoryOf = new Map(catalogue.categories.map((category) => [category.slug, category]));
    for (const project of projects) expect(categoryOf.get(project.categorySlug)?.projects).toContain(project);
    expect(catalogue.teams.find((team) => team.slug === "nova")?.deliverables).toContain("nova");
  });

  it("leaves out projects no longer active and projects the round does not offer", async () => {
    const round = (await findRoundBySlug(t.db, "openstack-2026"))!;
    const qemu = await t.db.project.findUniqueOrThrow({ where: { slug: "qemu" } });
    await t.db.project.update({ where: { id: qemu.id }, data: { status: "retired" } });
    try {
      const catalogue = await getSurveyCatalogue(t.db, round.id);
      expect(catalogue.categories.flatMap((c) => c.projects).some((p) => p.slug === "qemu")).toBe(false);
    } finally {
      await t.db.project.update({ where: { id: qemu.id }, data: { status: "active" } });
    }
    expect(await findRoundBySlug(t.db, "no-such-round")).toBeNull();
  });

  it("creates with 201, repeats idempotently with 200, and stores one response", async () => {
    const before = await counts();
    const request = body();
    const first = await submitResponseFromApi(t.db, request);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ editUrl: `/r/${request.token}`, created: true });
    const again = await submitResponseFromApi(t.db, request);
    expect(again.status).toBe(200);
    expect(again.body.responseId).toBe(first.body.responseId);
    expect((await counts()).responses).toBe(before.responses + 1);
  });

  it("answers 400, 404, 409 with messages and stores nothing", async () => {
    const before = await counts();
    const invalid = await submitResponseFromApi(
      t.db,
      body({ projects: [{ slug: "sqlalchemy", kinds: [], frequency: "daily" }], extra: 1 }),
    );
    expect(invalid.status).toBe(400);
    expect(Object.keys((invalid.body as unknown as ApiErrorBody).error.fields ?? {})).toEqual(
      expect.arrayContaining(["projects.0.kinds", "projects.0.frequency"]),
    );
    for (const junk of [null, [], "text", 42, { __proto__: { round: "x" } }]) {
      expect((await submitResponseFromApi(t.db, junk)).status).toBe(400);
    }
    expect(
      (
        await submitResponseFromApi(
          t.db,
          body({ projects: [{ slug: "not-a-project", kinds: ["code"], frequency: "once" }] }),
        )
      ).status,
    ).toBe(400);
    expect((await submitResponseFromApi(t.db, body({ round: "no-such-round" }))).status).toBe(404);
    expect((await submitResponseFromApi(t.db, body({ round: "demo-2025" }))).status).toBe(404); // not seeded here
    await t.db.round.update({ where: { slug: "openstack-2026" }, data: { status: "closed" } });
    try {
      expect((await submitResponseFromApi(t.db, body())).status).toBe(409);
    } finally {
      await t.db.round.update({ where: { slug: "openstack-2026" }, data: { status: "open" } });
    }
    expect(await counts()).toEqual(before);
  });

  it("reads, replaces and deletes through the edit link, then answers 410", async () => {
    const request = body();
    await submitResponseFromApi(t.db, request);
    const read = await getResponseFromApi(t.db, request.token);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      isEditable: true,
      round: { slug: "openstack-2026", status: "open" },
      answer: {
        teams: ["nova"],
        projects: [{ slug: "sqlalchemy", kinds: ["code"], frequency: "regularly" }],
        others: ["pypa/pip", "my-own-tool"],
      },
    });
    expect(JSON.stringify(read.body)).not.toContain(request.token);

    const {
      token: _token,
      round: _round,
      ...withoutToken
    } = body({ projects: [{ slug: "libvirt", kinds: ["docs"], frequency: "once" }], others: [] });
    const replaced = await replaceResponseFromApi(t.db, request.token, withoutToken);
    expect(replaced.status).toBe(200);
    const after = await getResponseFromApi(t.db, request.token);
    expect((after.body.answer as { projects: unknown }).projects).toEqual([
      { slug: "libvirt", kinds: ["docs"], frequency: "once" },
    ]);

    expect((await replaceResponseFromApi(t.db, request.token, { ...withoutToken, token: newEditToken() })).status).toBe(
      400,
    );
    expect((await replaceResponseFromApi(t.db, request.token, "not an object")).status).toBe(400);
    expect((await replaceResponseFromApi(t.db, request.token, { ...withoutToken, comment: 7 })).status).toBe(400);

    expect(await deleteResponseFromApi(t.db, request.token)).toEqual({ status: 200, body: { deleted: true } });
    expect((await getResponseFromApi(t.db, request.token)).status).toBe(410);
    expect((await replaceResponseFromApi(t.db, request.token, withoutToken)).status).toBe(410);
    expect((await deleteResponseFromApi(t.db, request.token)).status).toBe(410);
    expect((await submitResponseFromApi(t.db, request)).status).toBe(410);
  });

  it("answers 404 for unknown and forged tokens, and PUT never creates", async () => {
    const before = await counts();
    for (const token of [newEditToken(), "short", "../../etc/passwd", "A".repeat(500), "AAAAAAAAAAAAAAAAAAAAA="]) {
      expect((await getResponseFromApi(t.db, token)).status).toBe(404);
      expect((await replaceResponseFromApi(t.db, token, body({ token: undefined }))).status).toBe(404);
      expect((await deleteResponseFromApi(t.db, token)).status).toBe(404);
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses changes and deletion once the round is closed (409), still reading the answer", async () => {
    const request = body();
    await submitResponseFromApi(t.db, request);
    await t.db.round.update({ where: { slug: "openstack-2026" }, data: { status: "closed" } });
    try {
      expect((await getResponseFromApi(t.db, request.token)).body).toMatchObject({ isEditable: false });
      // An incomplete body is still bad input first: 400, not 409.
      expect((await replaceResponseFromApi(t.db, request.token, {})).status).toBe(400);
      expect((await replaceResponseFromApi(t.db, request.token, body({ token: request.token }))).status).toBe(409);
      expect((await deleteResponseFromApi(t.db, request.token)).status).toBe(409);
    } finally {
      await t.db.round.update({ where: { slug: "openstack-2026" }, data: { status: "open" } });
    }
  });

  it("serialises concurrent edits of one response: every request succeeds and one whole answer wins", async () => {
    const token = newEditToken();
    const before = await counts();
    const variants = [["sqlalchemy", "qemu"], ["libvirt"], ["qemu", "libvirt", "sqlalchemy"], ["pip", "sqlalchemy"]];
    const requests = Array.from({ length: 20 }, (_, i) =>
      body({
        token,
        projects: variants[i % variants.length]!.map((slug) => ({ slug, kinds: ["code"], frequency: "once" })),
      }),
    );
    const results = await Promise.all(requests.map((request) => submitResponseFromApi(t.db, request)));
    expect(results.map((r) => r.status).sort()).toEqual([...Array(19).fill(200), 201]);
    const after = await counts();
    expect(after.responses).toBe(before.responses + 1);
    const read = await getResponseFromApi(t.db, token);
    const slugs = (read.body.answer as { projects: { slug: string }[] }).projects.map((p) => p.slug).sort();
    expect(variants.map((v) => [...v].sort())).toContainEqual(slugs);
  });

  it("answers deletions and edits racing on one response with 200 or 410, never an error, and the delete wins", async () => {
    const before = await counts();
    for (let round = 0; round < 10; round++) {
      const request = body();
      expect((await submitResponseFromApi(t.db, request)).status).toBe(201);
      const { token: _token, round: _round, ...edit } = body({ projects: [{ slug: "libvirt", kinds: ["docs"], frequency: "once" }] });
      const results = await Promise.all([
        deleteResponseFromApi(t.db, request.token),
        replaceResponseFromApi(t.db, request.token, edit),
        deleteResponseFromApi(t.db, request.token),
        submitResponseFromApi(t.db, { ...request, others: [] }),
        replaceResponseFromApi(t.db, request.token, edit),
        deleteResponseFromApi(t.db, request.token),
      ]);
      for (const result of results) expect([200, 410]).toContain(result.status);
      // Exactly one of the deletions took effect; the others found it done.
      expect(results.filter((result, i) => [0, 2, 5].includes(i) && result.status === 200)).toHaveLength(1);
      expect((await getResponseFromApi(t.db, request.token)).status).toBe(410);
    }
    const after = await counts();
    expect({ ...after, tombstones: after.tombstones - 10 }).toEqual(before);
  });

  it("stores a form post exactly as the API would", async () => {
    const token = newEditToken();
    const form = new FormData();
    for (const [name, value] of [
      ["round", "openstack-2026"],
      ["token", token],
      ["notOpenStackContributor", "yes"],
      ["projects", "pip"],
      ["kinds.pip", "maintainer"],
      ["frequency.pip", "occasionally"],
      ["others", "k8s\nsomething-new"],
    ]) {
      form.append(name!, value!);
    }
    const result = await submitResponseFromApi(t.db, formDataToResponseInput(form.entries()));
    expect(result.status).toBe(201);
    const read = await getResponseFromApi(t.db, token);
    expect(read.body.answer).toMatchObject({
      teams: [],
      notOpenStackContributor: true,
      projects: [{ slug: "pip", kinds: ["maintainer"], frequency: "occasionally" }],
      others: ["k8s", "something-new"],
    });
    const stored = await t.db.response.findFirstOrThrow({
      where: { publicId: result.body.responseId as string },
      include: { projects: { include: { project: true } } },
    });
    expect(stored.projects.map((p) => p.project.slug).sort()).toEqual(["kubernetes", "pip"]);
  });
});
