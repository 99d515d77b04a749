// Rounds, catalogue, free-text triage and response deletion as organisers do them, on both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/db/admin-audit";
import {
  addAlias,
  addCategory,
  addProject,
  mergeProjects,
  recategoriseProject,
  removeAlias,
  renameCategory,
  renameProject,
  setProjectRetired,
} from "@/lib/db/admin-catalogue";
import { createOrganiser } from "@/lib/db/admin-organisers";
import { deleteResponseAsOrganiser, listResponses } from "@/lib/db/admin-responses";
import { closeRound, createRound, listRoundsWithCounts, openRound } from "@/lib/db/admin-rounds";
import { listUnmatchedOtherGroups, mapOtherGroup, promoteOtherGroup } from "@/lib/db/admin-triage";
import { getResponseByToken, isResponseDeleted } from "@/lib/db/responses";
import { saveResponse } from "@/lib/db/submissions";
import { newEditToken } from "@/lib/survey/edit-token";
import { responseInputSchema, type ResponseInput } from "@/lib/survey/response-schema";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

// A complete answer: a team, and the projects or free text given, or else "nothing outside OpenStack".
const answer = (overrides: Partial<ResponseInput> = {}): ResponseInput => {
  const names = (overrides.projects?.length ?? 0) + (overrides.others?.length ?? 0);
  return responseInputSchema.parse({
    round: "openstack-2026",
    token: newEditToken(),
    teams: ["nova"],
    notOpenStackContributor: false,
    projects: [],
    others: [],
    nothingOutsideOpenStack: names === 0,
    yearsContributing: null,
    employerPaid: null,
    comment: null,
    ...overrides,
  });
};

describeEachDatabase("admin curation", (kind) => {
  let t: TestDatabase;
  let actor: Actor;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const admin = await createOrganiser(t.db, { email: "admin@example.org", password: "correct horse battery", role: "admin" });
    actor = { id: admin.id, email: admin.email, role: admin.role };
  });
  afterAll(async () => t?.drop());

  /** Saves an answer and returns its internal id, the one its selections and free text are stored under. */
  const save = async (input: ResponseInput) => {
    const result = await saveResponse(t.db, input);
    if (!result.ok) throw new Error(result.message);
    return (await t.db.response.findUniqueOrThrow({ where: { publicId: result.responseId } })).id;
  };
  const project = (slug: string) => t.db.project.findUniqueOrThrow({ where: { slug }, include: { aliases: true } });
  const audits = (action: string) => t.db.auditLog.findMany({ where: { action }, orderBy: { id: "asc" } });

  describe("rounds", () => {
    it("creates a draft round copying the previous round's projects and questions", async () => {
      const previous = await t.db.round.findUniqueOrThrow({ where: { slug: "openstack-2026" }, include: { projects: true } });
      const created = await createRound(t.db, actor, { slug: "openstack-2027", title: "OpenStack 2027" });
      expect(created.ok).toBe(true);
      const round = await t.db.round.findUniqueOrThrow({ where: { slug: "openstack-2027" }, include: { projects: true } });
      expect(round.status).toBe("draft");
      expect(round.questions).toBe(previous.questions);
      expect(round.projects.map((p) => p.projectId).sort()).toEqual(previous.projects.map((p) => p.projectId).sort());
      expect(await createRound(t.db, actor, { slug: "openstack-2027", title: "again" })).toMatchObject({ ok: false, field: "slug" });
      const [entry] = await audits("round.create");
      expect(entry).toMatchObject({ organiserId: actor.id, actorEmail: "admin@example.org", target: "round:openstack-2027", outcome: "ok" });
    });

    it("refuses to open a second round, closes one so submissions stop at once, and reopens it", async () => {
      const draft = await t.db.round.findUniqueOrThrow({ where: { slug: "openstack-2027" } });
      const open = await t.db.round.findUniqueOrThrow({ where: { slug: "openstack-2026" } });
      expect(await openRound(t.db, actor, draft.id)).toMatchObject({ ok: false, message: expect.stringMatching(/Close “.*” first/) });
      const input = answer({ projects: [{ slug: "qemu", kinds: ["code"], frequency: "once" }] });
      await save(input);
      expect(await closeRound(t.db, actor, open.id)).toEqual({ ok: true, value: undefined });
      expect(await saveResponse(t.db, { ...input, projects: [] })).toMatchObject({ ok: false, reason: "round-closed" });
      expect(await saveResponse(t.db, answer())).toMatchObject({ ok: false, reason: "round-closed" });
      expect(await closeRound(t.db, actor, open.id)).toMatchObject({ ok: false });
      expect(await openRound(t.db, actor, open.id)).toMatchObject({ ok: true });
      expect((await t.db.round.findUniqueOrThrow({ where: { id: open.id } })).status).toBe("open");
      expect((await audits("round.close")).map((a) => [a.before, a.after])).toEqual([['{"status":"open"}', '{"status":"closed"}']]);
      expect(await audits("round.reopen")).toHaveLength(1);
      const counts = await listRoundsWithCounts(t.db);
      expect(counts.find((r) => r.slug === "openstack-2026")?.responseCount).toBe(1);
    });
  });

  describe("catalogue", () => {
    it("adds a project, offered by the open and draft rounds, and refuses a name already taken", async () => {
      const category = await t.db.category.findFirstOrThrow();
      const added = await addProject(t.db, actor, { name: "Zuul Jobs Library", categoryId: category.id });
      expect(added).toMatchObject({ ok: true, value: { slug: "zuul-jobs-library" } });
      const offered = await t.db.roundProject.findMany({ where: { project: { slug: "zuul-jobs-library" } }, include: { round: true } });
      expect(offered.map((o) => o.round.slug).sort()).toEqual(["openstack-2026", "openstack-2027"]);
      expect(await addProject(t.db, actor, { name: "zuul jobs-library", categoryId: category.id })).toMatchObject({ ok: false, field: "name" });
      expect(await addProject(t.db, actor, { name: "pypa/pip", categoryId: category.id })).toMatchObject({
        ok: false,
        message: expect.stringMatching(/alias of another project/),
      });
    });

    it("renames keeping the slug and the old name as an alias; refuses a rename onto another project's name", async () => {
      const pip = await project("pip");
      expect(await renameProject(t.db, actor, { projectId: pip.id, name: "pip (PyPA)" })).toMatchObject({ ok: true });
      const renamed = await project("pip");
      expect(renamed.name).toBe("pip (PyPA)");
      expect(renamed.aliases.map((a) => a.alias)).toContain("pip");
      const qemu = await project("qemu");
      const before = await t.db.project.findMany({ orderBy: { id: "asc" } });
      expect(await renameProject(t.db, actor, { projectId: qemu.id, name: "PIP PyPA" })).toMatchObject({ ok: false, field: "name" });
      expect(await renameProject(t.db, actor, { projectId: qemu.id, name: "pip" })).toMatchObject({ ok: false, field: "name" });
      expect(await t.db.project.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    });

    it("re-categorises, retires and un-retires; categories can be added and renamed but not onto a taken name", async () => {
      const libvirt = await project("libvirt");
      const added = await addCategory(t.db, actor, { name: "Virtualisation stack" });
      if (!added.ok) throw new Error(added.message);
      expect(await recategoriseProject(t.db, actor, { projectId: libvirt.id, categoryId: added.value.id })).toMatchObject({ ok: true });
      expect((await project("libvirt")).categoryId).toBe(added.value.id);
      const other = await t.db.category.findFirstOrThrow({ where: { id: { not: added.value.id } } });
      expect(await renameCategory(t.db, actor, { categoryId: added.value.id, name: other.name })).toMatchObject({ ok: false, field: "name" });
      expect(await renameCategory(t.db, actor, { categoryId: added.value.id, name: "Virtualisation" })).toMatchObject({ ok: true });
      expect(await setProjectRetired(t.db, actor, { projectId: libvirt.id, isRetired: true })).toMatchObject({ ok: true });
      expect((await project("libvirt")).status).toBe("retired");
      // A new round does not offer a retired project.
      await createRound(t.db, actor, { slug: "openstack-2028", title: "OpenStack 2028" });
      expect(await t.db.roundProject.count({ where: { round: { slug: "openstack-2028" }, projectId: libvirt.id } })).toBe(0);
      expect(await setProjectRetired(t.db, actor, { projectId: libvirt.id, isRetired: false })).toMatchObject({ ok: true });
      expect((await project("libvirt")).status).toBe("active");
      expect((await audits("project.retire"))[0]).toMatchObject({ before: '{"status":"active"}', after: '{"status":"retired"}' });
    });

    it("adds and removes aliases, refusing one that names another project", async () => {
      const tox = await project("tox");
      expect(await addAlias(t.db, actor, { projectId: tox.id, alias: "tox-runner/tox" })).toMatchObject({ ok: true });
      expect(await addAlias(t.db, actor, { projectId: tox.id, alias: "QEMU" })).toMatchObject({ ok: false, field: "alias" });
      const alias = await t.db.projectAlias.findUniqueOrThrow({ where: { normalized: "toxrunnertox" } });
      expect(await removeAlias(t.db, actor, { aliasId: alias.id })).toMatchObject({ ok: true });
      expect(await t.db.projectAlias.findUnique({ where: { normalized: "toxrunnertox" } })).toBeNull();
    });

    it("merges A into B in one go: answers combine, free text and round offers move, the old slug and name resolve", async () => {
      const a = await project("pbr");
      const b = await project("setuptools");
      // One respondent named both, one only A, one typed A's name as free text.
      const both = await save(
        answer({
          projects: [
            { slug: "pbr", kinds: ["code", "docs"], frequency: "regularly" },
            { slug: "setuptools", kinds: ["review"], frequency: "once" },
          ],
        }),
      );
      const onlyA = await save(answer({ projects: [{ slug: "pbr", kinds: ["bugs"], frequency: "occasionally" }] }));
      const typed = await save(answer({ others: ["pbr"] }));
      const dependencyCount = await t.db.dependency.count({ where: { projectId: a.id } });

      expect(await mergeProjects(t.db, actor, { fromProjectId: a.id, intoProjectId: a.id })).toMatchObject({ ok: false, message: "A project cannot be merged into itself" });
      const result = await mergeProjects(t.db, actor, { fromProjectId: a.id, intoProjectId: b.id });
      expect(result).toMatchObject({ ok: true, value: { combinedAnswers: 1, movedAnswers: 2, dependencies: dependencyCount } });

      expect(await t.db.responseProject.count({ where: { projectId: a.id } })).toBe(0);
      const combined = await t.db.responseProject.findUniqueOrThrow({ where: { responseId_projectId: { responseId: both, projectId: b.id } } });
      expect(combined).toMatchObject({ kindCode: true, kindDocs: true, kindReview: true, kindBugs: false, frequency: "regularly" });
      expect((await t.db.response.findUniqueOrThrow({ where: { id: both } })).projectCount).toBe(1);
      expect(await t.db.responseProject.findUniqueOrThrow({ where: { responseId_projectId: { responseId: onlyA, projectId: b.id } } })).toMatchObject({
        kindBugs: true,
        frequency: "occasionally",
      });
      expect((await t.db.otherEntry.findFirstOrThrow({ where: { responseId: typed } })).projectId).toBe(b.id);
      expect(await t.db.dependency.count({ where: { projectId: a.id } })).toBe(0);
      expect(await t.db.roundProject.count({ where: { projectId: a.id } })).toBe(0);

      const merged = await project("pbr");
      expect(merged).toMatchObject({ status: "merged", mergedIntoId: b.id, aliases: [] });
      expect((await project("setuptools")).aliases.map((x) => x.alias)).toContain(a.name);
      // The old slug keeps working on the form, and the old name keeps matching typed text.
      const viaSlug = answer({ projects: [{ slug: "pbr", kinds: ["code"], frequency: "once" }], others: ["PBR"] });
      await save(viaSlug);
      const stored = await getResponseByToken(t.db, viaSlug.token);
      expect(stored?.projects.map((p) => p.project.slug)).toEqual(["setuptools"]);
      expect(stored?.others[0]?.projectId).toBe(b.id);

      expect(await mergeProjects(t.db, actor, { fromProjectId: a.id, intoProjectId: b.id })).toMatchObject({ ok: false });
      const [entry] = await audits("project.merge");
      expect(JSON.parse(entry?.after ?? "{}")).toMatchObject({ mergedInto: "setuptools", combinedAnswers: 1 });
    });
  });

  describe("free-text triage", () => {
    it("groups unmatched text, maps a group to a project and re-codes every response that typed it", async () => {
      const first = await save(answer({ others: ["HyperFooBar"] }));
      const second = await save(answer({ others: ["hyper foobar"], projects: [{ slug: "qemu", kinds: ["code"], frequency: "once" }] }));
      const groups = await listUnmatchedOtherGroups(t.db);
      const group = groups.find((g) => g.normalizedText === "hyperfoobar");
      expect(group).toMatchObject({ count: 2 });
      expect(group?.examples.sort()).toEqual(["HyperFooBar", "hyper foobar"].sort());
      const target = (await addProject(t.db, actor, { name: "HFB toolkit", categoryId: (await t.db.category.findFirstOrThrow()).id })) as {
        ok: true;
        value: { id: number };
      };
      const mapped = await mapOtherGroup(t.db, actor, { normalizedTexts: ["hyperfoobar"], projectId: target.value.id });
      expect(mapped).toMatchObject({ ok: true, value: { entries: 2, addedAnswers: 2, aliases: ["HyperFooBar"] } });
      for (const responseId of [first, second]) {
        expect(await t.db.responseProject.findUniqueOrThrow({ where: { responseId_projectId: { responseId, projectId: target.value.id } } })).toMatchObject({
          frequency: "unspecified",
          kindCode: false,
        });
      }
      expect((await t.db.response.findUniqueOrThrow({ where: { id: second } })).projectCount).toBe(2);
      expect((await listUnmatchedOtherGroups(t.db)).some((g) => g.normalizedText === "hyperfoobar")).toBe(false);
      expect(await mapOtherGroup(t.db, actor, { normalizedTexts: ["hyperfoobar"], projectId: target.value.id })).toMatchObject({ ok: false });
    });

    it("promotes a group to a new project offered by the open round", async () => {
      const responseId = await save(answer({ others: ["Ceph RBD"] }));
      const category = await t.db.category.findFirstOrThrow();
      expect(await promoteOtherGroup(t.db, actor, { normalizedText: "cephrbd", name: "qemu", categoryId: category.id })).toMatchObject({ ok: false, field: "name" });
      const promoted = await promoteOtherGroup(t.db, actor, { normalizedText: "cephrbd", name: "Ceph RBD", categoryId: category.id });
      expect(promoted).toMatchObject({ ok: true, value: { slug: "ceph-rbd", entries: 1, addedAnswers: 1 } });
      const ceph = await project("ceph-rbd");
      expect(await t.db.roundProject.count({ where: { projectId: ceph.id, round: { slug: "openstack-2026" } } })).toBe(1);
      expect(await t.db.responseProject.count({ where: { responseId, projectId: ceph.id } })).toBe(1);
      expect((await audits("other.promote"))[0]?.target).toBe("project:ceph-rbd");
      // The next respondent who types it is matched at once.
      const next = answer({ others: ["ceph-rbd"] });
      await save(next);
      expect((await getResponseByToken(t.db, next.token))?.projects.map((p) => p.project.slug)).toEqual(["ceph-rbd"]);
    });
  });

  describe("responses", () => {
    it("lists with filters and pages, and deletes one leaving a tombstone and an audit entry", async () => {
      const input = answer({ teams: ["neutron"], projects: [{ slug: "libvirt", kinds: ["docs"], frequency: "once" }] });
      const internalId = await save(input);
      // Organisers name a response by its public id; its rows hang off the internal one.
      const { publicId: id } = await t.db.response.findUniqueOrThrow({ where: { id: internalId } });
      expect(internalId).not.toBe(id);
      const team = await t.db.team.findUniqueOrThrow({ where: { slug: "neutron" } });
      const listed = await listResponses(t.db, { teamId: team.id });
      expect(listed.rows.map((r) => r.publicId)).toEqual([id]);
      expect((await listResponses(t.db, { page: 99 })).page).toBe(1);
      expect(await t.db.responseProject.count({ where: { responseId: internalId } })).toBe(1);
      expect(await deleteResponseAsOrganiser(t.db, actor, id)).toEqual({ ok: true, value: undefined });
      expect(await isResponseDeleted(t.db, input.token)).toBe(true);
      expect(await t.db.responseProject.count({ where: { responseId: internalId } })).toBe(0);
      expect(await deleteResponseAsOrganiser(t.db, actor, id)).toMatchObject({ ok: false });
      const [entry] = await audits("response.delete");
      expect(entry).toMatchObject({ target: `response:${id}`, organiserId: actor.id });
      expect(entry?.before).not.toMatch(/libvirt|neutron/);
    });
  });
});
