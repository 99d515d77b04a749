// Undo from the audit log, on both databases: map, promote and merge, then undo, and every row of the answers,
// the catalogue and the figures derived from them is as it was (updatedAt aside); and the refusals that say why.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Actor } from "@/lib/db/admin-audit";
import { mergeProjects, previewMerge, renameProject } from "@/lib/db/admin-catalogue";
import { createOrganiser } from "@/lib/db/admin-organisers";
import { listTriageClusters, mapOtherGroup, promoteOtherGroup } from "@/lib/db/admin-triage";
import { undoAuditEntry } from "@/lib/db/admin-undo";
import { saveResponse } from "@/lib/db/submissions";
import { newEditToken } from "@/lib/survey/edit-token";
import { responseInputSchema, type ResponseInput } from "@/lib/survey/response-schema";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

const answer = (overrides: Partial<ResponseInput> = {}): ResponseInput =>
  responseInputSchema.parse({
    round: "openstack-2026",
    token: newEditToken(),
    teams: ["nova"],
    notOpenStackContributor: false,
    projects: [],
    others: [],
    nothingOutsideOpenStack: false,
    yearsContributing: null,
    employerPaid: null,
    comment: null,
    ...overrides,
  });

// Every table a mapping, a promotion or a merge touches, and the ones the database derives from them.
const TABLES = ["response", "responseProject", "otherEntry", "project", "projectAlias", "roundProject", "dependency", "responseCategory", "responsePair", "roundTotal"] as const;

describeEachDatabase("undo from the audit log", (kind) => {
  let t: TestDatabase;
  let actor: Actor;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const admin = await createOrganiser(t.db, { email: "admin@example.org", password: "correct horse battery", role: "admin" });
    actor = { id: admin.id, email: admin.email, role: admin.role };
  });
  afterAll(async () => t?.drop());

  const save = async (input: ResponseInput) => {
    const result = await saveResponse(t.db, input);
    if (!result.ok) throw new Error(result.message);
    return (await t.db.response.findUniqueOrThrow({ where: { publicId: result.responseId } })).id;
  };
  /** Every row of every table, sorted, without updatedAt (an undo is a new write, at a new time). */
  const snapshot = async () => {
    const tables: Record<string, string[]> = {};
    for (const table of TABLES) {
      // The delegates differ in type; each is only asked for all its rows.
      const rows = (await (t.db[table] as unknown as { findMany(): Promise<Record<string, unknown>[]> }).findMany()) ?? [];
      // A figure cell that counted down to zero is the same figure as one never written (the triggers keep it).
      const kept = table === "roundTotal" ? rows.filter((row) => row.respondents !== 0) : rows;
      tables[table] = kept.map(({ updatedAt: _, ...row }) => JSON.stringify(row, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).sort();
    }
    return tables;
  };
  const lastEntry = async (action: string) => t.db.auditLog.findFirstOrThrow({ where: { action }, orderBy: { id: "desc" } });
  const slug = (s: string) => t.db.project.findUniqueOrThrow({ where: { slug: s } });

  it("suggests Kubernetes for “Kubernets”, maps it, and undoing restores every row", async () => {
    await save(answer({ others: ["Kubernets"] }));
    await save(answer({ others: ["kubernets"], projects: [{ slug: "kubernetes", kinds: ["code"], frequency: "once" }] }));
    await save(answer({ others: ["Kubernetes-ish tool", "Kubernets"] }));
    const clusters = await listTriageClusters(t.db);
    const group = clusters.flatMap((c) => c.groups).find((g) => g.normalizedText === "kubernets");
    expect(group?.suggestions[0]).toMatchObject({ name: "Kubernetes", reason: "1 typo from 'Kubernetes'" });

    const before = await snapshot();
    const kubernetes = await slug("kubernetes");
    const mapped = await mapOtherGroup(t.db, actor, { normalizedTexts: ["kubernets"], projectId: kubernetes.id });
    expect(mapped).toMatchObject({ ok: true, value: { entries: 3, addedAnswers: 2, aliases: ["Kubernets"] } });
    expect(await snapshot()).not.toEqual(before);
    const entry = await lastEntry("other.map");
    expect(entry.before + (entry.after ?? "")).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/); // no response ids on the audit page

    expect(await undoAuditEntry(t.db, actor, { auditId: entry.id })).toMatchObject({ ok: true, value: { answers: 2, entries: 3, aliases: 1 } });
    expect(await snapshot()).toEqual(before);
    expect(await undoAuditEntry(t.db, actor, { auditId: entry.id })).toMatchObject({ ok: false, message: expect.stringMatching(/already undone/) });
    expect(await lastEntry("other.map.undo")).toMatchObject({ target: "project:kubernetes", outcome: "ok" });
  });

  it("refuses to undo a mapping whose answers a respondent changed since", async () => {
    await save(answer({ others: ["Zuul jobs lib"] }));
    const zuul = await slug("zuul");
    await mapOtherGroup(t.db, actor, { normalizedTexts: ["zuuljobslib"], projectId: zuul.id });
    const entry = await lastEntry("other.map");
    await t.db.responseProject.updateMany({ where: { projectId: zuul.id, frequency: "unspecified" }, data: { kindCode: true } });
    expect(await undoAuditEntry(t.db, actor, { auditId: entry.id })).toMatchObject({ ok: false, message: expect.stringMatching(/changed by their respondents since/) });
  });

  it("promotes free text to a new project and undoing removes the project and restores every row", async () => {
    await save(answer({ others: ["Ceph RBD"] }));
    await save(answer({ others: ["ceph-rbd"], projects: [{ slug: "qemu", kinds: ["review"], frequency: "regularly" }] }));
    const before = await snapshot();
    const category = await t.db.category.findFirstOrThrow();
    expect(await promoteOtherGroup(t.db, actor, { normalizedText: "cephrbd", name: "Ceph RBD", categoryId: category.id })).toMatchObject({ ok: true });
    const entry = await lastEntry("other.promote");
    expect(await undoAuditEntry(t.db, actor, { auditId: entry.id })).toMatchObject({ ok: true, value: { answers: 2, entries: 2 } });
    expect(await snapshot()).toEqual(before);
    expect(await t.db.project.count({ where: { slug: "ceph-rbd" } })).toBe(0);

    // Once someone else names the new project, taking it away would lose their answer: refused.
    await promoteOtherGroup(t.db, actor, { normalizedText: "cephrbd", name: "Ceph RBD", categoryId: category.id });
    await save(answer({ projects: [{ slug: "ceph-rbd", kinds: ["code"], frequency: "once" }] }));
    const again = await lastEntry("other.promote");
    expect(await undoAuditEntry(t.db, actor, { auditId: again.id })).toMatchObject({ ok: false, message: expect.stringMatching(/named in 1 answers given since/) });
  });

  it("previews a merge, merges, and undoing restores answers, combined answers, aliases and offers exactly", async () => {
    const [a, b] = [await slug("pbr"), await slug("setuptools")];
    await save(answer({ projects: [{ slug: "pbr", kinds: ["code", "docs"], frequency: "regularly" }, { slug: "setuptools", kinds: ["review"], frequency: "once" }] }));
    await save(answer({ projects: [{ slug: "pbr", kinds: ["bugs"], frequency: "occasionally" }] }));
    await save(answer({ others: ["pbr"] }));
    await t.db.projectAlias.create({ data: { projectId: a.id, alias: "pbr tooling for undo", normalized: "pbrtoolingforundo" } });
    const before = await snapshot();

    const preview = await previewMerge(t.db, { fromProjectId: a.id, intoProjectId: b.id });
    const aliasCount = (await t.db.projectAlias.count({ where: { projectId: a.id } })) + 1;
    expect(preview).toMatchObject({ ok: true, value: { answers: 3, combinedAnswers: 1, aliases: aliasCount, from: { name: "pbr" }, into: { name: "setuptools" } } });
    expect(await snapshot()).toEqual(before); // a preview changes nothing
    expect(await mergeProjects(t.db, actor, { fromProjectId: a.id, intoProjectId: b.id })).toMatchObject({ ok: true, value: { combinedAnswers: 1, movedAnswers: 2 } });
    const entry = await lastEntry("project.merge");
    expect(await t.db.mergedSelection.count({ where: { auditLogId: entry.id } })).toBe(2);
    expect(await undoAuditEntry(t.db, actor, { auditId: entry.id })).toMatchObject({ ok: true, value: { answers: 3 } });
    expect(await snapshot()).toEqual(before);
    expect(await t.db.mergedSelection.count()).toBe(0);
  });

  it("refuses to undo a merge when the surviving project changed later, saying what changed", async () => {
    const [a, b] = [await slug("tox"), await slug("virtualenv")];
    await mergeProjects(t.db, actor, { fromProjectId: a.id, intoProjectId: b.id });
    const entry = await lastEntry("project.merge");
    await renameProject(t.db, actor, { projectId: b.id, name: "virtualenv (pypa)" });
    expect(await undoAuditEntry(t.db, actor, { auditId: entry.id })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/“virtualenv \(pypa\)” changed after this merge \(project\.rename on /),
    });
    const rename = await lastEntry("project.rename");
    expect(await undoAuditEntry(t.db, actor, { auditId: rename.id })).toMatchObject({ ok: false, message: "Only a mapping, a promotion or a merge can be undone" });
  });
});
