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
import { readWriteTransaction } from "./transaction";

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
  /** Rows left out because they clash with what is stored (an organiser's edit), one line each. */
  skipped: string[];
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export async function loadCatalogue(db: Db, files: CatalogueFiles, options: LoadOptions = {}): Promise<LoadReport> {
  return readWriteTransaction(
    db,
    async (tx) => {
      const report: LoadReport = { created: 0, updated: 0, skipped: [] };
      const categoryIds = await loadCategories(tx, files.categories, options, report);
      await loadProjects(tx, files.projects, categoryIds, options, report);
      await loadTeams(tx, files.teams, options, report);
      return report;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

async function loadCategories(tx: Tx, categories: CatalogueCategory[], options: LoadOptions, report: LoadReport) {
  const ids = new Map<string, number>();
  for (const category of categories) {
    // By slug, else by name: an organiser may have re-slugged a category the shipped file still names.
    const existing =
      (await tx.category.findUnique({ where: { slug: category.slug } })) ??
      (await tx.category.findUnique({ where: { name: category.name } }));
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
  // Names and aliases already answering to a normalised text: an organiser's edit may have taken one that a
  // shipped row also uses, and that must never stop a load (start-up runs one), so such a row is skipped.
  const owner = new Map<string, number>();
  for (const p of await tx.project.findMany({ select: { id: true, normalizedName: true } })) owner.set(p.normalizedName, p.id);
  for (const a of await tx.projectAlias.findMany({ select: { projectId: true, normalized: true } })) owner.set(a.normalized, a.projectId);
  for (const [position, row] of projects.entries()) {
    const categoryId = categoryIds.get(row.category);
    if (categoryId === undefined) throw new Error(`category ${row.category} was not loaded`);
    const data = { name: row.name, normalizedName: normalizeName(row.name), categoryId, position };
    let project = await tx.project.findUnique({ where: { slug: row.slug } });
    const nameOwner = owner.get(data.normalizedName);
    if (!project) {
      if (nameOwner !== undefined) {
        report.skipped.push(`project "${row.slug}" not added: another entry already answers to "${row.name}"`);
        continue;
      }
      project = await tx.project.create({ data: { slug: row.slug, ...data } });
      owner.set(project.normalizedName, project.id);
      report.created++;
    } else if (!options.missingOnly && hasChanged(project, data)) {
      if (nameOwner !== undefined && nameOwner !== project.id) {
        report.skipped.push(`project "${row.slug}" not renamed: another entry already answers to "${row.name}"`);
      } else {
        // The slug is the stable id: a rename in the CSV changes the label, never the answers' reference.
        owner.delete(project.normalizedName);
        project = await tx.project.update({ where: { id: project.id }, data });
        owner.set(project.normalizedName, project.id);
        report.updated++;
      }
    }
    for (const alias of row.aliases) {
      const normalized = normalizeName(alias);
      if (!normalized || normalized === project.normalizedName) continue;
      const aliasOwner = owner.get(normalized);
      if (aliasOwner === project.id) continue;
      if (aliasOwner !== undefined) {
        report.skipped.push(`alias "${alias}" of "${row.slug}" not added: another entry already answers to it`);
        continue;
      }
      await tx.projectAlias.create({ data: { projectId: project.id, alias, normalized } });
      owner.set(normalized, project.id);
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

function hasChanged<T extends object>(existing: T, data: Partial<T>): boolean {
  return Object.entries(data).some(([key, value]) => existing[key as keyof T] !== value);
}

export const DEFAULT_ROUND_SLUG = "openstack-2026";

/** On an empty database, open a first round offering every active project, so the form works at once. */
export async function ensureFirstRound(db: Db): Promise<void> {
  if ((await db.round.count()) > 0) return;
  await readWriteTransaction(db, async (tx) => {
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
