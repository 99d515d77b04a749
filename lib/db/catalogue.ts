// Loading the catalogue CSVs into the database, idempotently: a second load with the same files changes nothing.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  parseDependenciesCsv,
  parseProjectsCsv,
  parseTeamsCsv,
  type CatalogueCategory,
  type CatalogueProjectRow,
  type CatalogueTeamRow,
  type DependencyRow,
} from "../survey/catalogue-csv";
import { normalizeName } from "../survey/normalize";
import { DEFAULT_QUESTIONS } from "../survey/questions";
import type { Db } from "./client";

export interface CatalogueFiles {
  categories: CatalogueCategory[];
  projects: CatalogueProjectRow[];
  teams: CatalogueTeamRow[];
  dependencies: DependencyRow[];
}

export const CATALOGUE_DIR = join(process.cwd(), "prisma", "catalogue");

/** Read and check the shipped CSVs; throws CatalogueError naming the file and line of the first problem. */
export function readCatalogueFiles(dir = CATALOGUE_DIR): CatalogueFiles {
  const read = (name: string) => readFileSync(join(dir, name), "utf8");
  const { projects, categories } = parseProjectsCsv(read("upstream-projects.csv"));
  return {
    categories,
    projects,
    teams: parseTeamsCsv(read("openstack-teams.csv")),
    dependencies: parseDependenciesCsv(read("openstack-dependencies.csv")),
  };
}

export interface LoadOptions {
  /** Only add entries that are missing, leaving existing ones (perhaps curated by organisers) untouched. */
  missingOnly?: boolean;
}

export interface LoadReport {
  created: number;
  updated: number;
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export async function loadCatalogue(db: Db, files: CatalogueFiles, options: LoadOptions = {}): Promise<LoadReport> {
  const report: LoadReport = { created: 0, updated: 0 };
  await db.$transaction(
    async (tx) => {
      const categoryIds = await loadCategories(tx, files.categories, options, report);
      await loadProjects(tx, files.projects, categoryIds, options, report);
      await loadTeams(tx, files.teams, options, report);
      await loadDependencies(tx, files.dependencies, options, report);
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  return report;
}

async function loadCategories(tx: Tx, categories: CatalogueCategory[], options: LoadOptions, report: LoadReport) {
  const ids = new Map<string, number>();
  for (const category of categories) {
    const existing = await tx.category.findUnique({ where: { slug: category.slug } });
    if (!existing) {
      const created = await tx.category.create({ data: category });
      report.created++;
      ids.set(category.name, created.id);
      continue;
    }
    ids.set(category.name, existing.id);
    if (!options.missingOnly && (existing.name !== category.name || existing.position !== category.position)) {
      await tx.category.update({ where: { id: existing.id }, data: { name: category.name, position: category.position } });
      report.updated++;
    }
  }
  return ids;
}

async function loadProjects(
  tx: Tx,
  projects: CatalogueProjectRow[],
  categoryIds: Map<string, number>,
  options: LoadOptions,
  report: LoadReport,
) {
  for (const [position, row] of projects.entries()) {
    const categoryId = categoryIds.get(row.category);
    if (categoryId === undefined) throw new Error(`category ${row.category} was not loaded`);
    const data = { name: row.name, normalizedName: normalizeName(row.name), categoryId, position };
    let project = await tx.project.findUnique({ where: { slug: row.slug } });
    if (!project) {
      project = await tx.project.create({ data: { slug: row.slug, ...data } });
      report.created++;
    } else if (!options.missingOnly && hasChanged(project, data)) {
      // The slug is the stable id: a rename in the CSV changes the label, never the answers' reference.
      project = await tx.project.update({ where: { id: project.id }, data });
      report.updated++;
    }
    const existingAliases = new Set(
      (await tx.projectAlias.findMany({ where: { projectId: project.id }, select: { normalized: true } })).map(
        (alias) => alias.normalized,
      ),
    );
    for (const alias of row.aliases) {
      const normalized = normalizeName(alias);
      if (!normalized || normalized === project.normalizedName || existingAliases.has(normalized)) continue;
      await tx.projectAlias.create({ data: { projectId: project.id, alias, normalized } });
      existingAliases.add(normalized);
      report.created++;
    }
  }
}

async function loadTeams(tx: Tx, teams: CatalogueTeamRow[], options: LoadOptions, report: LoadReport) {
  for (const [position, row] of teams.entries()) {
    const data = { name: row.name, service: row.service, deliverables: row.deliverables.join("|"), position };
    const existing = await tx.team.findUnique({ where: { slug: row.slug } });
    if (!existing) {
      await tx.team.create({ data: { slug: row.slug, ...data } });
      report.created++;
    } else if (!options.missingOnly && hasChanged(existing, data)) {
      await tx.team.update({ where: { id: existing.id }, data });
      report.updated++;
    }
  }
}

async function loadDependencies(tx: Tx, rows: DependencyRow[], options: LoadOptions, report: LoadReport) {
  const projectIds = new Map(
    (await tx.project.findMany({ select: { id: true, slug: true } })).map((project) => [project.slug, project.id]),
  );
  for (const row of rows) {
    const data = {
      section: row.section,
      origin: row.origin,
      license: row.license,
      projectId: row.catalogue_slug ? (projectIds.get(row.catalogue_slug) ?? null) : null,
    };
    const existing = await tx.dependency.findUnique({ where: { package: row.package } });
    if (!existing) {
      await tx.dependency.create({ data: { package: row.package, normalized: normalizeName(row.package), ...data } });
      report.created++;
    } else if (!options.missingOnly && hasChanged(existing, data)) {
      await tx.dependency.update({ where: { id: existing.id }, data });
      report.updated++;
    }
  }
}

function hasChanged<T extends object>(existing: T, data: Partial<T>): boolean {
  return Object.entries(data).some(([key, value]) => existing[key as keyof T] !== value);
}

export const DEFAULT_ROUND_SLUG = "openstack-2026";

/** On an empty database, open a first round offering every active project, so the form works at once. */
export async function ensureFirstRound(db: Db): Promise<void> {
  if ((await db.round.count()) > 0) return;
  await db.$transaction(async (tx) => {
    const round = await tx.round.create({
      data: {
        slug: DEFAULT_ROUND_SLUG,
        title: "OpenStack upstream contributions 2026",
        status: "open",
        opensAt: new Date(),
        questions: JSON.stringify(DEFAULT_QUESTIONS),
      },
    });
    const projects = await tx.project.findMany({ where: { status: "active" }, orderBy: { position: "asc" } });
    await tx.roundProject.createMany({
      data: projects.map((project, position) => ({ roundId: round.id, projectId: project.id, position })),
    });
  });
}
