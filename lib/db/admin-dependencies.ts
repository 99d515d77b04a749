// Organisers' curation of the dependency list: whether a package is OpenStack's own, overriding the
// recognition rules (the decision survives every later load: originSource "organiser"), and adding the
// dependencies not in the survey yet as catalogue projects. Each change is one transaction with its audit entry.
import { suggestProject, type BulkAddRow } from "../survey/dependency-admin";
import type { DependencyOrigin } from "../survey/dependency-plan";
import { normalizeName } from "../survey/normalize";
import { writeAudit, type Actor } from "./admin-audit";
import { createProjectInTransaction } from "./admin-catalogue";
import { ok, refuse, type AdminResult } from "./admin-rounds";
import type { Db } from "./client";
import { readWriteTransaction } from "./transaction";

/** The current list, OpenStack's own and external, with how each origin and mapping was decided. */
export async function listDependenciesForAdmin(db: Db) {
  return db.dependency.findMany({
    where: { status: "active" },
    select: {
      id: true,
      package: true,
      section: true,
      origin: true,
      originSource: true,
      mappingSource: true,
      project: { select: { slug: true, name: true } },
    },
    orderBy: [{ origin: "asc" }, { normalized: "asc" }],
  });
}

export async function setDependencyOrigin(
  db: Db,
  actor: Actor,
  input: { dependencyId: number; origin: DependencyOrigin },
): Promise<AdminResult> {
  return readWriteTransaction(db, async (tx) => {
    const dep = await tx.dependency.findUnique({ where: { id: input.dependencyId } });
    if (!dep) return refuse("This package is not in the dependency list");
    if (dep.origin === input.origin && dep.originSource === "organiser") {
      return refuse(
        `“${dep.package}” is already marked ${input.origin === "openstack" ? "OpenStack's own" : "external"}`,
        "origin",
      );
    }
    // OpenStack's own packages map to no upstream project; an automatic mapping would be re-made on the next load.
    const mapping =
      input.origin === "openstack" && dep.mappingSource !== "organiser"
        ? { projectId: null, mappingSource: "auto" }
        : {};
    await tx.dependency.update({
      where: { id: dep.id },
      data: { origin: input.origin, originSource: "organiser", ...mapping },
    });
    await writeAudit(tx, actor, {
      action: "dependency.origin",
      target: `dependency:${dep.normalized}`,
      before: { origin: dep.origin, decidedBy: dep.originSource },
      after: { origin: input.origin, decidedBy: "organiser" },
    });
    return ok(undefined);
  });
}

/** Suggestions for every external dependency of the current list that no catalogue project covers. */
export async function listBulkAddSuggestions(db: Db) {
  const [deps, categories, projects, aliases] = await Promise.all([
    db.dependency.findMany({
      where: { status: "active", origin: "external", projectId: null },
      select: { id: true, package: true, section: true },
      orderBy: { normalized: "asc" },
    }),
    db.category.findMany({
      where: { isActive: true },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: { id: true, name: true },
    }),
    db.project.findMany({ select: { normalizedName: true } }),
    db.projectAlias.findMany({ select: { normalized: true } }),
  ]);
  // A suggested alias another entry already answers to would be refused on saving: leave it out now.
  const taken = new Set([...projects.map((p) => p.normalizedName), ...aliases.map((a) => a.normalized)]);
  const names = categories.map((c) => c.name);
  const suggestions = deps.map((dep) => {
    const suggestion = suggestProject(dep, names);
    // A package named like a different project (statsd, the client, beside StatsD, the daemon) gets a name of its own.
    const name = taken.has(normalizeName(suggestion.name)) ? `${suggestion.name} (Python package)` : suggestion.name;
    return { ...suggestion, name, aliases: suggestion.aliases.filter((alias) => !taken.has(normalizeName(alias))) };
  });
  return { suggestions, categories };
}

/**
 * Add the reviewed packages as catalogue projects, all or nothing, in one transaction with one audit entry:
 * each project with its aliases, offered in the open and draft rounds (and so in every round created after
 * them), and its package mapped to it as an organiser's decision that later loads keep.
 */
export async function addDependencyProjects(
  db: Db,
  actor: Actor,
  rows: readonly BulkAddRow[],
): Promise<AdminResult<{ added: number }>> {
  // A refused row must undo the rows before it: thrown, so the transaction rolls back, and answered as a refusal.
  const refuse = (message: string, field?: string): never => {
    throw new BulkAddRefused(message, field);
  };
  try {
    return await readWriteTransaction(
      db,
      async (tx) => {
        const added: { package: string; project: string; aliases: string[] }[] = [];
        for (const row of rows) {
          const dep = await tx.dependency.findUnique({ where: { id: row.dependencyId } });
          if (!dep || dep.origin !== "external")
            return refuse("A package of the form is no longer an external dependency; reload the page");
          if (dep.projectId !== null) return refuse(`“${dep.package}” is already in the survey; reload the page`);
          const created = await createProjectInTransaction(tx, { name: row.name, categoryId: row.categoryId });
          if (!created.ok) return refuse(`${dep.package}: ${created.message}`, created.field);
          const aliases: string[] = [];
          for (const alias of row.aliases) {
            const normalized = normalizeName(alias);
            if (
              !normalized ||
              normalized === normalizeName(row.name) ||
              aliases.some((a) => normalizeName(a) === normalized)
            )
              continue;
            const owner =
              (await tx.project.findUnique({ where: { normalizedName: normalized }, select: { name: true } })) ??
              (
                await tx.projectAlias.findUnique({
                  where: { normalized },
                  select: { project: { select: { name: true } } },
                })
              )?.project;
            if (owner)
              return refuse(`${dep.package}: “${alias}” already names “${owner.name}”; remove that alias`, "aliases");
            await tx.projectAlias.create({ data: { projectId: created.value.id, alias, normalized } });
            aliases.push(alias);
          }
          await tx.dependency.update({
            where: { id: dep.id },
            data: { projectId: created.value.id, mappingSource: "organiser" },
          });
          added.push({ package: dep.package, project: created.value.slug, aliases });
        }
        await writeAudit(tx, actor, {
          action: "dependency.bulk-add",
          target: `projects:${added.length}`,
          after: added,
        });
        return ok({ added: added.length });
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } catch (error) {
    if (error instanceof BulkAddRefused) return { ok: false, message: error.message, field: error.field };
    throw error;
  }
}

class BulkAddRefused extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
