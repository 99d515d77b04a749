// The organisers' catalogue list: which projects a search and a category filter keep, and one page of them. Pure,
// so the page and its tests agree on what "matches" means.
import { z } from "zod";
import { candidateKeys, normalizeName } from "./normalize";

export const CATALOGUE_PAGE_SIZE = 100;

export const catalogueListQuerySchema = z.object({
  q: z.string().max(100).catch("").default(""),
  category: z.string().max(100).catch("").default(""),
  status: z.enum(["", "active", "retired", "merged"]).catch("").default(""),
  page: z.coerce.number().int().positive().catch(1).default(1),
});
export type CatalogueListQuery = z.infer<typeof catalogueListQuerySchema>;

export interface ListedProject {
  slug: string;
  name: string;
  status: string;
  categorySlug: string;
  aliases: readonly string[];
}

/** A project matches when any form of the search is part of its name, slug or one of its aliases. */
export function matchesSearch(project: ListedProject, query: string): boolean {
  const keys = candidateKeys(query);
  if (keys.length === 0) return true;
  const labels = [project.name, project.slug, ...project.aliases].map(normalizeName);
  return keys.some((key) => labels.some((label) => label.includes(key)));
}

export function filterCatalogue<P extends ListedProject>(projects: readonly P[], query: CatalogueListQuery) {
  const matching = projects.filter(
    (p) =>
      (!query.category || p.categorySlug === query.category) &&
      (query.status ? p.status === query.status : p.status !== "merged") &&
      matchesSearch(p, query.q),
  );
  const pageCount = Math.max(1, Math.ceil(matching.length / CATALOGUE_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  return { total: matching.length, page, pageCount, projects: matching.slice((page - 1) * CATALOGUE_PAGE_SIZE, page * CATALOGUE_PAGE_SIZE) };
}
