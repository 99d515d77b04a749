// "Where to help": for a reader deciding where to spend effort upstream. Three views of the round's external
// dependencies, every count published through the cell key method like the dependency page's (docs/privacy.md):
//   - per dependency: contributors, maintainers and the change since the previous round;
//   - per OpenStack team: the dependencies its members contribute to;
//   - a ranking of the dependencies OpenStack uses most with the fewest OpenStack contributors.
// Pure: lib/db/where-to-help-queries.ts counts; the page and the API show what this returns.
import { EMPTY_TALLY, isPublishedNonZero, publishTally, type Tally } from "./cell-key";
import {
  publishDependencyCount,
  type DependencyCountRow,
  type NeedsHelpRow,
  type NeedsHelpTier,
} from "./dependency-shape";
import { cellValue, type Cell } from "./suppression";

export interface TeamDependencyCount {
  teamId: number;
  projectId: number;
  respondents: number;
  keySum: number;
}

export interface TeamTotal {
  id: number;
  slug: string;
  name: string;
  respondents: number;
  keySum: number;
}

export interface DependencyUse {
  projectId: number;
  /** A run-time requirement (a section other than testing or docs) in the round's list. */
  runtime: boolean;
  /** In how many of the loaded lists the project's packages appear. */
  listedIn: number;
}

export interface RoundChange {
  previous: Cell;
  /** This round's count minus the previous one, only when both are shown as numbers. */
  change: number | null;
}

export interface PreviousRound {
  slug: string;
  title: string;
  /** The previous round's n under the same filters, published; "<k" or 0 means none of its figures are shown. */
  respondents: Cell;
}

/**
 * Per dependency project, the previous round's contributors and the change. When the previous round's n under
 * these filters is not shown as a count, there is nothing to compare (an empty map). A change between two shown
 * counts reveals nothing that the two counts do not.
 */
export function shapeRoundChanges(
  rows: readonly NeedsHelpRow[],
  previousCounts: readonly DependencyCountRow[],
  previousN: Tally,
  k: number,
): Map<number, RoundChange> {
  const changes = new Map<number, RoundChange>();
  const shownN = publishTally(previousN, k);
  if (shownN.suppressed || shownN.value === 0) return changes;
  const before = new Map(previousCounts.map((row) => [row.projectId, { count: row.respondents, keySum: row.keySum }]));
  for (const row of rows) {
    const previous = publishDependencyCount(before.get(row.projectId) ?? EMPTY_TALLY, k);
    const now = cellValue(row.respondents);
    const then = cellValue(previous);
    changes.set(row.projectId, { previous, change: now !== null && then !== null ? now - then : null });
  }
  return changes;
}

export interface TeamDependencies {
  slug: string;
  name: string;
  /** The team's matching respondents: its figures are shown only from k on. */
  respondents: Cell;
  /** Dependencies with at least k of the team's respondents contributing, most first; null below k respondents. */
  dependencies: { projectId: number; slug: string; name: string; respondents: Cell }[] | null;
}

/**
 * Per team, the dependencies its members contribute to. Only figures shown as a count are listed (by figure, then
 * name); the others (0 or "<k") are left out together, so neither their presence nor their order tells a small
 * count apart from zero. Teams published as 0 are left out like teams nobody chose.
 */
export function shapeTeamDependencies(
  teams: readonly TeamTotal[],
  counts: readonly TeamDependencyCount[],
  projects: readonly { projectId: number; slug: string; name: string }[],
  k: number,
): TeamDependencies[] {
  const byId = new Map(projects.map((p) => [p.projectId, p]));
  return teams
    .map((team) => ({ team, respondents: publishTally({ count: team.respondents, keySum: team.keySum }, k) }))
    .filter(({ respondents }) => isPublishedNonZero(respondents))
    .map(({ team, respondents }) => {
      if (respondents.suppressed) return { slug: team.slug, name: team.name, respondents, dependencies: null };
      const dependencies = counts
        .filter((row) => row.teamId === team.id)
        .map((row) => ({ project: byId.get(row.projectId), cell: publishDependencyCount(row, k) }))
        .filter((entry) => entry.project && !entry.cell.suppressed && entry.cell.value > 0)
        .sort(
          (a, b) =>
            (cellValue(b.cell) ?? 0) - (cellValue(a.cell) ?? 0) || a.project!.name.localeCompare(b.project!.name),
        )
        .map(({ project, cell }) => ({
          projectId: project!.projectId,
          slug: project!.slug,
          name: project!.name,
          respondents: cell,
        }));
      return { slug: team.slug, name: team.name, respondents, dependencies };
    });
}

export interface WhereToHelpRow {
  projectId: number;
  slug: string;
  name: string;
  packages: string[];
  runtime: boolean;
  listedIn: number;
  tier: NeedsHelpTier;
  respondents: Cell;
  maintainers: Cell;
}

const TIER_ORDER: Record<NeedsHelpTier, number> = { none: 0, "fewer-than-k": 1, counted: 2 };

/**
 * Most OpenStack use, fewest OpenStack contributors: by contributors first (none, then fewer than k together,
 * then by count), and within that by use: run-time requirements before test and docs ones, then those OpenStack
 * has listed longest. Hidden counts never order rows; use is public, so ordering by it reveals nothing.
 */
export function rankWhereToHelp(
  rows: readonly NeedsHelpRow[],
  use: readonly DependencyUse[],
  limit = 15,
): WhereToHelpRow[] {
  const byProject = new Map(use.map((u) => [u.projectId, u]));
  return rows
    .map((row) => {
      const u = byProject.get(row.projectId);
      return {
        projectId: row.projectId,
        slug: row.slug,
        name: row.name,
        packages: row.packages,
        runtime: u?.runtime ?? false,
        listedIn: u?.listedIn ?? 0,
        tier: row.tier,
        respondents: row.respondents,
        maintainers: row.maintainers,
      };
    })
    .sort((a, b) => {
      const tier = TIER_ORDER[a.tier] - TIER_ORDER[b.tier];
      if (tier !== 0) return tier;
      if (a.tier === "counted") {
        const diff = (cellValue(a.respondents) ?? 0) - (cellValue(b.respondents) ?? 0);
        if (diff !== 0) return diff;
      }
      return Number(b.runtime) - Number(a.runtime) || b.listedIn - a.listedIn || a.name.localeCompare(b.name, "en");
    })
    .slice(0, limit);
}
