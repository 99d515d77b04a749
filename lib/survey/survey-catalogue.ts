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

/** How a team matches the typed text: by itself (name, slug or service), by one of its repositories, or not. */
type TeamMatch = { by: "team" } | { by: "repository"; repository: string } | null;

function matchTeam(team: TeamOption, needle: string): TeamMatch {
  if (
    team.name.toLowerCase().includes(needle) ||
    team.slug.includes(needle) ||
    team.service.toLowerCase().includes(needle)
  ) {
    return { by: "team" };
  }
  const repository = team.deliverables.find((repo) => repo.toLowerCase().includes(needle));
  return repository === undefined ? null : { by: "repository", repository };
}

const needleOf = (query: string) => query.trim().toLowerCase();

/** Teams whose name, service or one of whose repositories contains the typed text (case-insensitive). */
export function filterTeams(teams: readonly TeamOption[], query: string): TeamOption[] {
  const needle = needleOf(query);
  if (needle === "") return [...teams];
  return teams.filter((team) => matchTeam(team, needle) !== null);
}

/**
 * The repository that made a team match the typed text, when its name, slug and service did not: "nov" shows
 * blazar because of blazar-nova, and the respondent should see why.
 */
export function matchingRepository(team: TeamOption, query: string): string | null {
  const needle = needleOf(query);
  const match = needle === "" ? null : matchTeam(team, needle);
  return match?.by === "repository" ? match.repository : null;
}
