// Catalogue names cannot impersonate each other: a name or alias that only looks like an existing one (Unicode
// TR39 confusable skeleton) is refused with a message saying so, and nothing is written.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Actor } from "@/lib/db/admin-audit";
import { addAlias, addProject, renameProject } from "@/lib/db/admin-catalogue";
import { createOrganiser } from "@/lib/db/admin-organisers";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

describeEachDatabase("look-alike catalogue names", (kind) => {
  let t: TestDatabase;
  let actor: Actor;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const admin = await createOrganiser(t.db, { email: "admin@example.org", password: "correct horse battery", role: "admin" });
    actor = { id: admin.id, email: admin.email, role: admin.role };
  });
  afterAll(async () => t?.drop());

  it("refuses a project, a rename and an alias that look like an existing name, and writes nothing", async () => {
    const kubernetes = await t.db.project.findUniqueOrThrow({ where: { slug: "kubernetes" } });
    const other = await t.db.project.findUniqueOrThrow({ where: { slug: "sqlalchemy" } });
    const before = { projects: await t.db.project.count(), aliases: await t.db.projectAlias.count() };
    const lookAlike = { ok: false, message: expect.stringMatching(/looks like “Kubernetes”/) };
    expect(await addProject(t.db, actor, { name: "Kubernеtes", categoryId: kubernetes.categoryId })).toMatchObject(lookAlike); // Cyrillic е
    expect(await renameProject(t.db, actor, { projectId: other.id, name: "Kubernеtes" })).toMatchObject(lookAlike);
    expect(await addAlias(t.db, actor, { projectId: other.id, alias: "Kubernеtes" })).toMatchObject(lookAlike);
    expect({ projects: await t.db.project.count(), aliases: await t.db.projectAlias.count() }).toEqual(before);
    expect((await t.db.project.findUniqueOrThrow({ where: { id: other.id } })).name).toBe("SQLAlchemy");
  });

  it("still accepts a name that reads differently, and the project's own look-alike spelling", async () => {
    const kubernetes = await t.db.project.findUniqueOrThrow({ where: { slug: "kubernetes" } });
    expect(await addProject(t.db, actor, { name: "Kubeflow Pipelines", categoryId: kubernetes.categoryId })).toMatchObject({ ok: true });
    expect(await addAlias(t.db, actor, { projectId: kubernetes.id, alias: "Kubernеtes" })).toMatchObject({ ok: true });
  });
});
