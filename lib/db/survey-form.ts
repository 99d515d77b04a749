// Reads behind the survey pages: what a round's form offers. The form gets it as props (see lib/survey/survey-catalogue.ts).
import type { CategoryOption, ProjectOption, SurveyCatalogue } from "../survey/survey-catalogue";
import { effectiveStatus, roundPhase } from "../survey/round-schedule";
import type { Db } from "./client";
import { settleRoundScheduleSoon } from "./round-schedule";

/** The round's projects by category (categories and projects in form order), and the active teams. */
export async function getSurveyCatalogue(db: Db, roundId: number): Promise<SurveyCatalogue> {
  const [offered, dependencies, teams] = await Promise.all([
    db.roundProject.findMany({
      where: { roundId, project: { status: "active" } },
      orderBy: [{ position: "asc" }, { projectId: "asc" }],
      select: {
        project: {
          select: {
            id: true,
            slug: true,
            name: true,
            category: { select: { slug: true, name: true, position: true, isActive: true } },
            aliases: { select: { alias: true }, orderBy: { id: "asc" } },
          },
        },
      },
    }),
    db.dependency.findMany({
      where: { origin: "external", status: "active", projectId: { not: null } },
      select: { projectId: true },
    }),
    db.team.findMany({ where: { isActive: true }, orderBy: [{ position: "asc" }, { id: "asc" }] }),
  ]);
  const dependencyIds = new Set(dependencies.map((row) => row.projectId));
  const categories = new Map<string, CategoryOption & { position: number }>();
  for (const { project } of offered) {
    const { category } = project;
    let group = categories.get(category.slug);
    if (!group) {
      group = { slug: category.slug, name: category.name, position: category.position, projects: [] };
      categories.set(category.slug, group);
    }
    const option: ProjectOption = {
      id: project.id,
      slug: project.slug,
      name: project.name,
      aliases: project.aliases.map((row) => row.alias),
      categorySlug: category.slug,
      isOpenStackDependency: dependencyIds.has(project.id),
    };
    group.projects.push(option);
  }
  return {
    categories: [...categories.values()]
      .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
      .map(({ position: _position, ...group }) => group),
    // Alphabetical whatever the capitalisation: the catalogue mixes "OpenStack-Helm" and "nova".
    teams: teams
      .sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }))
      .map((team) => ({
        slug: team.slug,
        name: team.name,
        service: team.service,
        deliverables: team.deliverables.split("|").filter(Boolean),
      })),
  };
}

/** A round by its slug, or null. Takes the client so tests can pass their own database. */
/** A round with the status its schedule gives it now (lib/survey/round-schedule.ts). */
export async function findRoundBySlug(db: Db, slug: string) {
  await settleRoundScheduleSoon(db);
  const round = await db.round.findUnique({ where: { slug } });
  const now = new Date();
  return round ? { ...round, status: effectiveStatus(round, now), phase: roundPhase(round, now) } : null;
}
