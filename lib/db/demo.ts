// Demo rounds filled with synthetic responses, so a first-time user sees meaningful charts.
import { randomBytes } from "node:crypto";
import { generateDemoResponses } from "../survey/demo-generator";
import { hashEditToken } from "../survey/edit-token";
import { DEFAULT_QUESTIONS } from "../survey/questions";
import { UNSPECIFIED_FREQUENCY } from "../survey/answer-codes";
import type { Db } from "./client";
import { demoBulkResponse, insertResponsesBulk } from "./responses-bulk";
import { loadMatchableCatalogue } from "./responses";
import { matchProjectName } from "../survey/catalogue-match";

export const DEMO_ROUNDS = [
  { slug: "demo-2025", title: "Demo 2025 (synthetic data)", start: "2025-03-01T00:00:00Z", seedOffset: 0, drift: 0 },
  { slug: "demo-2026", title: "Demo 2026 (synthetic data)", start: "2026-03-01T00:00:00Z", seedOffset: 1, drift: 0.6 },
] as const;

export class DemoRefused extends Error {
  override name = "DemoRefused";
}

/** Replace the demo rounds' responses with `count` synthetic ones each. Refuses rounds that hold real answers. */
export async function fillDemoRounds(
  db: Db,
  options: { count: number; seed: number },
): Promise<{ slug: string; count: number }[]> {
  for (const spec of DEMO_ROUNDS) {
    const existing = await db.round.findUnique({ where: { slug: spec.slug } });
    if (existing && !existing.isDemo)
      throw new DemoRefused(`Round "${spec.slug}" exists and is not a demo round; it was left untouched.`);
    if (existing) {
      const real = await db.response.count({ where: { roundId: existing.id, source: { not: "demo" } } });
      if (real > 0)
        throw new DemoRefused(`Round "${spec.slug}" holds ${real} real response(s); demo data was not written.`);
    }
  }
  const projects = await db.project.findMany({
    where: { status: "active" },
    orderBy: { position: "asc" },
    select: { id: true, slug: true },
  });
  const teams = await db.team.findMany({
    where: { isActive: true },
    orderBy: { position: "asc" },
    select: { id: true, slug: true },
  });
  const index = await loadMatchableCatalogue(db);
  const results = [];
  for (const spec of DEMO_ROUNDS) {
    const round = await db.round.upsert({
      where: { slug: spec.slug },
      create: {
        slug: spec.slug,
        title: spec.title,
        status: "closed",
        isDemo: true,
        opensAt: new Date(spec.start),
        questions: JSON.stringify(DEFAULT_QUESTIONS),
      },
      update: {},
    });
    await db.$transaction([
      db.responseProject.deleteMany({ where: { roundId: round.id } }),
      db.responseTeam.deleteMany({ where: { roundId: round.id } }),
      db.otherEntry.deleteMany({ where: { roundId: round.id } }),
      db.response.deleteMany({ where: { roundId: round.id } }),
      db.roundProject.deleteMany({ where: { roundId: round.id } }),
      db.roundProject.createMany({
        data: projects.map((p, position) => ({ roundId: round.id, projectId: p.id, position })),
      }),
    ]);
    const generated = generateDemoResponses(
      { projects, teams },
      {
        count: options.count,
        seed: options.seed + spec.seedOffset,
        start: new Date(spec.start),
        days: 42,
        drift: spec.drift,
      },
    );
    await insertResponsesBulk(
      db,
      round.id,
      generated.map((r) => {
        const others = r.others.map((rawText) => ({
          rawText,
          projectId: matchProjectName(index, rawText)?.id ?? null,
        }));
        // Like a web answer: free text that names a catalogue project also counts as choosing it.
        const named = others.flatMap((o) =>
          o.projectId !== null && !r.selections.some((s) => s.projectId === o.projectId)
            ? [{ projectId: o.projectId, kinds: [], frequency: UNSPECIFIED_FREQUENCY }]
            : [],
        );
        return {
          // Demo responses have no edit link; a random hash keeps the column unique.
          ...demoBulkResponse(r, hashEditToken(randomBytes(16).toString("base64url"))),
          selections: [...r.selections, ...named],
          others,
          recordKey: r.recordKey,
        };
      }),
    );
    results.push({ slug: spec.slug, count: generated.length });
  }
  return results;
}
