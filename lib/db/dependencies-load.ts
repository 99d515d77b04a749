// Loading a dependency list (a requirements file or the bundled list) in one transaction: the plan of
// lib/survey/dependency-plan.ts applied, and the load recorded with the list as it stands after it
// (DependencyLoad + DependencyListing), so each round is later compared against the dependencies of its time.
import { createHash } from "node:crypto";
import { matchProjectName } from "../survey/catalogue-match";
import type { DependencyRow } from "../survey/catalogue-csv";
import {
  describeDependencyPlan,
  planDependencyRefresh,
  type DependencyPlan,
  type ListedDependency,
} from "../survey/dependency-plan";
import { pep503Name } from "../survey/normalize";
import { buildOpenStackNameIndex, recogniseOpenStackPackage } from "../survey/openstack-own";
import type { Tx } from "./admin-audit";
import type { Db } from "./client";
import { loadMatchableCatalogue } from "./responses";
import { readWriteTransaction } from "./transaction";

export const BUNDLED_LIST_SOURCE = "bundled list";

export interface DependencyLoadOptions {
  /** What was loaded, as the history shows it: a file name, or BUNDLED_LIST_SOURCE. */
  source: string;
  /** The loaded text, fingerprinted in the history so two loads of the same file are recognisable. */
  text: string;
  /** Work out and return the plan, write nothing. */
  dryRun?: boolean;
}

export interface DependencyLoadResult {
  plan: DependencyPlan;
  packages: number;
  /** The recorded load; null for a dry run. */
  loadId: number | null;
  summary: string[];
}

const TRANSACTION = { timeout: 120_000, maxWait: 30_000 };

/** The bundled list's rows as a list to load, with their own origin and catalogue mapping. */
export async function listBundledDependencies(
  db: Db | Tx,
  rows: readonly DependencyRow[],
): Promise<ListedDependency[]> {
  const projects = new Map(
    (await db.project.findMany({ select: { id: true, slug: true } })).map((p) => [p.slug, p.id]),
  );
  return rows.map((row) => ({
    package: row.package,
    normalized: pep503Name(row.package),
    section: row.section,
    license: row.license,
    variants: "",
    listed: {
      origin: row.origin,
      projectId: row.catalogue_slug ? (projects.get(row.catalogue_slug) ?? null) : null,
    },
  }));
}

async function planFor(tx: Db | Tx, listed: readonly ListedDependency[]): Promise<DependencyPlan> {
  const catalogue = await loadMatchableCatalogue(tx);
  const teams = await tx.team.findMany({ select: { slug: true, deliverables: true } });
  const names = buildOpenStackNameIndex(teams.map((t) => ({ slug: t.slug, deliverables: t.deliverables.split("|") })));
  const stored = await tx.dependency.findMany({ orderBy: { id: "asc" } });
  return planDependencyRefresh(stored, listed, {
    recognise: (name) => recogniseOpenStackPackage(names, name),
    match: (name) => matchProjectName(catalogue, name)?.id ?? null,
  });
}

export async function loadDependencyList(
  db: Db,
  listed: readonly ListedDependency[],
  options: DependencyLoadOptions,
): Promise<DependencyLoadResult> {
  const packages = new Set(listed.map((entry) => entry.normalized)).size;
  if (options.dryRun) {
    const plan = await planFor(db, listed);
    return { plan, packages, loadId: null, summary: describeDependencyPlan(plan, packages) };
  }
  return readWriteTransaction(db, async (tx) => {
    const plan = await planFor(tx, listed);
    const listings: { dependencyId: number; section: string }[] = [];
    for (const change of plan.added) {
      const created = await tx.dependency.create({ data: { normalized: change.normalized, ...change.data } });
      listings.push({ dependencyId: created.id, section: change.data.section });
    }
    for (const change of plan.updated) {
      await tx.dependency.update({ where: { id: change.id! }, data: change.data });
      listings.push({ dependencyId: change.id!, section: change.data.section });
    }
    for (const change of plan.unchanged) listings.push({ dependencyId: change.id!, section: change.data.section });
    if (plan.dropped.length > 0) {
      await tx.dependency.updateMany({
        where: { id: { in: plan.dropped.map((d) => d.id) } },
        data: { status: "dropped" },
      });
    }
    const load = await tx.dependencyLoad.create({
      data: {
        at: new Date(),
        source: options.source,
        sha256: createHash("sha256").update(options.text).digest("hex"),
        packages,
        added: plan.added.length,
        updated: plan.updated.length,
        dropped: plan.dropped.length,
      },
    });
    await tx.dependencyListing.createMany({ data: listings.map((listing) => ({ loadId: load.id, ...listing })) });
    return { plan, packages, loadId: load.id, summary: describeDependencyPlan(plan, packages) };
  }, TRANSACTION);
}

export async function hasDependencyHistory(db: Db): Promise<boolean> {
  return (await db.dependencyLoad.count()) > 0;
}
