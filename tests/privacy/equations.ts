// From a crawl to the attacker's system of constraints on the true counts (solver.ts). Each kind of signal the
// issue lists is one function here, so a reader can see exactly what the attack assumes:
//   published values → bounds; zero signals (rows listed only when non-empty, 0 shown apart from "<k");
//   structural zeros; the unpublished employer-paid rest (total − Σ filterable values); charts whose cells add up
//   to n; subsets never outnumber their supersets; and the order of hidden rows in ranked lists.
import { isStructurallyEmpty, keyOf, parentsOf, refine, REST, type Catalogue, type Description } from "./cells";
import type { Crawl } from "./observations";
import { perturbationTableFor } from "../../lib/survey/cell-key";
import type { Outcome } from "../../lib/survey/perturbation-table";
import { UNBOUNDED, type Difference, type Equality, type Problem } from "./solver";

/**
 * How the attack reads a published count. "suppression": counts are exact, below k shown as "<k" (main before
 * the cell key). "cell-key": the published table of docs/privacy.md (lib/survey/perturbation-table.ts), read for
 * every true count it can publish as what was seen.
 */
export type PublicationModel = "suppression" | "cell-key";

/** The attack's kinds of signal, each of which can be left out to see what it alone gives away. */
export const SIGNALS = [
  "zero signals",
  "left-out rows",
  "employer-paid rest",
  "chart partitions",
  "subsets",
  "order of hidden rows",
  "dependencies endpoint",
] as const;
export type Signal = (typeof SIGNALS)[number];

export interface AttackRules {
  k: number;
  /** Signals the attack does not use (default: it uses all). */
  without?: readonly Signal[];
  /** The summary's model; the dependencies endpoint may lag behind (`dependenciesModel`, default the same). */
  model: PublicationModel;
  dependenciesModel?: PublicationModel;
  /** Largest difference between a published count of at least k and the true one. */
  maxAdjustment: number;
}

/** The true counts a published cell allows, under the model. */
export function feasibleRange(
  published: { value: number | null; display: string | null; reason: string | null },
  rules: Pick<AttackRules, "k" | "maxAdjustment" | "model">,
): [number, number] {
  const { k, maxAdjustment: D, model } = rules;
  const { value, display, reason } = published;
  if (model === "suppression") {
    if (value !== null) return [value, value];
    if (reason === "complementary") return [k, UNBOUNDED];
    return display === `<${k}` ? [0, k - 1] : [0, UNBOUNDED];
  }
  // The attacker knows the published table (docs/privacy.md): every true count some key publishes this way.
  const table = perturbationTableFor(k);
  if (value !== null && value < k && value !== 0) return [Math.max(0, value - D), value + D];
  const fits = (count: number) =>
    table.rows.some((row) => row.count === Math.min(count, k + D) && row.ranges.some((range) => sameOutcome(range.outcome, count)));
  const sameOutcome = (outcome: Outcome, count: number) =>
    outcome.kind === "small"
      ? display === `<${k}`
      : value !== null && (count < k ? outcome.value === value : count + outcome.value === value);
  if (value === null && display !== `<${k}`) return [0, UNBOUNDED];
  const candidates = Array.from({ length: Math.max(value ?? 0, k) + D + 1 }, (_, count) => count).filter(fits);
  return candidates.length ? [candidates[0]!, candidates.at(-1)!] : [0, UNBOUNDED];
}

/**
 * Which model a crawl was published under, from the figures alone: the old rule never shows a 0 in a summary
 * chart (0 is below k, so "<k"), the cell key shows every empty cell as 0.
 */
export function detectModel(crawl: Crawl): PublicationModel {
  return crawl.observations.some((o) => o.where.startsWith("summary") && o.published.value === 0)
    ? "cell-key"
    : "suppression";
}

/** The dependencies endpoint follows the summary's model when its n always equals the summary's n for the same filters. */
export function detectDependenciesModel(crawl: Crawl, summaryModel: PublicationModel): PublicationModel {
  if (summaryModel === "suppression") return "suppression";
  const summaryN = new Map<string, number | null>();
  for (const o of crawl.observations) if (/^summary\?\S* n $/.test(o.where)) summaryN.set(o.key, o.published.value);
  const agrees = crawl.observations.every(
    (o) => !/^dependencies\?\S* n $/.test(o.where) || !summaryN.has(o.key) || summaryN.get(o.key) === o.published.value,
  );
  return agrees ? summaryModel : "suppression";
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
  const { k } = rules;
  const uses = (signal: Signal) => !rules.without?.includes(signal);
  for (const o of crawl.observations) {
    if (!uses("dependencies endpoint") && o.where.startsWith("dependencies")) continue;
    const i = index.get(o.key)!;
    const { value, display } = o.published;
    const model = o.where.startsWith("dependencies") ? (rules.dependenciesModel ?? rules.model) : rules.model;
    // Maintainers are "<k" whenever the row's respondents are, even with none: never read "<k" as "at least one".
    const maintainers = o.where.includes(" maintainers ") && o.published.display === `<${k}`;
    bound(i, ...(maintainers ? ([0, k - 1] as [number, number]) : feasibleRange(o.published, { ...rules, model })));
    if (uses("zero signals") && (o.listedOnlyIfAny || (o.zeroShownAsZero && value === null && display === `<${k}`))) {
      bound(i, 1, UNBOUNDED);
      count("zero signals");
    }
  }

  // Lists that show every non-empty row: the rows they leave out are empty.
  for (const list of uses("left-out rows") ? crawl.completeLists : []) {
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
        // Under the cell key a row is left out when its published figure is 0, which a small count can be too.
        bound(i, 0, rules.model === "cell-key" ? k - 1 : 0);
        count("left-out rows");
      }
    }
  }

  // The employer-paid rest: every count without that filter is the sum over the filterable values plus the
  // answers no filter selects (unanswered), which is never published but follows by subtraction.
  const paidValues = crawl.employerPaidValues;
  // Once "unanswered" can be filtered by, every answer has a filterable value: the rest is empty.
  const restIsEmpty = paidValues.some((value) => /unanswered|not-answered|no-answer/.test(value));
  for (const [key, d] of crawl.descriptions) {
    if (d.employerPaid !== null || d.impossible || paidValues.length === 0 || !uses("employer-paid rest")) continue;
    const total = index.get(key)!;
    const parts = [...paidValues, REST].map((value) => variable(refine(d, { employerPaid: value }, catalogue)));
    if (restIsEmpty) bound(parts.at(-1)!, 0, 0);
    equalities.push({ vars: [total, ...parts], coefs: [1, ...parts.map(() => -1)], rhs: 0 });
    count("employer-paid partitions");
  }

  // Charts whose cells add up to n (projects per respondent, responses per day).
  const seenPartitions = new Set<string>();
  for (const p of uses("chart partitions") ? crawl.partitions : []) {
    const signature = `${p.total}=${[...p.parts].sort().join("+")}`;
    if (seenPartitions.has(signature)) continue;
    seenPartitions.add(signature);
    const parts = p.parts.map((key) => index.get(key)!);
    equalities.push({ vars: [index.get(p.total)!, ...parts], coefs: [1, ...parts.map(() => -1)], rhs: 0 });
    count("chart partitions");
  }

  // A subset never has more respondents than its superset.
  for (const [key, d] of uses("subsets") ? crawl.descriptions : new Map<string, Description>()) {
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
  if (hiddenOrderLeaks && uses("order of hidden rows"))
    for (const pair of pairs) {
      differences.push({ a: pair.a, b: pair.b, gap: pair.strict ? 1 : 0 });
      count(pair.strict ? "order: strict drops" : "order: not rising");
    }

  return { problem: { lo, hi, equalities, differences }, keys, descriptions, index, hiddenOrderLeaks, counts };
}
