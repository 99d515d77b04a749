// Organisers' curation of the dependency list: whether a package is OpenStack's own, overriding the
// recognition rules; the decision survives every later load (originSource "organiser"). Each change is one
// transaction with its audit entry.
import type { DependencyOrigin } from "../survey/dependency-plan";
import { writeAudit, type Actor } from "./admin-audit";
import { ok, refuse, type AdminResult } from "./admin-rounds";
import type { Db } from "./client";

/** The current list, OpenStack's own and external, with how each origin and mapping was decided. */
export async function listDependenciesForAdmin(db: Db) {
  return db.dependency.findMany({
    where: { status: "active" },
    select: {
      id: true,
      package: true,
      section: true,
      origin: true,
      originSource: true,
      mappingSource: true,
      project: { select: { slug: true, name: true } },
    },
    orderBy: [{ origin: "asc" }, { normalized: "asc" }],
  });
}

export async function setDependencyOrigin(
  db: Db,
  actor: Actor,
  input: { dependencyId: number; origin: DependencyOrigin },
): Promise<AdminResult> {
  return db.$transaction(async (tx) => {
    const dep = await tx.dependency.findUnique({ where: { id: input.dependencyId } });
    if (!dep) return refuse("This package is not in the dependency list");
    if (dep.origin === input.origin && dep.originSource === "organiser") {
      return refuse(`“${dep.package}” is already marked ${input.origin === "openstack" ? "OpenStack's own" : "external"}`, "origin");
    }
    // OpenStack's own packages map to no upstream project; an automatic mapping would be re-made on the next load.
    const mapping = input.origin === "openstack" && dep.mappingSource !== "organiser" ? { projectId: null, mappingSource: "auto" } : {};
    await tx.dependency.update({ where: { id: dep.id }, data: { origin: input.origin, originSource: "organiser", ...mapping } });
    await writeAudit(tx, actor, {
      action: "dependency.origin",
      target: `dependency:${dep.normalized}`,
      before: { origin: dep.origin, decidedBy: dep.originSource },
      after: { origin: input.origin, decidedBy: "organiser" },
    });
    return ok(undefined);
  });
}
