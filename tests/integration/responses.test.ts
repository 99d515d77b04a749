import { afterAll, beforeAll, expect, it } from "vitest";
import { DemoRefused, fillDemoRounds } from "@/lib/db/demo";
import { deleteResponse, getResponseByToken, isResponseDeleted } from "@/lib/db/responses";
import { saveResponse } from "@/lib/db/submissions";
import { getResponseFromApi, submitResponseFromApi } from "@/lib/db/responses-endpoints";
import { newEditToken } from "@/lib/survey/edit-token";
import { responseInputSchema, type ResponseInput } from "@/lib/survey/response-schema";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

const answer = (overrides: Partial<ResponseInput> = {}): ResponseInput =>
  responseInputSchema.parse({
    round: "openstack-2026",
    token: newEditToken(),
    teams: ["nova", "neutron"],
    notOpenStackContributor: false,
    projects: [
      { slug: "sqlalchemy", kinds: ["code", "review"], frequency: "regularly" },
      { slug: "qemu", kinds: ["bugs"], frequency: "once" },
    ],
    others: ["pypa/pip", "my-own-tool"],
    yearsContributing: 6,
    employerPaid: "partly",
    comment: "Thanks!",
    ...overrides,
  });

describeEachDatabase("responses", (kind) => {
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
  });

  it("stores answers by id, matching free text to the catalogue and keeping the raw text", async () => {
    const input = answer();
    const result = await saveResponse(t.db, input);
    expect(result).toMatchObject({ ok: true, created: true });
    const stored = await getResponseByToken(t.db, input.token);
    expect(stored?.projects.map((p) => p.project.slug).sort()).toEqual(["pip", "qemu", "sqlalchemy"]);
    expect(stored?.teams.map((p) => p.team.slug).sort()).toEqual(["neutron", "nova"]);
    const pip = stored?.projects.find((p) => p.project.slug === "pip");
    expect(pip?.frequency).toBe("unspecified");
    expect(stored?.others.map((o) => [o.rawText, o.projectId !== null])).toEqual([
      ["pypa/pip", true],
      ["my-own-tool", false],
    ]);
    expect(stored?.projectCount).toBe(3);
    const sqla = stored?.projects.find((p) => p.project.slug === "sqlalchemy");
    expect(sqla).toMatchObject({ kindCode: true, kindReview: true, kindBugs: false, frequency: "regularly" });
  });

  it("never creates two responses for a double submission, even concurrently", async () => {
    const input = answer();
    const before = await counts();
    const results = await Promise.all(Array.from({ length: 8 }, () => saveResponse(t.db, input)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await counts()).responses).toBe(before.responses + 1);
  });

  it("keys a response's rows by a time-ordered internal id and names it everywhere by a random public id", async () => {
    const inputs = [answer(), answer(), answer()];
    const saved = [];
    // One after the other, so each is its own transaction and the order of submission is known.
    for (const input of inputs) saved.push(await saveResponse(t.db, input));
    const publicIds = saved.map((r) => (r.ok ? r.responseId : ""));
    const stored = await Promise.all(publicIds.map((publicId) => t.db.response.findUniqueOrThrow({ where: { publicId } })));
    const internalIds = stored.map((r) => r.id);
    expect(internalIds.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab]/.test(id))).toBe(true);
    expect([...internalIds].sort()).toEqual(internalIds);
    expect(publicIds.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab]/.test(id))).toBe(true);
    // The rows hang off the internal id.
    expect(await t.db.responseProject.count({ where: { responseId: internalIds[0] } })).toBe(3);

    // The API answers with the public id only, and an edit keeps both ids.
    const token = inputs[0]!.token;
    const read = await getResponseFromApi(t.db, token);
    expect(read.body.responseId).toBe(publicIds[0]);
    expect(JSON.stringify(read.body)).not.toContain(internalIds[0]);
    const edited = await submitResponseFromApi(t.db, { ...inputs[0]!, comment: "edited" });
    expect(edited.body).toMatchObject({ responseId: publicIds[0], created: false });
    expect(await t.db.response.findUniqueOrThrow({ where: { editTokenHash: stored[0]!.editTokenHash } })).toMatchObject({
      id: internalIds[0],
      publicId: publicIds[0],
      comment: "edited",
    });
  });

  it("replaces the old selections when the edit link's holder changes the answer", async () => {
    const input = answer();
    await saveResponse(t.db, input);
    const changed = await saveResponse(t.db, { ...input, projects: [{ slug: "libvirt", kinds: ["docs"], frequency: "occasionally" }], others: [], teams: [] });
    expect(changed).toMatchObject({ ok: true, created: false });
    const stored = await getResponseByToken(t.db, input.token);
    expect(stored?.projects.map((p) => p.project.slug)).toEqual(["libvirt"]);
    expect(stored?.teams).toEqual([]);
    expect(stored?.others).toEqual([]);
  });

  it("applies concurrent edits of one response all-or-nothing: the result is exactly one of them", async () => {
    const input = answer();
    await saveResponse(t.db, input);
    const variants = ["pip", "tox", "qemu", "libvirt", "flask", "django", "ceph", "etcd"].map((slug, i) => ({
      ...input,
      teams: i % 2 === 0 ? ["nova"] : ["neutron", "cinder"],
      projects: [{ slug, kinds: ["code" as const], frequency: "once" as const }],
      others: [`other-${slug}`],
    }));
    const results = await Promise.all(variants.map((v) => saveResponse(t.db, v)));
    expect(results.every((r) => r.ok)).toBe(true);
    const stored = await getResponseByToken(t.db, input.token);
    const slug = stored?.projects.map((p) => p.project.slug);
    expect(slug).toHaveLength(1);
    const winner = variants.find((v) => v.projects[0]?.slug === slug?.[0]);
    expect(stored?.teams.map((x) => x.team.slug).sort()).toEqual([...(winner?.teams ?? [])].sort());
    expect(stored?.others.map((o) => o.rawText)).toEqual(winner?.others);
  });

  it("keeps neighbours apart when concurrent submissions are written together", async () => {
    const before = await counts();
    const good = Array.from({ length: 30 }, () => answer());
    const bad = Array.from({ length: 10 }, () => answer({ projects: [{ slug: "no-such-project", kinds: ["code"], frequency: "once" }] }));
    const results = await Promise.all([...good, ...bad].map((input) => saveResponse(t.db, input)));
    expect(results.slice(0, 30).every((r) => r.ok)).toBe(true);
    expect(results.slice(30).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect((await counts()).responses).toBe(before.responses + 30);
    for (const input of good.slice(0, 3)) {
      const stored = await getResponseByToken(t.db, input.token);
      expect(stored?.projects.map((p) => p.project.slug).sort()).toEqual(["pip", "qemu", "sqlalchemy"]);
    }
  });

  it("rejects unknown ids with field errors and stores nothing", async () => {
    const before = await counts();
    const result = await saveResponse(
      t.db,
      answer({ teams: ["no-such-team"], projects: [{ slug: "no-such-project", kinds: ["code"], frequency: "once" }] }),
    );
    expect(result).toMatchObject({ ok: false, reason: "invalid" });
    if (!result.ok) {
      expect(result.errors["projects.0.slug"]).toMatch(/not a project of this survey/);
      expect(result.errors["teams.0"]).toMatch(/not an OpenStack team/);
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses answers to a closed or unknown round", async () => {
    const before = await counts();
    expect(await saveResponse(t.db, answer({ round: "no-such-round" }))).toMatchObject({ ok: false, reason: "round-not-found" });
    await t.db.round.update({ where: { slug: "openstack-2026" }, data: { status: "closed" } });
    try {
      expect(await saveResponse(t.db, answer())).toMatchObject({ ok: false, reason: "round-closed" });
    } finally {
      await t.db.round.update({ where: { slug: "openstack-2026" }, data: { status: "open" } });
    }
    expect(await counts()).toEqual(before);
  });

  it("deletes every row of a response and remembers only that the link was deleted", async () => {
    const input = answer();
    const saved = await saveResponse(t.db, input);
    if (!saved.ok) throw new Error("save failed");
    const { id } = await t.db.response.findUniqueOrThrow({ where: { publicId: saved.responseId } });
    const rowsOf = async () => [
      await t.db.responseProject.count({ where: { responseId: id } }),
      await t.db.responseTeam.count({ where: { responseId: id } }),
      await t.db.otherEntry.count({ where: { responseId: id } }),
    ];
    expect((await rowsOf()).every((n) => n > 0)).toBe(true);
    expect(await deleteResponse(t.db, { token: input.token }, "respondent")).toEqual({ ok: true });
    expect(await rowsOf()).toEqual([0, 0, 0]);
    expect(await getResponseByToken(t.db, input.token)).toBeNull();
    expect(await isResponseDeleted(t.db, input.token)).toBe(true);
    expect(await saveResponse(t.db, input)).toMatchObject({ ok: false, reason: "deleted" });
  });

  it("fills the demo rounds reproducibly and refuses a round with real answers", async () => {
    await fillDemoRounds(t.db, { count: 60, seed: 1 });
    const first = await t.db.responseProject.count({ where: { response: { round: { slug: "demo-2025" } } } });
    await fillDemoRounds(t.db, { count: 60, seed: 1 });
    expect(await t.db.response.count({ where: { round: { slug: "demo-2025" } } })).toBe(60);
    expect(await t.db.responseProject.count({ where: { response: { round: { slug: "demo-2025" } } } })).toBe(first);
    const demo = await t.db.round.findUniqueOrThrow({ where: { slug: "demo-2026" } });
    await t.db.round.update({ where: { id: demo.id }, data: { status: "open" } });
    await saveResponse(t.db, answer({ round: "demo-2026" }));
    await expect(fillDemoRounds(t.db, { count: 60, seed: 1 })).rejects.toThrow(DemoRefused);
    expect(await t.db.response.count({ where: { roundId: demo.id } })).toBe(61);
  });
});
