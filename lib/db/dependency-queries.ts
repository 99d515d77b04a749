// "Dependencies that need help", counted by the database: the community's active external dependencies
// (the Dependency table) joined with the filtered respondents' projects. One aggregation returns one row per
// project; no response is loaded into JavaScript. lib/survey/dependency-shape.ts ranks and suppresses.
//
// Filters are the dashboard's (round, team, category, employerPaid; see summary-queries.ts) and mean exactly
// the same respondents. `section` narrows which dependencies are listed, not which respondents are counted.
import type { Db } from "./client";
import { findRoundDependencyLoad } from "./dependency-history";
import { Prisma } from "./generated/sqlite/client";
import {
  countRespondentTally,
  describeSummaryFilters,
  isRoundPublished,
  resolveSummaryFilters,
  type ResolvedSummaryFilters,
  type SummarySource,
} from "./summary-queries";
import { childScope, type RespondentFilters } from "./respondent-scope";
import {
  parseDependencyQuery,
  shapeDependencyReport,
  type DependencyCountRow,
  type DependencyProject,
  type DependencyReport,
  type UnmatchedDependency,
} from "../survey/dependency-shape";
import { EMPTY_TALLY, publishTally } from "../survey/cell-key";
import { unpublishedCell } from "../survey/suppression";
import type { FilterIssue } from "../survey/summary-filters";

// SUM over no row is NULL; PostgreSQL gives COUNT and SUM as bigint or numeric.
const num = (value: unknown) => Number(value ?? 0);

/** External packages of one load of the list (the one a round is compared against; see dependency-history.ts). */
const externalIn = (loadId: number | null) => ({ origin: "external", listings: { some: { loadId: loadId ?? -1 } } });

async function listExternal(db: Db, loadId: number | null, mapped: boolean) {
  const deps = await db.dependency.findMany({
    where: { ...externalIn(loadId), projectId: mapped ? { not: null } : null },
    select: {
      package: true,
      listings: { where: { loadId: loadId ?? -1 }, select: { section: true } },
      project: { select: { id: true, slug: true, name: true, category: { select: { slug: true, name: true } } } },
    },
    orderBy: { package: "asc" },
  });
  // The section the package had in that load, which may differ from today's.
  return deps.map(({ listings, ...dep }) => ({ ...dep, section: listings[0]?.section ?? "general" }));
}

/** Catalogue projects that the load's external dependencies map to, with their packages and sections. */
export async function listDependencyProjects(db: Db, loadId: number | null): Promise<DependencyProject[]> {
  const deps = await listExternal(db, loadId, true);
  const byProject = new Map<number, DependencyProject>();
  for (const dep of deps) {
    const project = dep.project;
    if (!project) continue;
    let entry = byProject.get(project.id);
    if (!entry) {
      entry = {
        projectId: project.id,
        slug: project.slug,
        name: project.name,
        categorySlug: project.category.slug,
        categoryName: project.category.name,
        packages: [],
        sections: [],
      };
      byProject.set(project.id, entry);
    }
    entry.packages.push(dep.package);
    if (!entry.sections.includes(dep.section)) entry.sections.push(dep.section);
  }
  for (const entry of byProject.values()) entry.sections.sort();
  return [...byProject.values()];
}

export async function listUnmatchedDependencies(db: Db, loadId: number | null): Promise<UnmatchedDependency[]> {
  return (await listExternal(db, loadId, false)).map((dep) => ({ package: dep.package, section: dep.section }));
}

/** Sections that held an external dependency in any load: what the section filter offers. */
export async function listDependencySections(db: Db): Promise<string[]> {
  const rows = await db.dependencyListing.findMany({
    where: { dependency: { origin: "external" } },
    distinct: ["section"],
    select: { section: true },
    orderBy: { section: "asc" },
  });
  return rows.map((row) => row.section);
}

/**
 * Per project that an active external dependency maps to: the filtered respondents who contribute to it, and
 * how many of them as maintainers. Projects nobody named have no row (the shaping counts them as 0).
 */
export async function countDependencyRespondents(
  { reads }: SummarySource,
  f: RespondentFilters,
  roundId: number,
  loadId: number | null,
): Promise<DependencyCountRow[]> {
  const { from, where } = childScope("ResponseProject", "rp", f, [roundId]);
  // (responseId, projectId) is the primary key: one row per respondent and project, so each record key is summed once.
  const rows = await reads.all<{ projectId: unknown; n: unknown; keySum: unknown; m: unknown; mKeySum: unknown }>(Prisma.sql`
    SELECT rp."projectId" AS "projectId", COUNT(*) AS "n", SUM(r."recordKey") AS "keySum",
      SUM(CASE WHEN rp."kindMaintainer" THEN 1 ELSE 0 END) AS "m",
      SUM(CASE WHEN rp."kindMaintainer" THEN r."recordKey" ELSE 0 END) AS "mKeySum"
    FROM ${from}
    WHERE ${where} AND rp."projectId" IN (
      SELECT d."projectId" FROM "Dependency" d JOIN "DependencyListing" l ON l."dependencyId" = d."id"
      WHERE l."loadId" = ${loadId ?? -1} AND d."origin" = 'external' AND d."projectId" IS NOT NULL
    )
    GROUP BY rp."projectId"`);
  return rows.map((row) => ({
    projectId: num(row.projectId),
    respondents: num(row.n),
    keySum: num(row.keySum),
    maintainers: num(row.m),
    maintainersKeySum: num(row.mKeySum),
  }));
}

export interface DependencyReportResult extends DependencyReport {
  round: { slug: string; title: string; status: string; isDemo: boolean };
  filters: {
    team: { slug: string; name: string } | null;
    category: { slug: string; name: string } | null;
    employerPaid: string | null;
  };
}

export async function getDependencyReport(
  source: SummarySource,
  filters: ResolvedSummaryFilters,
  section: string | null,
  k: number,
): Promise<DependencyReportResult> {
  const roundId = filters.round.id;
  // An open round that publishes only after closing: nothing is counted, not even n.
  if (!isRoundPublished(filters.round)) {
    const unmatched = await listUnmatchedDependencies(source.db, null);
    const report = shapeDependencyReport({ projects: [], counts: [], unmatched, n: EMPTY_TALLY, roundTotal: EMPTY_TALLY, k, section });
    return { ...report, status: "after-close", respondents: unpublishedCell(), ...describeSummaryFilters(filters) };
  }
  const none: RespondentFilters = { team: null, category: null, employerPaid: null };
  // One after another: SQLite serialises anyway, and it keeps a PostgreSQL pool free.
  const n = await countRespondentTally(source, filters, roundId);
  const roundTotal =
    filters.team || filters.category || filters.employerPaid ? await countRespondentTally(source, none, roundId) : n;
  const round = await source.db.round.findUniqueOrThrow({ where: { id: roundId }, select: { status: true, closesAt: true } });
  const loadId = await findRoundDependencyLoad(source.db, round);
  const projects = await listDependencyProjects(source.db, loadId);
  const unmatched = await listUnmatchedDependencies(source.db, loadId);
  // Counts are not even queried when n is not shown: no figure can leak from a query that did not run.
  const shownN = publishTally(n, k);
  const counts =
    !shownN.suppressed && shownN.value > 0 ? await countDependencyRespondents(source, filters, roundId, loadId) : [];
  const report = shapeDependencyReport({ projects, counts, unmatched, n, roundTotal, k, section });
  return {
    ...report,
    ...describeSummaryFilters(filters),
  };
}

export type DependencyRequest =
  | {
      ok: true;
      filters: ResolvedSummaryFilters | null;
      section: string | null;
      format: Extract<ReturnType<typeof parseDependencyQuery>, { ok: true }>["format"];
    }
  | { ok: false; status: 400 | 404; issues: FilterIssue[] };

/** From a query string to resolved filters: shared by the page, the API and the CSV. */
export async function resolveDependencyRequest(
  db: Db,
  params: URLSearchParams,
  options: { allowFormat?: boolean } = {},
): Promise<DependencyRequest> {
  const parsed = parseDependencyQuery(params, options);
  if (!parsed.ok) return { ok: false, status: 400, issues: parsed.issues };
  const resolved = await resolveSummaryFilters(db, parsed.filters);
  if (!resolved.ok) return resolved;
  if (parsed.section !== null) {
    const sections = await listDependencySections(db);
    if (!sections.includes(parsed.section)) {
      return {
        ok: false,
        status: 400,
        issues: [
          {
            parameter: "section",
            message: `there is no requirement section "${parsed.section}"; sections: ${sections.join(", ")}`,
          },
        ],
      };
    }
  }
  return { ok: true, filters: resolved.filters, section: parsed.section, format: parsed.format };
}
