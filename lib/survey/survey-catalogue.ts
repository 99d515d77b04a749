// What the survey form offers: the round's projects grouped by category, and the OpenStack teams.
// Built by lib/db from the catalogue and passed to the form as props, so the browser never queries anything.
import type { MatchableProject } from "./catalogue-match";

export interface ProjectOption extends MatchableProject {
  categorySlug: string;
  /** Listed in OpenStack's own requirements (an active, external dependency). */
  isOpenStackDependency: boolean;
}

export interface CategoryOption {
  slug: string;
  name: string;
  projects: ProjectOption[];
}

export interface TeamOption {
  slug: string;
  name: string;
  service: string;
  deliverables: string[];
}

export interface SurveyCatalogue {
  categories: CategoryOption[];
  teams: TeamOption[];
}

export const allProjects = (catalogue: SurveyCatalogue): ProjectOption[] =>
  catalogue.categories.flatMap((category) => category.projects);

/** Teams whose name, service or one of whose repositories contains the typed text (case-insensitive). */
export function filterTeams(teams: readonly TeamOption[], query: string): TeamOption[] {
  const needle = query.trim().toLowerCase();
  if (needle === "") return [...teams];
  return teams.filter(
    (team) =>
      team.name.toLowerCase().includes(needle) ||
      team.slug.includes(needle) ||
      team.service.toLowerCase().includes(needle) ||
      team.deliverables.some((repo) => repo.toLowerCase().includes(needle)),
  );
}

/**
 * The repository that made a team match the typed text, when its name, slug and service did not: "nov" shows
 * blazar because of blazar-nova, and the respondent should see why.
 */
export function matchingRepository(team: TeamOption, query: string): string | null {
  const needle = query.trim().toLowerCase();
  if (needle === "") return null;
  if (
    team.name.toLowerCase().includes(needle) ||
    team.slug.includes(needle) ||
    team.service.toLowerCase().includes(needle)
  ) {
    return null;
  }
  return team.deliverables.find((repo) => repo.toLowerCase().includes(needle)) ?? null;
}
