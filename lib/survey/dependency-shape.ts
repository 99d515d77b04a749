// "Dependencies that need help": the community's external dependencies joined with the survey, shaped and
// published through the cell key method (lib/survey/cell-key.ts, docs/privacy.md). Pure: lib/db/dependency-queries.ts
// counts in SQL (each count with its respondents' key sum), this module publishes and ranks; the page, the JSON API
// and the CSV all use its output.
//
// Rows are per catalogue project, not per package: respondents name projects on the form, so boto, boto3 and
// botocore all count the same people (the boto3 entry). One row per project, with its package names listed,
// is the honest unit: three rows with the same number would look like three dependencies with contributors.
import { z } from "zod";
import { parseSummaryQuery, type FilterIssue, type ParsedSummaryQuery, type SummaryFilters } from "./summary-filters";
import { EMPTY_TALLY, publishTally, type Tally } from "./cell-key";
import { cellShare, notShownCell, type Cell } from "./suppression";

/** A catalogue project that at least one active external dependency maps to (from the Dependency table). */
export interface DependencyProject {
  projectId: number;
  slug: string;
  name: string;
  categorySlug: string;
  categoryName: string;
  /** The active external packages that map to it, sorted. */
  packages: string[];
  /** Their requirement sections (general, testing, docs, ...), sorted. */
  sections: string[];
}

/** The filtered respondents' counts for one project, from SQL, with key sums. Projects nobody named have no row. */
export interface DependencyCountRow {
  projectId: number;
  respondents: number;
  keySum: number;
  maintainers: number;
  maintainersKeySum: number;
}

export interface UnmatchedDependency {
  package: string;
  section: string;
}

/** Where a row sits in the ranking, by its published figure: 0, "<k" (ranked together, by name), or a count. */
export type NeedsHelpTier = "none" | "fewer-than-k" | "counted";

export interface NeedsHelpRow extends DependencyProject {
  tier: NeedsHelpTier;
  respondents: Cell;
  maintainers: Cell;
  /** Share of the filtered respondents (published figures); null for "<k" (a hidden count yields no share). */
  share: number | null;
}

export interface CoverageCell {
  /** Every external dependency: catalogue projects (each with all its packages) plus packages not in the survey yet. */
  dependencies: number;
  /** Of those, the catalogue projects: what respondents can name on the form. */
  inSurvey: number;
  /** Of those, projects with at least k contributing respondents. */
  covered: number;
  /** covered / dependencies: a package not in the survey yet counts as not covered. */
  share: number | null;
}

export interface DependencyCoverage {
  overall: CoverageCell;
  bySection: ({ section: string } & CoverageCell)[];
}

/** A count of respondents on this page, published: 0, "<k", or the count adjusted by at most D. */
export function publishDependencyCount(tally: Tally | { respondents: number; keySum: number }, k: number): Cell {
  return publishTally("count" in tally ? tally : { count: tally.respondents, keySum: tally.keySum }, k);
}

/**
 * Maintainers of a row: published on their own (their own respondents, their own key), when the row's respondents
 * are shown as a count. The maintainers and the other contributors no longer pin each other down (both the row and
 * its maintainers are perturbed), so they are not hidden for it. Under a row published as 0 or "<k" there is no
 * figure ("—"): copying the row's label would give the maintainers a figure that could differ from the one the
 * same respondents get elsewhere (the kinds chart), and a figure of their own could contradict the row's 0.
 */
export function publishMaintainers(maintainers: Tally, respondents: Cell, k: number): Cell {
  if (respondents.suppressed || respondents.value === 0) return notShownCell();
  return publishTally(maintainers, k);
}

function tierOf(respondents: Cell): NeedsHelpTier {
  if (respondents.suppressed) return "fewer-than-k";
  return respondents.value === 0 ? "none" : "counted";
}

const TIER_ORDER: Record<NeedsHelpTier, number> = { none: 0, "fewer-than-k": 1, counted: 2 };

const byName = (a: { name: string; slug: string }, b: { name: string; slug: string }) =>
  a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || a.slug.localeCompare(b.slug);

/**
 * The "needs help" ranking, by published figures: fewest community contributors first. 0 first, then every row
 * published as "<k" together ordered by name only, then the counted rows by count ascending, ties by name.
 * `section` keeps the projects with a package in that section. `n` is the published n.
 */
export function rankNeedsHelp(
  projects: readonly DependencyProject[],
  counts: readonly DependencyCountRow[],
  n: number,
  k: number,
  section: string | null = null,
): NeedsHelpRow[] {
  const byProject = new Map(counts.map((row) => [row.projectId, row]));
  return projects
    .filter((project) => section === null || project.sections.includes(section))
    .map((project): NeedsHelpRow => {
      const count = byProject.get(project.projectId);
      const respondents = publishDependencyCount(count ? { count: count.respondents, keySum: count.keySum } : EMPTY_TALLY, k);
      const maintainers: Tally = count ? { count: count.maintainers, keySum: count.maintainersKeySum } : EMPTY_TALLY;
      return {
        ...project,
        tier: tierOf(respondents),
        respondents,
        maintainers: publishMaintainers(maintainers, respondents, k),
        share: !respondents.suppressed && respondents.value === 0 ? (n > 0 ? 0 : null) : cellShare(respondents, n),
      };
    })
    .sort((a, b) => {
      const tier = TIER_ORDER[a.tier] - TIER_ORDER[b.tier];
      if (tier !== 0) return tier;
      if (a.tier === "counted" && !a.respondents.suppressed && !b.respondents.suppressed) {
        const diff = a.respondents.value - b.respondents.value;
        if (diff !== 0) return diff;
      }
      return byName(a, b);
    });
}

function coverageCell(rows: readonly NeedsHelpRow[], notInSurvey: number): CoverageCell {
  const covered = rows.filter((row) => row.tier === "counted").length;
  const dependencies = rows.length + notInSurvey;
  return { dependencies, inSurvey: rows.length, covered, share: dependencies > 0 ? covered / dependencies : null };
}

/**
 * Coverage: the share of every external dependency, catalogued or not, with at least k contributing respondents,
 * overall and per section. A package the catalogue has no entry for cannot be named on the form, so it counts as
 * not covered. Computed from the tiers alone, i.e. from whether each row's count is published as k or more: exactly
 * what the table already tells (a published k may stand for fewer, docs/privacy.md, and coverage inherits that),
 * so coverage reveals no count the table hides. It counts dependencies, not people, so it is not a small cell.
 */
export function computeCoverage(rows: readonly NeedsHelpRow[], unmatched: readonly UnmatchedDependency[] = []): DependencyCoverage {
  const sections = [...new Set([...rows.flatMap((row) => row.sections), ...unmatched.map((dep) => dep.section)])].sort();
  return {
    overall: coverageCell(rows, unmatched.length),
    bySection: sections.map((section) => ({
      section,
      ...coverageCell(
        rows.filter((row) => row.sections.includes(section)),
        unmatched.filter((dep) => dep.section === section).length,
      ),
    })),
  };
}

/** "after-close": an open round that publishes its figures only once it has closed (docs/privacy.md). */
export type DependencyStatus = "ok" | "too-few" | "no-responses" | "after-close";

export interface DependencyReport {
  status: DependencyStatus;
  k: number;
  /** n: the filtered respondents, the denominator of every share; "<k" when too few. */
  respondents: Cell;
  section: string | null;
  /** null unless status is "ok": no figure for fewer than k respondents (the dashboard's rule). */
  coverage: DependencyCoverage | null;
  rows: NeedsHelpRow[] | null;
  /** Not respondent data: external packages the catalogue has no entry for, shown whatever n is. */
  unmatched: UnmatchedDependency[];
}

export interface DependencyReportInput {
  projects: readonly DependencyProject[];
  counts: readonly DependencyCountRow[];
  unmatched: readonly UnmatchedDependency[];
  /** Filtered respondents, with their key sum. */
  n: Tally;
  /** Respondents of the round without filters: published as 0 means the round has no figures to show (none, or 1..k-1 published as 0). */
  roundTotal: Tally;
  k: number;
  section: string | null;
}

export function shapeDependencyReport(input: DependencyReportInput): DependencyReport {
  const { k, section } = input;
  const respondents = publishTally(input.n, k);
  const roundFigure = publishTally(input.roundTotal, k);
  const unmatched = input.unmatched
    .filter((dep) => section === null || dep.section === section)
    .slice()
    .sort((a, b) => a.package.localeCompare(b.package, "en", { sensitivity: "base" }));
  const status: DependencyStatus =
    !roundFigure.suppressed && roundFigure.value === 0
      ? "no-responses"
      : respondents.suppressed || respondents.value === 0
        ? "too-few"
        : "ok";
  if (status !== "ok" || respondents.suppressed) return { status, k, respondents, section, coverage: null, rows: null, unmatched };
  const n = respondents.value;
  // Coverage is over every section, so the section filter narrows the table but not the coverage figures.
  const all = rankNeedsHelp(input.projects, input.counts, n, k);
  const rows = section === null ? all : rankNeedsHelp(input.projects, input.counts, n, k, section);
  return { status, k, respondents, section, coverage: computeCoverage(all, input.unmatched), rows, unmatched };
}

/** What the figures mean; written on the page and returned by the API. */
export const DEPENDENCY_DEFINITIONS = {
  respondents:
    "n is the number of responses in the round that match the team, category and employer-paid filters; every share is of n.",
  rows:
    "Every external dependency of the round's list (OpenStack global requirements): one row per catalogue project that packages map to (boto, boto3 and botocore are one project, because respondents name projects, not packages), and the packages not in the survey yet, which the form does not offer.",
  contributors: "Respondents who named the project on the form; maintainers: those of them who ticked “maintainer”.",
  section:
    "A requirement section (general, testing, docs, ...): it narrows the listed dependencies, not the respondents. Coverage by section is always over every section.",
  ranking:
    "Fewest contributors first: 0 (fewer than k, perhaps none), then by count, ties by name.",
  coverage:
    "The share of every external dependency with at least k contributing respondents: catalogue projects whose count is published as k or more, out of all of them plus the packages not in the survey yet (which respondents cannot name, so they count as not covered).",
  smallCells:
    "Every count is adjusted a little so that nobody can be singled out (docs/privacy.md): k or more by at most 2 and never below k, 1 to k−1 shown as 0 or, for one group in eight, as k, and 0 as 0. So 0 means fewer than k, perhaps none. The same respondents always get the same figure, here and on the dashboard. When n is shown as 0, no figures at all.",
} as const;

// ---------------------------------------------------------------------------------------------
// Query string: the dashboard's filters plus `section`, as strictly as the dashboard parses its own.

const SECTION = /^[a-z0-9][a-z0-9._-]{0,49}$/;
export const dependencySectionSchema = z
  .string()
  .regex(SECTION, "must be a requirement section (lower-case letters, digits, \".\", \"_\" or \"-\")");

export type ParsedDependencyQuery =
  | {
      ok: true;
      filters: SummaryFilters;
      section: string | null;
      format: Extract<ParsedSummaryQuery, { ok: true }>["format"];
    }
  | { ok: false; issues: FilterIssue[] };

/** The dashboard's parser for round/team/category/employerPaid (and bom where allowed), plus `section`. */
export function parseDependencyQuery(
  params: URLSearchParams,
  options: { allowFormat?: boolean } = {},
): ParsedDependencyQuery {
  const issues: FilterIssue[] = [];
  const rest = new URLSearchParams();
  const sections = params.getAll("section");
  for (const [key, value] of params) {
    // The dashboard's % / count switch means nothing here: every row shows both.
    if (key === "view") issues.push({ parameter: key, message: `unknown parameter "view" on this page` });
    else if (key !== "section") rest.append(key, value);
  }
  let section: string | null = null;
  if (sections.length > 1) {
    issues.push({ parameter: "section", message: `"section" is given more than once; give it at most once` });
  } else if (sections[0] !== undefined && sections[0].trim() !== "") {
    const result = dependencySectionSchema.safeParse(sections[0].trim());
    if (result.success) section = result.data;
    else issues.push({ parameter: "section", message: `"section" ${result.error.issues[0]?.message ?? "is invalid"}` });
  }
  const parsed = parseSummaryQuery(rest, options);
  if (!parsed.ok) issues.push(...parsed.issues);
  if (issues.length > 0 || !parsed.ok) return { ok: false, issues };
  return { ok: true, filters: parsed.filters, section, format: parsed.format };
}

/** The page's query string, in a fixed order, leaving out empty filters. */
export function toDependencyQueryString(filters: {
  round?: string;
  team?: string;
  category?: string;
  employerPaid?: string;
  section?: string;
}, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of ["round", "team", "category", "employerPaid", "section"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

// ---------------------------------------------------------------------------------------------
// CSV: the table as shown, the same suppression ("<k", no share for a hidden count).

export const DEPENDENCY_CSV_HEADER = [
  "rank_group",
  "project",
  "project_slug",
  "category",
  "packages",
  "sections",
  "respondents",
  "maintainers",
  "share_of_respondents",
  "n",
] as const;

const TIER_LABELS: Record<NeedsHelpTier, (k: number) => string> = {
  none: (k) => `0 (fewer than ${k}, perhaps none)`,
  "fewer-than-k": (k) => `fewer than ${k}`,
  counted: (k) => `shown as ${k} or more`,
};

export const describeTier = (tier: NeedsHelpTier, k: number) => TIER_LABELS[tier](k);

/** The packages not in the survey yet, after the counted rows: listed, with no figures. */
export function unmatchedRowsToCsv(unmatched: readonly UnmatchedDependency[], n: number): unknown[][] {
  return unmatched.map((dep) => ["not in the survey yet", dep.package, "", "", dep.package, dep.section, "", "", "", n]);
}

export function dependencyRowsToCsv(rows: readonly NeedsHelpRow[], n: number, k: number): unknown[][] {
  const display = (cell: Cell) => (cell.suppressed ? cell.display : cell.value);
  return rows.map((row) => [
    describeTier(row.tier, k),
    row.name,
    row.slug,
    row.categoryName,
    row.packages.join(" "),
    row.sections.join(" "),
    display(row.respondents),
    display(row.maintainers),
    row.share === null ? "" : row.share.toFixed(4),
    n,
  ]);
}
