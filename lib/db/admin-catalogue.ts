// Catalogue curation: projects, categories and aliases. Every name an entry answers to (its name and its
// aliases) is unique across the whole catalogue after normalisation, checked here with a clear message
// before the database's unique indexes would refuse it. Each operation is one transaction with its audit entry.
import { findNameCollision, slugify, type NameOwner } from "../survey/catalogue-rules";
import { lookAlikeKey } from "../survey/confusables";
import { normalizeName } from "../survey/normalize";
import { writeAudit, type Actor, type Tx } from "./admin-audit";
import { ok, refuse, type AdminResult } from "./admin-rounds";
import type { Db } from "./client";
import { readWriteTransaction } from "./transaction";

export async function listCatalogue(db: Db) {
  const [categories, projects] = await Promise.all([
    db.category.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }] }),
    db.project.findMany({
      orderBy: [{ position: "asc" }, { id: "asc" }],
      include: {
        aliases: { orderBy: { alias: "asc" } },
        mergedInto: { select: { name: true } },
        _count: { select: { selections: true } },
      },
    }),
  ]);
  return { categories, projects };
}

/** The list page's rows: light fields only, every project (the page filters and pages them, lib/survey/catalogue-list.ts). */
export async function listCatalogueRows(db: Db) {
  const [categories, projects] = await Promise.all([
    db.category.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, slug: true, name: true } }),
    db.project.findMany({
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: {
        id: true,
        slug: true,
        name: true,
        status: true,
        category: { select: { slug: true, name: true } },
        aliases: { select: { alias: true }, orderBy: { alias: "asc" } },
        _count: { select: { selections: true } },
      },
    }),
  ]);
  return {
    categories,
    projects: projects.map((p) => ({ ...p, categorySlug: p.category.slug, aliases: p.aliases.map((a) => a.alias), answers: p._count.selections })),
  };
}

/** One project with everything its page edits, or null. */
export async function getCatalogueProject(db: Db, slug: string) {
  return db.project.findUnique({
    where: { slug },
    include: {
      category: true,
      aliases: { orderBy: { alias: "asc" } },
      mergedInto: { select: { name: true, slug: true } },
      _count: { select: { selections: true, otherEntries: true } },
    },
  });
}

/** Who already answers to a normalised name, or to one that looks the same (TR39 skeleton): projects by name, by alias. */
async function findNameOwners(tx: Tx, name: string): Promise<NameOwner[]> {
  const normalized = normalizeName(name);
  const lookAlike = lookAlikeKey(name);
  // Look-alikes have no index to ask: the catalogue is hundreds of names, read whole for an organiser's edit.
  const [projects, aliases] = await Promise.all([
    tx.project.findMany({ select: { id: true, name: true, normalizedName: true } }),
    tx.projectAlias.findMany({ select: { projectId: true, alias: true, normalized: true } }),
  ]);
  const owns = (label: string, key: string) => (key === normalized ? {} : lookAlikeKey(label) === lookAlike ? { isLookAlike: true } : null);
  return [
    ...projects.flatMap((p) => [owns(p.name, p.normalizedName)].flatMap((how) => (how ? [{ kind: "project" as const, projectId: p.id, label: p.name, ...how }] : []))),
    ...aliases.flatMap((a) => [owns(a.alias, a.normalized)].flatMap((how) => (how ? [{ kind: "alias" as const, projectId: a.projectId, label: a.alias, ...how }] : []))),
  ];
}

async function checkNameFree(tx: Tx, name: string, projectId: number | null): Promise<string | null> {
  return findNameCollision(name, projectId, await findNameOwners(tx, name));
}

async function uniqueProjectSlug(tx: Tx, name: string): Promise<string> {
  const base = slugify(name);
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await tx.project.findUnique({ where: { slug }, select: { id: true } }))) return slug;
  }
}

/** Offer a project in the open round and in draft rounds (which will open later), at the end of their lists. */
export async function offerInCurrentRounds(tx: Tx, projectId: number): Promise<{ slug: string; id: number }[]> {
  const rounds = await tx.round.findMany({ where: { status: { in: ["open", "draft"] } }, select: { id: true, slug: true } });
  for (const round of rounds) {
    const already = await tx.roundProject.findUnique({ where: { roundId_projectId: { roundId: round.id, projectId } } });
    if (already) continue;
    const last = await tx.roundProject.aggregate({ where: { roundId: round.id }, _max: { position: true } });
    await tx.roundProject.create({ data: { roundId: round.id, projectId, position: (last._max.position ?? -1) + 1 } });
  }
  return rounds;
}

/** Create a project; exported for triage's "promote", which must do it inside its own transaction. */
export async function createProjectInTransaction(tx: Tx, input: { name: string; categoryId: number }): Promise<AdminResult<{ id: number; slug: string; rounds: string[]; roundIds: number[] }>> {
  const category = await tx.category.findUnique({ where: { id: input.categoryId } });
  if (!category) return refuse("Choose an existing category", "categoryId");
  const collision = await checkNameFree(tx, input.name, null);
  if (collision) return refuse(collision, "name");
  const slug = await uniqueProjectSlug(tx, input.name);
  const last = await tx.project.aggregate({ _max: { position: true } });
  const project = await tx.project.create({
    data: { slug, name: input.name, normalizedName: normalizeName(input.name), categoryId: category.id, position: (last._max.position ?? -1) + 1 },
  });
  // The rounds now offering the new project: what an undo of its creation takes back.
  const rounds = await offerInCurrentRounds(tx, project.id);
  return ok({ id: project.id, slug, rounds: rounds.map((r) => r.slug), roundIds: rounds.map((r) => r.id) });
}

export async function addProject(db: Db, actor: Actor, input: { name: string; categoryId: number }): Promise<AdminResult<{ id: number; slug: string }>> {
  return readWriteTransaction(db, async (tx) => {
    const created = await createProjectInTransaction(tx, input);
    if (!created.ok) return created;
    await writeAudit(tx, actor, { action: "project.add", target: `project:${created.value.slug}`, after: { name: input.name, categoryId: input.categoryId, offeredIn: created.value.rounds } });
    return ok({ id: created.value.id, slug: created.value.slug });
  });
}

/** Rename a project's label; the slug (its id in answers and links) stays, and the old name becomes an alias. */
export async function renameProject(db: Db, actor: Actor, input: { projectId: number; name: string }): Promise<AdminResult> {
  return readWriteTransaction(db, async (tx) => {
    const project = await tx.project.findUnique({ where: { id: input.projectId } });
    if (!project) return refuse("This project does not exist");
    if (project.name === input.name) return refuse("The new name is the current name", "name");
    const collision = await checkNameFree(tx, input.name, project.id);
    if (collision) return refuse(collision, "name");
    const normalized = normalizeName(input.name);
    // The new name may have been one of this project's aliases: it is now the name instead.
    await tx.projectAlias.deleteMany({ where: { projectId: project.id, normalized } });
    await tx.project.update({ where: { id: project.id }, data: { name: input.name, normalizedName: normalized } });
    if (project.normalizedName !== normalized) {
      await tx.projectAlias.create({ data: { projectId: project.id, alias: project.name, normalized: project.normalizedName } });
    }
    await writeAudit(tx, actor, { action: "project.rename", target: `project:${project.slug}`, before: { name: project.name }, after: { name: input.name } });
    return ok(undefined);
  });
}

export async function recategoriseProject(db: Db, actor: Actor, input: { projectId: number; categoryId: number }): Promise<AdminResult> {
  // Every answer naming the project gets its category rows derived again (a database trigger): no answer is written
  // meanwhile (lib/db/transaction.ts).
  return readWriteTransaction(db, async (tx) => {
    const project = await tx.project.findUnique({ where: { id: input.projectId }, include: { category: true } });
    if (!project) return refuse("This project does not exist");
    const category = await tx.category.findUnique({ where: { id: input.categoryId } });
    if (!category) return refuse("Choose an existing category", "categoryId");
    if (category.id === project.categoryId) return refuse(`“${project.name}” is already in “${category.name}”`, "categoryId");
    await tx.project.update({ where: { id: project.id }, data: { categoryId: category.id } });
    await writeAudit(tx, actor, { action: "project.recategorise", target: `project:${project.slug}`, before: { category: project.category.name }, after: { category: category.name } });
    return ok(undefined);
  }, { rewritesAnswers: true });
}

/**
 * Retire (or bring back) a project: a retired project is not offered by rounds created later and free text no
 * longer matches it; rounds already running keep it, so nobody's saved answer becomes invalid mid-round.
 */
export async function setProjectRetired(db: Db, actor: Actor, input: { projectId: number; isRetired: boolean }): Promise<AdminResult> {
  return readWriteTransaction(db, async (tx) => {
    const project = await tx.project.findUnique({ where: { id: input.projectId } });
    if (!project) return refuse("This project does not exist");
    if (project.status === "merged") return refuse(`“${project.name}” was merged into another project and cannot be changed`);
    const status = input.isRetired ? "retired" : "active";
    if (project.status === status) return refuse(`“${project.name}” is already ${status}`);
    await tx.project.update({ where: { id: project.id }, data: { status } });
    await writeAudit(tx, actor, { action: input.isRetired ? "project.retire" : "project.unretire", target: `project:${project.slug}`, before: { status: project.status }, after: { status } });
    return ok(undefined);
  });
}

export async function addAlias(db: Db, actor: Actor, input: { projectId: number; alias: string }): Promise<AdminResult> {
  return readWriteTransaction(db, async (tx) => {
    const project = await tx.project.findUnique({ where: { id: input.projectId } });
    if (!project) return refuse("This project does not exist");
    if (project.status === "merged") return refuse(`“${project.name}” was merged; add the alias to the project it was merged into`);
    const normalized = normalizeName(input.alias);
    if (normalized === project.normalizedName) return refuse(`“${input.alias}” is already the project's name`, "alias");
    const collision = await checkNameFree(tx, input.alias, project.id);
    if (collision) return refuse(collision, "alias");
    if (await tx.projectAlias.findUnique({ where: { normalized } })) return refuse(`“${input.alias}” is already an alias of “${project.name}”`, "alias");
    await tx.projectAlias.create({ data: { projectId: project.id, alias: input.alias, normalized } });
    await writeAudit(tx, actor, { action: "alias.add", target: `project:${project.slug}`, after: { alias: input.alias } });
    return ok(undefined);
  });
}

export async function removeAlias(db: Db, actor: Actor, input: { aliasId: number }): Promise<AdminResult> {
  return readWriteTransaction(db, async (tx) => {
    const alias = await tx.projectAlias.findUnique({ where: { id: input.aliasId }, include: { project: { select: { slug: true } } } });
    if (!alias) return refuse("This alias does not exist");
    await tx.projectAlias.delete({ where: { id: alias.id } });
    await writeAudit(tx, actor, { action: "alias.remove", target: `project:${alias.project.slug}`, before: { alias: alias.alias } });
    return ok(undefined);
  });
}

export async function addCategory(db: Db, actor: Actor, input: { name: string }): Promise<AdminResult<{ id: number }>> {
  return readWriteTransaction(db, async (tx) => {
    if (await tx.category.findUnique({ where: { name: input.name } })) return refuse(`A category named “${input.name}” already exists`, "name");
    let slug = slugify(input.name);
    for (let n = 2; await tx.category.findUnique({ where: { slug } }); n++) slug = `${slugify(input.name)}-${n}`;
    const last = await tx.category.aggregate({ _max: { position: true } });
    const category = await tx.category.create({ data: { slug, name: input.name, position: (last._max.position ?? -1) + 1 } });
    await writeAudit(tx, actor, { action: "category.add", target: `category:${slug}`, after: { name: input.name } });
    return ok({ id: category.id });
  });
}

export async function renameCategory(db: Db, actor: Actor, input: { categoryId: number; name: string }): Promise<AdminResult> {
  return readWriteTransaction(db, async (tx) => {
    const category = await tx.category.findUnique({ where: { id: input.categoryId } });
    if (!category) return refuse("This category does not exist");
    if (category.name === input.name) return refuse("The new name is the current name", "name");
    const other = await tx.category.findUnique({ where: { name: input.name } });
    if (other && other.id !== category.id) return refuse(`A category named “${input.name}” already exists`, "name");
    await tx.category.update({ where: { id: category.id }, data: { name: input.name } });
    await writeAudit(tx, actor, { action: "category.rename", target: `category:${category.slug}`, before: { name: category.name }, after: { name: input.name } });
    return ok(undefined);
  });
}

// Merging lives in its own module, with its preview; re-exported for the callers that know it from here.
export { mergeProjects, previewMerge, type MergePreview, type MergeReport } from "./admin-merge";
