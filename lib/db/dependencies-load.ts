// Refreshing the community's dependency list from a requirements file, in one transaction: packages are
// matched to catalogue entries through names and aliases; packages that left the file are marked dropped.
import { matchProjectName } from "../survey/catalogue-match";
import { normalizeName } from "../survey/normalize";
import type { Requirement } from "../survey/requirements-parse";
import type { Db } from "./client";
import { loadMatchableCatalogue } from "./responses";

export interface DependencyRefreshReport {
  added: string[];
  updated: string[];
  dropped: string[];
  unchanged: number;
  /** External packages that map to no catalogue entry: candidates for the catalogue. */
  unmatched: string[];
}

// Sections of the file that list OpenStack's own deliverables rather than upstream projects.
const OPENSTACK_SECTION = /^openstack|^internal$/;

export async function refreshDependencies(db: Db, requirements: readonly Requirement[]): Promise<DependencyRefreshReport> {
  const report: DependencyRefreshReport = { added: [], updated: [], dropped: [], unchanged: 0, unmatched: [] };
  await db.$transaction(
    async (tx) => {
      const index = await loadMatchableCatalogue(tx);
      const deliverables = new Set(
        (await tx.team.findMany({ select: { deliverables: true } })).flatMap((team) => team.deliverables.split("|").map(normalizeName)),
      );
      const existing = new Map((await tx.dependency.findMany()).map((dep) => [dep.normalized, dep]));
      const listed = new Set<string>();
      for (const requirement of requirements) {
        listed.add(requirement.normalized);
        const current = existing.get(requirement.normalized);
        const origin =
          current?.origin ??
          (OPENSTACK_SECTION.test(requirement.section) || deliverables.has(requirement.normalized) ? "openstack" : "external");
        // A mapping made earlier (by the shipped list or an organiser) wins over the automatic match.
        const projectId = current?.projectId ?? (origin === "external" ? (matchProjectName(index, requirement.package)?.id ?? null) : null);
        const data = { package: requirement.package, section: requirement.section, origin, projectId, license: requirement.license, status: "active" };
        if (!current) {
          await tx.dependency.create({ data: { ...data, normalized: requirement.normalized } });
          report.added.push(requirement.package);
        } else if (Object.entries(data).some(([key, value]) => current[key as keyof typeof current] !== value)) {
          await tx.dependency.update({ where: { id: current.id }, data });
          report.updated.push(requirement.package);
        } else {
          report.unchanged++;
        }
        if (origin === "external" && projectId === null) report.unmatched.push(requirement.package);
      }
      for (const dep of existing.values()) {
        if (listed.has(dep.normalized) || dep.status === "dropped") continue;
        // Kept, not deleted: earlier rounds were answered while the package was a dependency.
        await tx.dependency.update({ where: { id: dep.id }, data: { status: "dropped" } });
        report.dropped.push(dep.package);
      }
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  return report;
}
