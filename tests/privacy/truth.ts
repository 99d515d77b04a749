// Ground truth, read straight from the database: only to score the attack, never to run it. Every description
// (cells.ts) is evaluated as the set of counted responses it selects, as a bitset per round, so the true count and
// the identity of the set (for "same respondents, different figures") come from one place. Categories and kinds
// per category are recomputed from the selections themselves, not read from the derived tables, so the truth
// does not share a bug with the queries it checks.
import type { Db } from "@/lib/db/client";
import { HISTOGRAM_TOP_BIN } from "@/lib/survey/summary-shape";
import { REST, type Catalogue, type Description } from "./cells";

const KINDS = {
  kindCode: "code",
  kindReview: "review",
  kindBugs: "bugs",
  kindDocs: "docs",
  kindMaintainer: "maintainer",
} as const;

class RoundTruth {
  readonly words: number;
  private readonly sets = new Map<string, Uint32Array>();
  readonly all: Uint32Array;
  constructor(readonly size: number) {
    this.words = Math.ceil(size / 32);
    this.all = new Uint32Array(this.words);
    for (let i = 0; i < size; i++) this.all[i >>> 5]! |= 1 << (i & 31);
  }
  add(attribute: string, index: number) {
    let set = this.sets.get(attribute);
    if (!set) this.sets.set(attribute, (set = new Uint32Array(this.words)));
    set[index >>> 5]! |= 1 << (index & 31);
  }
  get(attribute: string): Uint32Array | null {
    return this.sets.get(attribute) ?? null;
  }
}

function popcount(set: Uint32Array): number {
  let n = 0;
  for (let v of set) {
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return n;
}

export interface TrueCell {
  count: number;
  /** Identifies the set of respondents: equal ids, the same people. */
  setId: string;
}

export class GroundTruth {
  private readonly cache = new Map<string, TrueCell>();
  constructor(
    private readonly rounds: ReadonlyMap<string, RoundTruth>,
    private readonly employerPaidValues: readonly string[],
  ) {}

  evaluate(key: string, d: Description): TrueCell {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const round = this.rounds.get(d.round);
    let result: TrueCell;
    if (!round || d.impossible) result = { count: 0, setId: "empty" };
    else {
      const set = Uint32Array.from(round.all);
      const conditions = [
        ...d.teams.map((t) => `team:${t}`),
        ...d.categories.map((c) => `category:${c}`),
        ...d.projects.map((p) => `project:${p}`),
        ...d.categoryKinds.map((ck) => `kind:${ck}`),
        ...d.maintains.map((p) => `maintains:${p}`),
        ...(d.bin === null ? [] : [`bin:${d.bin}`]),
        ...(d.day === null ? [] : [`day:${d.day}`]),
      ];
      if (d.employerPaid !== null)
        conditions.push(
          d.employerPaid === REST || !this.employerPaidValues.includes(d.employerPaid)
            ? `paid:${REST}`
            : `paid:${d.employerPaid}`,
        );
      for (const condition of conditions) {
        const other = round.get(condition);
        for (let w = 0; w < set.length; w++) set[w]! &= other ? other[w]! : 0;
      }
      const count = popcount(set);
      result = { count, setId: count === 0 ? "empty" : `${d.round}:${Buffer.from(set.buffer).toString("base64")}` };
    }
    this.cache.set(key, result);
    return result;
  }
}

/**
 * Read every counted response of the rounds. `employerPaidValues`: the values the API filters by; any other
 * stored answer (unanswered) is the unpublished rest.
 */
export async function readGroundTruth(db: Db, roundSlugs: readonly string[], employerPaidValues: readonly string[]) {
  const rounds = new Map<string, RoundTruth>();
  const projects = new Map(
    (await db.project.findMany({ select: { id: true, slug: true, category: { select: { slug: true } } } })).map((p) => [
      p.id,
      p,
    ]),
  );
  const teams = new Map((await db.team.findMany({ select: { id: true, slug: true } })).map((t) => [t.id, t.slug]));
  for (const slug of roundSlugs) {
    const round = await db.round.findUnique({ where: { slug }, select: { id: true } });
    if (!round) continue;
    const responses = await db.response.findMany({
      where: { roundId: round.id, isComplete: true },
      select: {
        id: true,
        employerPaid: true,
        projectCount: true,
        createdAt: true,
        teams: { select: { teamId: true } },
        projects: {
          select: {
            projectId: true,
            kindCode: true,
            kindReview: true,
            kindBugs: true,
            kindDocs: true,
            kindMaintainer: true,
          },
        },
      },
      orderBy: { id: "asc" },
    });
    const truth = new RoundTruth(responses.length);
    // A filter value for "not answered" (once there is one) selects the answers stored without a value.
    const unanswered = employerPaidValues.find((value) => /unanswered|not-answered|no-answer/.test(value));
    responses.forEach((r, i) => {
      const paid = r.employerPaid ?? unanswered;
      truth.add(paid !== undefined && employerPaidValues.includes(paid) ? `paid:${paid}` : `paid:${REST}`, i);
      truth.add(`bin:${Math.min(r.projectCount, HISTOGRAM_TOP_BIN)}`, i);
      truth.add(`day:${r.createdAt.toISOString().slice(0, 10)}`, i);
      for (const t of r.teams) truth.add(`team:${teams.get(t.teamId)}`, i);
      for (const p of r.projects) {
        const project = projects.get(p.projectId);
        if (!project) continue;
        truth.add(`project:${project.slug}`, i);
        truth.add(`category:${project.category.slug}`, i);
        for (const [column, kind] of Object.entries(KINDS))
          if (p[column as keyof typeof KINDS]) truth.add(`kind:${project.category.slug}/${kind}`, i);
        if (p.kindMaintainer) truth.add(`maintains:${project.slug}`, i);
      }
    });
    rounds.set(slug, truth);
  }
  return new GroundTruth(rounds, employerPaidValues);
}

/** The public catalogue (project → category), as the form shows it. */
export async function readCatalogue(db: Db): Promise<Catalogue & { teams: string[]; categories: string[] }> {
  const projects = await db.project.findMany({ select: { slug: true, category: { select: { slug: true } } } });
  const teams = await db.team.findMany({
    where: { isActive: true },
    select: { slug: true },
    orderBy: { position: "asc" },
  });
  const categories = await db.category.findMany({
    where: { isActive: true },
    select: { slug: true },
    orderBy: { position: "asc" },
  });
  return {
    projectCategory: new Map(projects.map((p) => [p.slug, p.category.slug])),
    teams: teams.map((t) => t.slug),
    categories: categories.map((c) => c.slug),
  };
}
