// Loading dependency lists as real files have them, in any order, on both databases: the fixture built like a
// 2016 global-requirements.txt (markers, licence comments, mixed spellings, -r include), the bundled list, and
// start-up preparation after each.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { setDependencyOrigin } from "@/lib/db/admin-dependencies";
import { readCatalogueFiles } from "@/lib/db/catalogue";
import { findRoundDependencyLoad, listDependencyLoads } from "@/lib/db/dependency-history";
import { BUNDLED_LIST_SOURCE, listBundledDependencies, loadDependencyList } from "@/lib/db/dependencies-load";
import { prepareDatabase } from "@/lib/db/prepare";
import type { Db } from "@/lib/db/client";
import { toListedDependency } from "@/lib/survey/dependency-plan";
import { pep503Name } from "@/lib/survey/normalize";
import { parseRequirements } from "@/lib/survey/requirements-parse";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

const FIXTURE = "tests/fixtures/requirements/global-requirements-2016-style.txt";

function fixtureList() {
  const text = readFileSync(FIXTURE, "utf8");
  const parsed = parseRequirements(text, {
    fileName: FIXTURE,
    readInclude: (path, from) => {
      const name = resolve(dirname(from), path);
      return { name, text: readFileSync(name, "utf8") };
    },
  });
  return { listed: parsed.requirements.map(toListedDependency), text };
}

// A third list in the style of a 2026 file: later spellings of the fixture's packages.
const LATER =
  "django-compressor>=4  # MIT\nglance-store>=4 # Apache-2.0\nPyASN1-Modules # BSD\nsix # MIT\nWSGI-Intercept # MIT\n";

type ListName = "fixture" | "bundled" | "later";

async function load(db: Db, name: ListName, options: { dryRun?: boolean } = {}) {
  if (name === "bundled") {
    const rows = readCatalogueFiles().dependencies;
    return loadDependencyList(db, await listBundledDependencies(db, rows), {
      source: BUNDLED_LIST_SOURCE,
      text: "",
      ...options,
    });
  }
  if (name === "fixture")
    return loadDependencyList(db, fixtureList().listed, { source: "fixture", text: fixtureList().text, ...options });
  const listed = parseRequirements(LATER).requirements.map(toListedDependency);
  return loadDependencyList(db, listed, { source: "later", text: LATER, ...options });
}

async function expectNormalisedUnique(db: Db) {
  const rows = await db.dependency.findMany({ select: { package: true, normalized: true } });
  for (const row of rows) expect(row.normalized, row.package).toBe(pep503Name(row.package));
  expect(new Set(rows.map((row) => row.normalized)).size).toBe(rows.length);
}

describeEachDatabase("dependency list loads", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.drop());

  it("starts from the bundled list, recorded as the first load: 412 packages, 262 external, 77 mapped", async () => {
    expect(await t.db.dependency.count()).toBe(412);
    expect(await t.db.dependency.count({ where: { origin: "external" } })).toBe(262);
    expect(await t.db.dependency.count({ where: { projectId: { not: null } } })).toBe(77);
    const loads = await listDependencyLoads(t.db);
    expect(loads.map((l) => [l.source, l.packages, l.added])).toEqual([[BUNDLED_LIST_SOURCE, 412, 412]]);
    await expectNormalisedUnique(t.db);
  });

  it("shows in a dry run what the fixture would change, and writes nothing", async () => {
    const before = await t.db.dependency.findMany({ orderBy: { id: "asc" } });
    const result = await load(t.db, "fixture", { dryRun: true });
    expect(result.loadId).toBeNull();
    // django_compressor, glance_store, ... are the bundled list's packages spelt the 2016 way: updates, not additions.
    expect(result.plan.updated.find((c) => c.normalized === "django-compressor")?.fields).toContain("package");
    expect(result.plan.added.map((c) => c.package)).toContain("python-ceilometerclient");
    expect(result.plan.dropped.length).toBeGreaterThan(300);
    expect(result.summary[0]).toMatch(/^39 packages read: \d+ added, \d+ updated, \d+ dropped, \d+ unchanged\.$/);
    expect(await t.db.dependency.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    expect(await t.db.dependencyLoad.count()).toBe(1);
  });

  it("loads the fixture: markers kept, spellings merged, OpenStack's own recognised", async () => {
    const result = await load(t.db, "fixture");
    expect(result.loadId).not.toBeNull();
    const dep = (name: string) => t.db.dependency.findUniqueOrThrow({ where: { normalized: pep503Name(name) } });
    expect(await dep("ovs")).toMatchObject({
      package: "ovs",
      status: "active",
      variants: ">=2.5.0; python_version=='2.7'\n>=2.6.0.dev1; python_version>='3.4'",
    });
    expect(await dep("django_compressor")).toMatchObject({ package: "django_compressor", status: "active" });
    for (const own of [
      "python-ceilometerclient",
      "keystoneauth1",
      "os-win",
      "tempest-lib",
      "diskimage-builder",
      "tripleo-common",
      "oslosphinx",
    ]) {
      expect((await dep(own)).origin, own).toBe("openstack");
    }
    expect((await dep("six")).origin).toBe("external");
    expect((await dep("coverage")).section).toBe("testing");
    expect(await t.db.dependencyListing.count({ where: { loadId: result.loadId! } })).toBe(39);
    await expectNormalisedUnique(t.db);
  });

  it("loads every list after every other, and start-up preparation succeeds after each", async () => {
    // Every ordered pair of the three lists occurs in this sequence.
    const sequence: ListName[] = ["bundled", "later", "fixture", "bundled", "fixture", "later", "bundled"];
    for (const name of sequence) {
      const result = await load(t.db, name);
      expect(result.loadId, name).not.toBeNull();
      const report = await prepareDatabase(t.url, { missingOnly: true });
      expect(report?.problems, name).toEqual([]);
      await expectNormalisedUnique(t.db);
      const active = await t.db.dependency.count({ where: { status: "active" } });
      expect(active, name).toBe(result.packages);
    }
    // Start-up loads the bundled list once only: the organisers' loads stand.
    expect((await listDependencyLoads(t.db)).length).toBe(2 + sequence.length);
  });

  it("compares a closed round against the list in force when it closed", async () => {
    const loads = await listDependencyLoads(t.db);
    const first = loads[0]!;
    const last = loads.at(-1)!;
    const between = new Date((first.at.getTime() + loads[1]!.at.getTime()) / 2);
    expect(await findRoundDependencyLoad(t.db, { status: "closed", closesAt: between })).toBe(first.id);
    expect(await findRoundDependencyLoad(t.db, { status: "closed", closesAt: new Date(0) })).toBe(first.id);
    expect(await findRoundDependencyLoad(t.db, { status: "open", closesAt: between })).toBe(last.id);
  });

  it("reports a catalogue row that clashes with an organiser's edit, and still prepares the database", async () => {
    // An organiser re-slugged pip: the shipped row "pip" is missing by slug, and its name is taken.
    await t.db.project.update({ where: { slug: "pip" }, data: { slug: "pip-renamed" } });
    const report = await prepareDatabase(t.url, { missingOnly: true });
    expect(report?.problems).toEqual(['catalogue: project "pip" not added: another entry already answers to "pip"']);
    expect(await t.db.project.count({ where: { slug: "pip-renamed" } })).toBe(1);
    await t.db.project.update({ where: { slug: "pip-renamed" }, data: { slug: "pip" } });
  });

  it("keeps an organiser's origin decision through later loads, audited", async () => {
    const organiser = await t.db.organiser.create({
      data: { email: "organiser@example.org", passwordHash: "x", role: "admin" },
    });
    const actor = { id: organiser.id, email: organiser.email, role: organiser.role };
    const six = await t.db.dependency.findUniqueOrThrow({ where: { normalized: "six" } });
    expect(await setDependencyOrigin(t.db, actor, { dependencyId: six.id, origin: "openstack" })).toEqual({
      ok: true,
      value: undefined,
    });
    await load(t.db, "bundled");
    await load(t.db, "fixture");
    expect(await t.db.dependency.findUniqueOrThrow({ where: { id: six.id } })).toMatchObject({
      origin: "openstack",
      originSource: "organiser",
      projectId: null,
    });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "dependency.origin" } });
    expect(audit).toMatchObject({ target: "dependency:six", actorEmail: "organiser@example.org" });
    expect((await setDependencyOrigin(t.db, actor, { dependencyId: six.id, origin: "openstack" })).ok).toBe(false);
    await setDependencyOrigin(t.db, actor, { dependencyId: six.id, origin: "external" });
  });
});
