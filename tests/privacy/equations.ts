// From a crawl to the attacker's system of constraints on the true counts (solver.ts). Each kind of signal the
// issue lists is one function here, so a reader can see exactly what the attack assumes:
//   published values → bounds; zero signals (rows listed only when non-empty, 0 shown apart from "<k");
//   structural zeros; the unpublished employer-paid rest (total − Σ filterable values); charts whose cells add up
//   to n; subsets never outnumber their supersets; and the order of hidden rows in ranked lists.
import { isStructurallyEmpty, keyOf, parentsOf, refine, REST, type Catalogue, type Description } from "./cells";
import type { Crawl } from "./observations";
import { UNBOUNDED, type Difference, type Equality, type Problem } from "./solver";

export interface AttackRules {
  k: number;
  /** Largest difference between a published count and the true one (0: exact counts). */
  maxAdjustment: number;
}

export interface System {
  problem: Problem;
  keys: string[];
  descriptions: Description[];
  index: Map<string, number>;
  /** Whether hidden rows were seen out of name order somewhere, i.e. sorted by their hidden counts. */
  hiddenOrderLeaks: boolean;
  counts: Record<string, number>;
}

export function buildSystem(crawl: Crawl, catalogue: Catalogue, rules: AttackRules): System {
  const keys: string[] = [];
  const descriptions: Description[] = [];
  const index = new Map<string, number>();
  const lo: number[] = [];
  const hi: number[] = [];
  const variable = (d: Description, key = keyOf(d)): number => {
    let i = index.get(key);
    if (i === undefined) {
      i = keys.length;
      index.set(key, i);
      keys.push(key);
      descriptions.push(d);
      lo.push(0);
      hi.push(isStructurallyEmpty(d) ? 0 : UNBOUNDED);
    }
    return i;
  };
  const bound = (i: number, l: number, h: number) => {
    lo[i] = Math.max(lo[i]!, l);
    hi[i] = Math.min(hi[i]!, h);
  };
  const equalities: Equality[] = [];
  const differences: Difference[] = [];
  const counts: Record<string, number> = {};
  const count = (what: string, n = 1) => (counts[what] = (counts[what] ?? 0) + n);

  for (const [key, d] of crawl.descriptions) variable(d, key);

  // Published values, and what presence or a shown 0 says about the hidden ones.
  const { k, maxAdjustment: D } = rules;
  for (const o of crawl.observations) {
    const i = index.get(o.key)!;
    const { value, display, reason } = o.published;
    if (value !== null) bound(i, Math.max(0, value - D), value + D);
    else if (reason === "complementary") bound(i, D === 0 ? k : 0, UNBOUNDED);
    else if (display === `<${k}`) bound(i, 0, k - 1 + D);
    if (o.listedOnlyIfAny || (o.zeroShownAsZero && value === null && display === `<${k}`)) {
      bound(i, 1, UNBOUNDED);
      count("zero signals");
    }
  }

  // Lists that show every non-empty row: the rows they leave out are empty.
  for (const list of crawl.completeLists) {
    const listed = new Set(list.listed);
    const all =
      list.dimension === "projects"
        ? [...catalogue.projectCategory.keys()]
        : list.dimension === "teams"
          ? catalogue.teams
          : catalogue.categories;
    for (const item of all) {
      if (listed.has(item)) continue;
      const i = index.get(keyOf(refine(list.base, { [list.dimension]: [item] }, catalogue)));
      if (i !== undefined) {
        bound(i, 0, 0);
        count("left-out rows (zero)");
      }
    }
  }

  // The employer-paid rest: every count without that filter is the sum over the filterable values plus the
  // answers no filter selects (unanswered), which is never published but follows by subtraction.
  const paidValues = crawl.employerPaidValues;
  for (const [key, d] of crawl.descriptions) {
    if (d.employerPaid !== null || d.impossible || paidValues.length === 0) continue;
    const total = index.get(key)!;
    const parts = [...paidValues, REST].map((value) => variable(refine(d, { employerPaid: value }, catalogue)));
    equalities.push({ vars: [total, ...parts], coefs: [1, ...parts.map(() => -1)], rhs: 0 });
    count("employer-paid partitions");
  }

  // Charts whose cells add up to n (projects per respondent, responses per day).
  const seenPartitions = new Set<string>();
  for (const p of crawl.partitions) {
    const signature = `${p.total}=${[...p.parts].sort().join("+")}`;
    if (seenPartitions.has(signature)) continue;
    seenPartitions.add(signature);
    const parts = p.parts.map((key) => index.get(key)!);
    equalities.push({ vars: [index.get(p.total)!, ...parts], coefs: [1, ...parts.map(() => -1)], rhs: 0 });
    count("chart partitions");
  }

  // A subset never has more respondents than its superset.
  for (const [key, d] of crawl.descriptions) {
    const i = index.get(key)!;
    for (const parent of parentsOf(d)) {
      const j = index.get(keyOf(parent));
      if (j !== undefined && j !== i) {
        differences.push({ a: j, b: i, gap: 0 });
        count("subset ≤ superset");
      }
    }
  }

  // Ranked lists: hidden rows sorted by their hidden count (then by name) give the count away wherever the
  // alphabetical order restarts. Used only if hidden rows are ever seen out of name order.
  const hiddenKeys = new Set(crawl.observations.filter((o) => o.published.value === null).map((o) => o.key));
  const hidden = (key: string) => hiddenKeys.has(key);
  const pairs: { a: number; b: number; strict: boolean }[] = [];
  for (const list of crawl.lists)
    for (let r = 0; r + 1 < list.keys.length; r++) {
      const [a, b] = [list.keys[r]!, list.keys[r + 1]!];
      if (a === b || !hidden(a) || !hidden(b)) continue;
      pairs.push({
        a: index.get(a)!,
        b: index.get(b)!,
        strict: list.names[r]!.localeCompare(list.names[r + 1]!, "en") > 0,
      });
    }
  const hiddenOrderLeaks = pairs.some((pair) => pair.strict);
  if (hiddenOrderLeaks)
    for (const pair of pairs) {
      differences.push({ a: pair.a, b: pair.b, gap: pair.strict ? 1 : 0 });
      count(pair.strict ? "order: strict drops" : "order: not rising");
    }

  return { problem: { lo, hi, equalities, differences }, keys, descriptions, index, hiddenOrderLeaks, counts };
}
