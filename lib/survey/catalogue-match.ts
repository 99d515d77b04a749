// Matching typed text against the catalogue: exact lookups for free text, ranked suggestions for type-ahead.
import { candidateKeys, matchKeys, normalizeName } from "./normalize";

export interface MatchableProject {
  id: number;
  slug: string;
  name: string;
  aliases: readonly string[];
}

export interface CatalogueIndex<P extends MatchableProject> {
  projects: readonly P[];
  byKey: ReadonlyMap<string, P>;
}

/** Index every name and alias by its normalised form. Later entries never override earlier ones. */
export function buildCatalogueIndex<P extends MatchableProject>(projects: readonly P[]): CatalogueIndex<P> {
  const byKey = new Map<string, P>();
  for (const project of projects) {
    for (const label of [project.name, project.slug, ...project.aliases]) {
      const key = normalizeName(label);
      if (key && !byKey.has(key)) byKey.set(key, project);
    }
  }
  return { projects, byKey };
}

/**
 * The catalogue entry that free text (or a package name) names, or null: the text or its last path segment equals
 * a name, slug or alias. Nothing else matches, so a binding or client named after a project ("python-ldap",
 * "kafka-python") never becomes that project; an organiser maps it, or adds it as a project of its own.
 */
export function matchProjectName<P extends MatchableProject>(index: CatalogueIndex<P>, text: string): P | null {
  for (const key of matchKeys(text)) {
    const hit = index.byKey.get(key);
    if (hit) return hit;
  }
  return null;
}

/**
 * Type-ahead suggestions: exact matches first, then prefix matches of a name or alias, then substring
 * matches; ties keep catalogue order. Case and punctuation are ignored ("sqla" offers SQLAlchemy).
 */
export function suggestProjects<P extends MatchableProject>(
  index: CatalogueIndex<P>,
  query: string,
  limit = 8,
): P[] {
  const keys = candidateKeys(query);
  if (keys.length === 0) return [];
  const scored: { project: P; score: number; order: number }[] = [];
  index.projects.forEach((project, order) => {
    const labels = [project.name, ...project.aliases].map(normalizeName);
    let best = 0;
    for (const key of keys) {
      for (const label of labels) {
        if (label === key) best = Math.max(best, 3);
        else if (label.startsWith(key)) best = Math.max(best, 2);
        else if (key.length >= 3 && label.includes(key)) best = Math.max(best, 1);
      }
    }
    if (best > 0) scored.push({ project, score: best, order });
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.slice(0, limit).map((entry) => entry.project);
}
