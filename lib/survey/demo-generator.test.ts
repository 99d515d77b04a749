import { describe, expect, it } from "vitest";
import { generateDemoResponses, seededRandom } from "./demo-generator";

const catalogue = {
  projects: [
    ...["sqlalchemy", "alembic", "pymysql", "pip", "qemu", "libvirt", "kvm"],
    ...Array.from({ length: 53 }, (_, i) => `rare-${i}`),
  ].map((slug, i) => ({ id: i + 1, slug })),
  teams: [1, 2, 3].map((id) => ({ id, slug: `team-${id}` })),
};
const options = { count: 2000, seed: 7, start: new Date("2026-01-01T00:00:00Z"), days: 30 };

describe("generateDemoResponses", () => {
  it("is deterministic for a seed", () => {
    expect(generateDemoResponses(catalogue, options)).toEqual(generateDemoResponses(catalogue, options));
    expect(seededRandom(1)()).not.toBe(seededRandom(2)());
  });

  it("skews popularity and picks several projects per respondent", () => {
    const responses = generateDemoResponses(catalogue, options);
    const counts = new Map<number, number>();
    for (const r of responses) for (const s of r.selections) counts.set(s.projectId, (counts.get(s.projectId) ?? 0) + 1);
    expect(counts.get(1)!).toBeGreaterThan(3 * (counts.get(60) ?? 0));
    const mean = responses.reduce((sum, r) => sum + r.selections.length, 0) / responses.length;
    expect(mean).toBeGreaterThan(1.5);
  });

  it("correlates SQLAlchemy with Alembic", () => {
    const responses = generateDemoResponses(catalogue, options);
    const has = (r: (typeof responses)[number], id: number) => r.selections.some((s) => s.projectId === id);
    const withSqla = responses.filter((r) => has(r, 1));
    const alembicGivenSqla = withSqla.filter((r) => has(r, 2)).length / withSqla.length;
    const alembicOverall = responses.filter((r) => has(r, 2)).length / responses.length;
    expect(alembicGivenSqla).toBeGreaterThan(1.5 * alembicOverall);
  });

  it("keeps every response valid: known ids, at least one kind, arrival order within the window", () => {
    const responses = generateDemoResponses(catalogue, options);
    const end = options.start.getTime() + options.days * 86_400_000;
    for (const [i, r] of responses.entries()) {
      expect(r.createdAt.getTime()).toBeGreaterThanOrEqual(options.start.getTime());
      expect(r.createdAt.getTime()).toBeLessThanOrEqual(end);
      if (i > 0) expect(r.createdAt.getTime()).toBeGreaterThanOrEqual(responses[i - 1]!.createdAt.getTime());
      for (const s of r.selections) expect(s.kinds.length).toBeGreaterThan(0);
      if (r.notOpenStackContributor) expect(r.teamIds).toEqual([]);
    }
  });
});
