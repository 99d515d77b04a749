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

/** Optimal string alignment distance (a swap of neighbours is one typo), giving up above `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (prevPrev[j - 2] ?? 0) + 1);
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] ?? limit + 1;
}

/** Typos a name may have and still be offered: one for names up to 6 characters, two above, none below 4. */
export function typoLimit(key: string): number {
  return key.length < 4 ? 0 : key.length <= 6 ? 1 : 2;
}

export interface RankedMatch<P extends MatchableProject> {
  project: P;
  /** Why it is offered, for a person to judge: "alias 'k8s'", "2 typos from 'Kubernetes'". */
  reason: string;
  score: number;
}

/**
 * The catalogue entries free text most likely names, best first, each with its reason: its name or an alias
 * exactly, one or two typos away (the limits of the form's and the import's hints), or named inside the text.
 * For an organiser to choose from; nothing here re-codes an answer by itself.
 */
export function rankCatalogueMatches<P extends MatchableProject>(index: CatalogueIndex<P>, text: string, limit = 3): RankedMatch<P>[] {
  const keys = candidateKeys(text);
  const ranked: RankedMatch<P>[] = [];
  for (const project of index.projects) {
    // Assigned in the closure below, which TypeScript's narrowing does not follow.
    let best = null as RankedMatch<P> | null;
    const consider = (score: number, reason: string) => {
      if (!best || score > best.score) best = { project, reason, score };
    };
    const labels = [{ label: project.name, isAlias: false }, ...project.aliases.map((label) => ({ label, isAlias: true }))];
    for (const { label, isAlias } of labels) {
      const target = normalizeName(label);
      if (!target) continue;
      keys.forEach((key, rank) => {
        const bonus = rank === 0 ? 1 : 0; // the text as typed beats a form of it without a path or affix
        if (key === target) consider(100 + bonus, isAlias ? `alias '${label}'` : `name '${label}'`);
        const allowed = typoLimit(key);
        if (allowed > 0) {
          const distance = editDistance(key, target, allowed);
          if (distance > 0 && distance <= allowed) consider(90 - 10 * distance + bonus, `${distance} typo${distance > 1 ? "s" : ""} from '${label}'`);
        }
        if (target.length >= 4 && key !== target && key.includes(target)) consider(50 + target.length / 100, `mentions '${label}'`);
        if (key.length >= 3 && key !== target && target.startsWith(key)) consider(40, `'${label}' begins with it`);
      });
    }
    if (best) ranked.push(best);
  }
  return ranked.sort((a, b) => b.score - a.score).slice(0, limit);
}
