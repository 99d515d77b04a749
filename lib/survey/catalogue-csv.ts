// Parsing and checking the catalogue CSVs (prisma/catalogue/*.csv). Pure: the caller reads the files.
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { normalizeName } from "./normalize";

export class CatalogueError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = "CatalogueError";
  }
}

const slugSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "slug must be lower-case letters, digits, '.', '_' or '-'");
const pipeList = z.string().transform((value) =>
  value
    .split("|")
    .map((item) => item.trim())
    .filter(Boolean),
);

const projectRowSchema = z.object({
  slug: slugSchema,
  name: z.string().trim().min(1, "name is empty"),
  category: z.string().trim().min(1, "category is empty"),
  aliases: pipeList,
});
const teamRowSchema = z.object({
  slug: slugSchema,
  name: z.string().trim().min(1, "name is empty"),
  service: z.string().trim(),
  deliverable_count: z.string().optional(),
  deliverables: pipeList,
});
const dependencyRowSchema = z.object({
  package: z.string().trim().min(1, "package is empty"),
  section: z.string().trim().min(1, "section is empty"),
  origin: z.enum(["openstack", "external"]),
  catalogue_slug: z.string().trim(),
  license: z.string().trim(),
});

export type CatalogueProjectRow = z.infer<typeof projectRowSchema>;
export type CatalogueTeamRow = z.infer<typeof teamRowSchema>;
export type DependencyRow = z.infer<typeof dependencyRowSchema>;

export interface CatalogueCategory {
  slug: string;
  name: string;
  position: number;
}

function parseRows<S extends z.ZodType>(file: string, text: string, schema: S, required: string[]): z.infer<S>[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: false });
  } catch (error) {
    throw new CatalogueError(file, `not valid CSV (${(error as Error).message})`);
  }
  const header = records[0] ? Object.keys(records[0]) : [];
  const missing = required.filter((column) => !header.includes(column));
  if (records.length === 0) throw new CatalogueError(file, "has no rows");
  if (missing.length > 0) throw new CatalogueError(file, `missing column(s) ${missing.join(", ")}`);
  return records.map((record, index) => {
    const result = schema.safeParse(record);
    if (!result.success) {
      const issue = result.error.issues[0];
      // +2: the header is line 1 and rows count from 1.
      throw new CatalogueError(file, `line ${index + 2}: ${issue?.path.join(".") ?? ""} ${issue?.message ?? "invalid"}`);
    }
    return result.data;
  });
}

function assertUnique(file: string, values: string[], what: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw new CatalogueError(file, `duplicate ${what} "${value}"`);
    seen.add(value);
  }
}

export function categorySlug(name: string): string {
  return name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export function parseProjectsCsv(text: string, file = "upstream-projects.csv") {
  const projects = parseRows(file, text, projectRowSchema, ["slug", "name", "category", "aliases"]);
  assertUnique(file, projects.map((p) => p.slug), "slug");
  // A typed name must lead to one project only, so names and aliases may not collide across projects.
  const owner = new Map<string, string>();
  for (const project of projects) {
    for (const label of [project.name, ...project.aliases]) {
      const key = normalizeName(label);
      const previous = owner.get(key);
      if (previous && previous !== project.slug) {
        throw new CatalogueError(file, `"${label}" of ${project.slug} collides with ${previous}`);
      }
      owner.set(key, project.slug);
    }
  }
  const categories: CatalogueCategory[] = [];
  for (const project of projects) {
    if (!categories.some((c) => c.name === project.category)) {
      categories.push({ slug: categorySlug(project.category), name: project.category, position: categories.length });
    }
  }
  return { projects, categories };
}

export function parseTeamsCsv(text: string, file = "openstack-teams.csv"): CatalogueTeamRow[] {
  const teams = parseRows(file, text, teamRowSchema, ["slug", "name", "service", "deliverables"]);
  assertUnique(file, teams.map((t) => t.slug), "slug");
  return teams;
}

export function parseDependenciesCsv(text: string, file = "openstack-dependencies.csv"): DependencyRow[] {
  const rows = parseRows(file, text, dependencyRowSchema, ["package", "section", "origin", "catalogue_slug"]);
  assertUnique(file, rows.map((r) => normalizeName(r.package)), "package");
  return rows;
}
