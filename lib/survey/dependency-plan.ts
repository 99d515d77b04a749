// What loading a dependency list changes, worked out before anything is written (and all that `--dry-run`
// shows): packages added, updated (with the fields that change) and dropped. Packages are matched by their
// PEP 503 name, so a file that spells one differently (django_compressor, django-compressor) updates it.
// Pure: lib/db/dependencies-load.ts reads the stored rows and applies the plan in one transaction.
import { formatVariant, type Requirement } from "./requirements-parse";

export type DependencyOrigin = "openstack" | "external";
/** Why a stored origin or mapping holds: only "auto" is worked out again on the next load. */
export type DecisionSource = "list" | "auto" | "organiser";

/** One package of the list being loaded. `listed` carries the bundled list's own origin and mapping. */
export interface ListedDependency {
  package: string;
  normalized: string;
  section: string;
  license: string;
  variants: string;
  listed?: { origin: DependencyOrigin; projectId: number | null };
}

export interface StoredDependency {
  id: number;
  package: string;
  normalized: string;
  section: string;
  origin: string;
  originSource: string;
  projectId: number | null;
  mappingSource: string;
  license: string;
  variants: string;
  status: string;
}

export type DependencyData = Omit<StoredDependency, "id" | "normalized">;

export interface PlannedChange {
  package: string;
  normalized: string;
  id: number | null;
  data: DependencyData;
  /** The fields that differ from the stored row (empty for an addition). */
  fields: string[];
}

export interface DependencyPlan {
  added: PlannedChange[];
  updated: PlannedChange[];
  dropped: StoredDependency[];
  unchanged: PlannedChange[];
  /** External packages that map to no catalogue project: candidates for the catalogue. */
  unmatched: string[];
}

export interface PlanContext {
  /** Why a package is OpenStack's own, or null (lib/survey/openstack-own.ts). */
  recognise(packageName: string): string | null;
  /** The catalogue project a package names, or null (lib/survey/catalogue-match.ts). */
  match(packageName: string): number | null;
}

// Sections of the file that list OpenStack's own deliverables rather than upstream projects.
const OPENSTACK_SECTION = /^openstack|^internal$/;

export function toListedDependency(requirement: Requirement): ListedDependency {
  return {
    package: requirement.package,
    normalized: requirement.normalized,
    section: requirement.section,
    license: requirement.license,
    variants: requirement.variants.map(formatVariant).filter(Boolean).join("\n"),
  };
}

function decide(current: StoredDependency | undefined, entry: ListedDependency, context: PlanContext): DependencyData {
  let origin: string;
  let originSource: DecisionSource;
  if (current?.originSource === "organiser") [origin, originSource] = [current.origin, "organiser"];
  else if (entry.listed) [origin, originSource] = [entry.listed.origin, "list"];
  else if (current?.originSource === "list") [origin, originSource] = [current.origin, "list"];
  else {
    const own = OPENSTACK_SECTION.test(entry.section) || context.recognise(entry.package) !== null;
    [origin, originSource] = [own ? "openstack" : "external", "auto"];
  }
  let projectId: number | null;
  let mappingSource: DecisionSource;
  if (current?.mappingSource === "organiser") [projectId, mappingSource] = [current.projectId, "organiser"];
  else if (entry.listed) [projectId, mappingSource] = [entry.listed.projectId, "list"];
  else if (current?.mappingSource === "list" && current.projectId !== null)
    [projectId, mappingSource] = [current.projectId, "list"];
  else [projectId, mappingSource] = [origin === "external" ? context.match(entry.package) : null, "auto"];
  return {
    package: entry.package,
    section: entry.section,
    origin,
    originSource,
    projectId,
    mappingSource,
    license: entry.license,
    variants: entry.variants,
    status: "active",
  };
}

export function planDependencyRefresh(
  stored: readonly StoredDependency[],
  listed: readonly ListedDependency[],
  context: PlanContext,
): DependencyPlan {
  const plan: DependencyPlan = { added: [], updated: [], dropped: [], unchanged: [], unmatched: [] };
  const byName = new Map(stored.map((dep) => [dep.normalized, dep]));
  const seen = new Set<string>();
  for (const entry of listed) {
    if (seen.has(entry.normalized)) continue;
    seen.add(entry.normalized);
    const current = byName.get(entry.normalized);
    const data = decide(current, entry, context);
    if (data.origin === "external" && data.projectId === null) plan.unmatched.push(entry.package);
    if (!current) {
      plan.added.push({ package: entry.package, normalized: entry.normalized, id: null, data, fields: [] });
      continue;
    }
    const fields = (Object.keys(data) as (keyof DependencyData)[]).filter((key) => current[key] !== data[key]);
    const change = { package: entry.package, normalized: entry.normalized, id: current.id, data, fields };
    (fields.length > 0 ? plan.updated : plan.unchanged).push(change);
  }
  // Kept, not deleted: earlier rounds were answered while the package was a dependency.
  for (const dep of stored) if (!seen.has(dep.normalized) && dep.status !== "dropped") plan.dropped.push(dep);
  return plan;
}

/** The plan as lines a person reads: what would be added, updated (which fields) and dropped. */
export function describeDependencyPlan(plan: DependencyPlan, packages: number): string[] {
  const lines = [
    `${packages} packages read: ${plan.added.length} added, ${plan.updated.length} updated, ${plan.dropped.length} dropped, ${plan.unchanged.length} unchanged.`,
  ];
  if (plan.added.length > 0) lines.push(`Added: ${plan.added.map((c) => c.package).join(", ")}`);
  if (plan.updated.length > 0) {
    lines.push(`Updated: ${plan.updated.map((c) => `${c.package} (${c.fields.join(", ")})`).join(", ")}`);
  }
  if (plan.dropped.length > 0)
    lines.push(`Dropped (kept for earlier rounds): ${plan.dropped.map((d) => d.package).join(", ")}`);
  if (plan.unmatched.length > 0) {
    lines.push(`External packages with no catalogue entry (${plan.unmatched.length}): ${plan.unmatched.join(", ")}`);
  }
  return lines;
}
