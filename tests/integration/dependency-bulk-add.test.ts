// Adding the dependencies not in the survey yet as catalogue projects, on both databases: suggestions, the
// all-or-nothing save with aliases and mapping, the audit entry, the projects offered in the open round, and
// the share of external dependencies respondents can name, before and after.
import { afterAll, beforeAll, expect, it } from "vitest";
import { addDependencyProjects, listBulkAddSuggestions } from "@/lib/db/admin-dependencies";
import { findRoundDependencyLoad } from "@/lib/db/dependency-history";
import { listDependencyProjects, listUnmatchedDependencies } from "@/lib/db/dependency-queries";
import { DEFAULT_ROUND_SLUG } from "@/lib/db/catalogue";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

describeEachDatabase("bulk add of uncatalogued dependencies", (kind) => {
  let t: TestDatabase;
  let actor: { id: number; email: string; role: string };
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const organiser = await t.db.organiser.create({
      data: { email: "bulk@example.org", passwordHash: "-", role: "admin" },
    });
    actor = { id: organiser.id, email: organiser.email, role: organiser.role };
  });
  afterAll(async () => t?.drop());

  async function inSurveyShare() {
    const loadId = await findRoundDependencyLoad(t.db, { status: "open", closesAt: null });
    const projects = (await listDependencyProjects(t.db, loadId)).length;
    const unmatched = (await listUnmatchedDependencies(t.db, loadId)).length;
    return { projects, unmatched };
  }

  it("suggests a project for each of the 186 packages not in the survey yet", async () => {
    expect(await inSurveyShare()).toEqual({ projects: 74, unmatched: 186 });
    const { suggestions, categories } = await listBulkAddSuggestions(t.db);
    expect(suggestions).toHaveLength(186);
    expect(categories.length).toBe(16);
    expect(suggestions.find((s) => s.package === "six")).toMatchObject({
      name: "six",
      category: "other",
      aliases: ["python-six"],
    });
    expect(suggestions.find((s) => s.package === "python-ldap")).toMatchObject({
      category: "security & crypto",
      aliases: ["ldap"],
    });
    // The PyPI statsd is a client, not the StatsD daemon the catalogue has: a project of its own, named apart.
    expect(suggestions.find((s) => s.package === "statsd")).toMatchObject({
      name: "statsd (Python package)",
      aliases: ["python-statsd"],
    });
  });

  it("saves nothing when one row is refused, naming its package", async () => {
    const { suggestions, categories } = await listBulkAddSuggestions(t.db);
    const six = suggestions.find((s) => s.package === "six")!;
    const mock = suggestions.find((s) => s.package === "python-ldap")!;
    const other = categories.find((c) => c.name === "other")!.id;
    const result = await addDependencyProjects(t.db, actor, [
      { dependencyId: six.dependencyId, name: "six", categoryId: other, aliases: [] },
      { dependencyId: mock.dependencyId, name: "python-ldap", categoryId: other, aliases: ["SQLAlchemy"] },
    ]);
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^python-ldap: “SQLAlchemy” already names “SQLAlchemy”/),
    });
    expect(await t.db.project.count({ where: { slug: "six" } })).toBe(0);
  });

  it("adds every reviewed package as a project: aliases, mapping, audit, offered in the open round", async () => {
    const { suggestions, categories } = await listBulkAddSuggestions(t.db);
    const id = new Map(categories.map((c) => [c.name, c.id]));
    const rows = suggestions.map((s) => ({
      dependencyId: s.dependencyId,
      name: s.name,
      categoryId: id.get(s.category)!,
      aliases: s.aliases,
    }));
    expect(await addDependencyProjects(t.db, actor, rows)).toEqual({ ok: true, value: { added: 186 } });
    expect(await inSurveyShare()).toEqual({ projects: 260, unmatched: 0 });
    const ldap = await t.db.dependency.findUniqueOrThrow({
      where: { normalized: "python-ldap" },
      include: { project: { include: { aliases: true } } },
    });
    expect(ldap).toMatchObject({
      mappingSource: "organiser",
      project: { name: "python-ldap", aliases: [{ alias: "ldap" }] },
    });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "dependency.bulk-add", outcome: "ok" } });
    expect(JSON.parse(audit.after!)).toHaveLength(186);
    const round = await t.db.round.findUniqueOrThrow({ where: { slug: DEFAULT_ROUND_SLUG } });
    expect(await t.db.roundProject.count({ where: { roundId: round.id, projectId: ldap.projectId! } })).toBe(1);
    expect((await listBulkAddSuggestions(t.db)).suggestions).toEqual([]);
  });
});
