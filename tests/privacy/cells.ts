// What a published count is a count of, as an analyst reads it from the documented filter definitions: the
// respondents of one round who match every condition named by the query and the chart row. Two figures with the
// same canonical description count the same people by definition, so the attack treats them as one unknown;
// the ground truth (truth.ts) evaluates the same description against the database.

/** The public catalogue: which category each project belongs to (printed on the form and in every chart). */
export interface Catalogue {
  projectCategory: ReadonlyMap<string, string>;
  teams: readonly string[];
  categories: readonly string[];
}

export interface Description {
  round: string;
  teams: string[];
  categories: string[];
  /** An employer-paid answer, "~rest" for the answers no filter can select (e.g. unanswered), null for any. */
  employerPaid: string | null;
  projects: string[];
  /** "category/kind": named that kind of contribution for at least one project of that category. */
  categoryKinds: string[];
  /** Named the project and ticked "maintainer" for it. */
  maintains: string[];
  /** Projects-per-respondent bin (the top bin holds "10 or more"). */
  bin: number | null;
  /** UTC day the answer was given. */
  day: string | null;
  /** Two different employer-paid answers: nobody. */
  impossible: boolean;
}

export const REST = "~rest";

export function describe(round: string): Description {
  return {
    round,
    teams: [],
    categories: [],
    employerPaid: null,
    projects: [],
    categoryKinds: [],
    maintains: [],
    bin: null,
    day: null,
    impossible: false,
  };
}

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])].sort();

export interface Refinement {
  round?: string;
  teams?: string[];
  categories?: string[];
  employerPaid?: string | null;
  projects?: string[];
  categoryKinds?: string[];
  maintains?: string[];
  bin?: number;
  day?: string;
}

/**
 * The description with more conditions (AND). Implied conditions are added so equal sets get equal names:
 * maintaining a project implies naming it, naming a project implies its category, a kind in a category
 * implies the category.
 */
export function refine(base: Description, more: Refinement, catalogue: Catalogue): Description {
  const d: Description = { ...base, round: more.round ?? base.round };
  d.teams = union(base.teams, more.teams ?? []);
  d.maintains = union(base.maintains, more.maintains ?? []);
  d.projects = union(union(base.projects, more.projects ?? []), d.maintains);
  d.categoryKinds = union(base.categoryKinds, more.categoryKinds ?? []);
  const implied = [
    ...d.projects.map((p) => catalogue.projectCategory.get(p) ?? `?${p}`),
    ...d.categoryKinds.map((ck) => ck.split("/")[0]!),
  ];
  d.categories = union(union(base.categories, more.categories ?? []), implied);
  d.impossible = base.impossible;
  if (more.employerPaid !== undefined && more.employerPaid !== null) {
    if (base.employerPaid !== null && base.employerPaid !== more.employerPaid) d.impossible = true;
    d.employerPaid = more.employerPaid;
  }
  if (more.bin !== undefined) {
    if (base.bin !== null && base.bin !== more.bin) d.impossible = true;
    d.bin = more.bin;
  }
  if (more.day !== undefined) {
    if (base.day !== null && base.day !== more.day) d.impossible = true;
    d.day = more.day;
  }
  return d;
}

/** The canonical name of a description: equal names, equal respondent sets. */
export function keyOf(d: Description): string {
  if (d.impossible) return `${d.round}|impossible`;
  const parts = [d.round];
  if (d.teams.length) parts.push(`t:${d.teams.join(",")}`);
  if (d.categories.length) parts.push(`c:${d.categories.join(",")}`);
  if (d.employerPaid !== null) parts.push(`e:${d.employerPaid}`);
  if (d.projects.length) parts.push(`p:${d.projects.join(",")}`);
  if (d.categoryKinds.length) parts.push(`k:${d.categoryKinds.join(",")}`);
  if (d.maintains.length) parts.push(`m:${d.maintains.join(",")}`);
  if (d.bin !== null) parts.push(`b:${d.bin}`);
  if (d.day !== null) parts.push(`d:${d.day}`);
  return parts.join("|");
}

/**
 * Structural zeros an analyst knows without any figure: contradictory answers, and a projects-per-respondent
 * bin below the number of distinct projects (or categories) the other conditions require.
 */
export function isStructurallyEmpty(d: Description): boolean {
  if (d.impossible) return true;
  if (d.bin === null) return false;
  const needed = Math.max(d.projects.length, d.categories.length);
  return d.bin < needed && d.bin < 10;
}

/** The description with one condition dropped: each is a superset, so the count can only be larger. */
export function parentsOf(d: Description): Description[] {
  if (d.impossible) return [];
  const parents: Description[] = [];
  const without = <K extends keyof Description>(key: K, value: Description[K]) => parents.push({ ...d, [key]: value });
  for (const t of d.teams)
    without(
      "teams",
      d.teams.filter((x) => x !== t),
    );
  if (d.employerPaid !== null) without("employerPaid", null);
  if (d.bin !== null) without("bin", null);
  if (d.day !== null) without("day", null);
  for (const m of d.maintains)
    without(
      "maintains",
      d.maintains.filter((x) => x !== m),
    );
  for (const ck of d.categoryKinds)
    without(
      "categoryKinds",
      d.categoryKinds.filter((x) => x !== ck),
    );
  for (const p of d.projects)
    if (!d.maintains.includes(p))
      without(
        "projects",
        d.projects.filter((x) => x !== p),
      );
  return parents;
}
