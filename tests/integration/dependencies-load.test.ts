import { afterAll, beforeAll, expect, it } from "vitest";
import { refreshDependencies } from "@/lib/db/dependencies-load";
import { parseRequirements } from "@/lib/survey/requirements-parse";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

describeEachDatabase("dependency list refresh", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.drop());

  it("starts from the shipped list: 412 packages, 275 external, 101 mapped", async () => {
    expect(await t.db.dependency.count()).toBe(412);
    expect(await t.db.dependency.count({ where: { origin: "external" } })).toBe(275);
    expect(await t.db.dependency.count({ where: { projectId: { not: null } } })).toBe(101);
  });

  it("refreshes from a small file: renamed and dropped packages, matched through aliases, idempotent", async () => {
    const text = [
      "SQLAlchemy>=2.0  # MIT",          // existing, unchanged mapping
      "alembic>=1.9  # MIT License",     // licence changed
      "python-pip  # MIT",               // new name that matches pip through its affix
      "brand-new-lib>=1  # BSD",         // unknown to the catalogue
      "oslo.config>=9  # Apache-2.0",    // OpenStack's own
      "## Testing",
      "stestr>=3  # Apache-2.0",
    ].join("\n");
    const first = await refreshDependencies(t.db, parseRequirements(text));
    expect(first.added.sort()).toEqual(["brand-new-lib", "python-pip"]);
    expect(first.dropped.length).toBe(412 - 4); // four of the listed packages were already known
    expect(first.unmatched).toEqual(["brand-new-lib"]);
    const pip = await t.db.dependency.findUniqueOrThrow({ where: { package: "python-pip" }, include: { project: true } });
    expect(pip).toMatchObject({ origin: "external", status: "active", project: { slug: "pip" } });
    const oslo = await t.db.dependency.findUniqueOrThrow({ where: { package: "oslo.config" } });
    expect(oslo).toMatchObject({ origin: "openstack", status: "active" });
    const stestr = await t.db.dependency.findUniqueOrThrow({ where: { package: "stestr" } });
    expect(stestr.section).toBe("testing");
    const dropped = await t.db.dependency.findUniqueOrThrow({ where: { package: "aiosqlite" } });
    expect(dropped.status).toBe("dropped");

    const before = await t.db.dependency.findMany({ orderBy: { id: "asc" } });
    const second = await refreshDependencies(t.db, parseRequirements(text));
    expect(second).toMatchObject({ added: [], updated: [], dropped: [], unchanged: 6 });
    expect(await t.db.dependency.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });
});
