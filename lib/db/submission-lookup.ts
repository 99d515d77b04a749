// Everything a batch of submissions is checked against, read inside the batch's transaction: its rounds, the
// existing responses and tombstones of its edit tokens, the projects and teams it names, which of those projects
// its rounds offer, and the catalogue entries its free text could name. A handful of indexed queries per batch,
// whatever its size; nothing loads the whole catalogue.
import { type MatchableProject } from "../survey/catalogue-match";
import { roundPhase, type RoundPhase } from "../survey/round-schedule";
import { candidateKeys } from "../survey/normalize";
import type { ResponseInput } from "../survey/response-schema";
import type { Tx } from "./client";
import { Prisma } from "./generated/sqlite/client";

export interface ExistingResponse {
  /** Response.id, the internal key its rows hang off. */
  id: string;
  publicId: string;
  roundId: number;
}

export interface BatchLookup {
  /** opensAt: so a round that is not open yet can say when it opens. */
  roundBySlug: ReadonlyMap<string, { id: number; phase: RoundPhase; opensAt: Date | null }>;
  /** Edit-token hashes whose response was deleted. */
  tombstones: ReadonlySet<string>;
  existingByTokenHash: ReadonlyMap<string, ExistingResponse>;
  /** The project an answered slug stands for: a merged project's answers go to the project it was merged into. */
  projectIdBySlug: ReadonlyMap<string, number>;
  isOffered(roundId: number, projectId: number): boolean;
  /** Active teams by slug. */
  teamIdBySlug: ReadonlyMap<string, number>;
  /** Active projects with a name, slug or alias among the free text's candidate keys, in catalogue order. */
  namedProjects: MatchableProject[];
}

interface RoundRow {
  id: number;
  slug: string;
  status: string;
  opensAt: Date | null;
  closesAt: Date | null;
}

const unique = <T>(values: Iterable<T>) => [...new Set(values)];

export async function lookUpBatch(tx: Tx, inputs: readonly ResponseInput[], tokenHashes: readonly string[]): Promise<BatchLookup> {
  const projectSlugs = unique(inputs.flatMap((input) => input.projects.map((p) => p.slug)));
  const teamSlugs = unique(inputs.flatMap((input) => input.teams));
  const roundSlugs = unique(inputs.map((input) => input.round));

  // The queries go out together: on PostgreSQL the driver sends each as soon as the one before it is answered,
  // instead of each waiting until a busy thread gets back to this function. Plain SQL with typed rows, not model
  // queries: under load every batch runs these seven, and Prisma's query compiler costs the saving thread about
  // three times as much CPU per model query as per raw one (docs/benchmarks.md, "2026-12-04 night").
  //
  // The responses are read before the tombstones, and on PostgreSQL each statement sees what was committed when it
  // began: a deletion committed between the two is then seen as a tombstone (refused as deleted), never as neither
  // (which would create the token's response again beside its tombstone, as an outsider's same-token race did).
  const [rounds, existing, tombstones, projects, offered, teams, namedProjects] = await Promise.all([
    tx.$queryRaw<RoundRow[]>`
      SELECT "id", "slug", "status", "opensAt", "closesAt" FROM "Round" WHERE "slug" IN (${Prisma.join(roundSlugs)})`,
    tx.$queryRaw<(ExistingResponse & { editTokenHash: string })[]>`
      SELECT "id", "publicId", "roundId", "editTokenHash" FROM "Response" WHERE "editTokenHash" IN (${Prisma.join(tokenHashes)})`,
    tx.$queryRaw<{ editTokenHash: string }[]>`
      SELECT "editTokenHash" FROM "ResponseTombstone" WHERE "editTokenHash" IN (${Prisma.join(tokenHashes)})`,
    projectSlugs.length === 0
      ? []
      : tx.$queryRaw<{ id: number; slug: string; status: string; mergedIntoId: number | null }[]>`
          SELECT "id", "slug", "status", "mergedIntoId" FROM "Project" WHERE "slug" IN (${Prisma.join(projectSlugs)})`,
    // Which of the named projects the rounds offer: a merged project's slug stands for the project it was merged
    // into (projectIdBySlug below), so the offers of that one are read. (The slugs are bound once: a batch's
    // parameters stay under SQLite's limit.)
    projectSlugs.length === 0
      ? []
      : tx.$queryRaw<{ roundId: number; projectId: number }[]>`
          SELECT rp."roundId", rp."projectId" FROM "Project" named
            JOIN "RoundProject" rp ON rp."projectId" =
              CASE WHEN named."status" = 'merged' AND named."mergedIntoId" IS NOT NULL THEN named."mergedIntoId" ELSE named."id" END
            JOIN "Round" r ON r."id" = rp."roundId"
            WHERE named."slug" IN (${Prisma.join(projectSlugs)}) AND r."slug" IN (${Prisma.join(roundSlugs)})`,
    teamSlugs.length === 0
      ? []
      : tx.$queryRaw<{ id: number; slug: string }[]>`
          SELECT "id", "slug" FROM "Team" WHERE "slug" IN (${Prisma.join(teamSlugs)}) AND "isActive"`,
    findNamedProjects(tx, unique(inputs.flatMap((input) => input.others.flatMap(candidateKeys)))),
  ]);
  const now = new Date();
  const projectIdBySlug = new Map(
    projects.map((p) => [p.slug, p.status === "merged" && p.mergedIntoId !== null ? p.mergedIntoId : p.id]),
  );
  const offeredKeys = new Set(offered.map((o) => `${o.roundId}:${o.projectId}`));
  return {
    // The phase by the schedule, read in the transaction that writes: a round past its closing time takes nothing.
    roundBySlug: new Map(rounds.map((r) => [r.slug, { id: r.id, phase: roundPhase(r, now), opensAt: r.opensAt }])),
    tombstones: new Set(tombstones.map((t) => t.editTokenHash)),
    existingByTokenHash: new Map(existing.map(({ editTokenHash, ...response }) => [editTokenHash, response])),
    projectIdBySlug,
    isOffered: (roundId, projectId) => offeredKeys.has(`${roundId}:${projectId}`),
    teamIdBySlug: new Map(teams.map((t) => [t.slug, t.id])),
    namedProjects,
  };
}

/**
 * The active projects whose name, slug or alias normalises to one of `keys` (the forms catalogue-match.ts would
 * look up), each with the keys it answers to as its aliases, in catalogue order (where two entries answer to one
 * key, the first wins, as in the full catalogue's index). Names and aliases are stored normalised; a slug
 * ([a-z0-9._-]) normalises to itself without its dots, underscores and hyphens.
 */
async function findNamedProjects(tx: Tx, keys: readonly string[]): Promise<MatchableProject[]> {
  if (keys.length === 0) return [];
  const keyList = Prisma.join(keys);
  const slugKey = Prisma.raw(`REPLACE(REPLACE(REPLACE(p."slug", '-', ''), '_', ''), '.', '')`);
  const rows = await tx.$queryRaw<{ key: string; projectId: number | bigint; position: number | bigint }[]>`
    SELECT p."normalizedName" AS "key", p."id" AS "projectId", p."position" AS "position" FROM "Project" p
      WHERE p."status" = 'active' AND p."normalizedName" IN (${keyList})
    UNION ALL
    SELECT ${slugKey}, p."id", p."position" FROM "Project" p
      WHERE p."status" = 'active' AND ${slugKey} IN (${keyList})
    UNION ALL
    SELECT a."normalized", p."id", p."position" FROM "ProjectAlias" a JOIN "Project" p ON p."id" = a."projectId"
      WHERE p."status" = 'active' AND a."normalized" IN (${keyList})`;
  const named = new Map<number, { project: MatchableProject & { aliases: string[] }; position: number }>();
  for (const row of rows) {
    const id = Number(row.projectId);
    const entry = named.get(id) ?? { project: { id, slug: "", name: "", aliases: [] }, position: Number(row.position) };
    entry.project.aliases.push(row.key);
    named.set(id, entry);
  }
  return [...named.values()].sort((x, y) => x.position - y.position || x.project.id - y.project.id).map((e) => e.project);
}
