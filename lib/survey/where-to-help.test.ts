import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankNeedsHelp, type DependencyProject } from "./dependency-shape";
import { cellValue } from "./suppression";
import { rankWhereToHelp, shapeRoundChanges, shapeTeamDependencies } from "./where-to-help";

const K = 5;
// Key sums chosen from the table (lib/survey/perturbation-table.ts): X (cell key 100) publishes 1..k-1 as 0 and
// leaves every count of at least k as it is; S (cell key 240) publishes 1..k-1 as k (and a count of k or more + 1).
const X = 100;
const S = 240;
const project = (projectId: number, name: string): DependencyProject => ({
  projectId,
  slug: name.toLowerCase(),
  name,
  categorySlug: "c",
  categoryName: "C",
  packages: [name.toLowerCase()],
  sections: ["general"],
});
const PROJECTS = [project(1, "Alpha"), project(2, "Beta"), project(3, "Gamma"), project(4, "Delta")];
const count = (projectId: number, respondents: number, keySum = X) => ({
  projectId,
  respondents,
  keySum,
  maintainers: 0,
  maintainersKeySum: keySum,
});
// Alpha 12, Beta 6, Gamma 5 (2 respondents published as k), Delta 0 (nobody).
const rows = rankNeedsHelp(PROJECTS, [count(1, 12), count(2, 6), count(3, 2, S)], 40, K);

describe("shapeRoundChanges", () => {
  it("gives the change between the two published figures, small counts published as 0 or k included", () => {
    const changes = shapeRoundChanges(rows, [count(1, 9), count(2, 3), count(3, 7), count(4, 1, S)], { count: 30, keySum: X }, K);
    expect(changes.get(1)).toEqual({ previous: { suppressed: false, value: 9 }, change: 3 });
    // 3 published as 0 then: the change is from 0, as for a project nobody named.
    expect(changes.get(2)).toEqual({ previous: { suppressed: false, value: 0 }, change: 6 });
    expect(changes.get(3)).toEqual({ previous: { suppressed: false, value: 7 }, change: -2 });
    expect(changes.get(4)).toEqual({ previous: { suppressed: false, value: 5 }, change: -5 });
  });

  it("compares nothing with a previous round whose n is published as 0", () => {
    const previous = [count(1, 4)];
    expect(shapeRoundChanges(rows, previous, { count: 4, keySum: X }, K).size).toBe(0);
    expect(shapeRoundChanges(rows, previous, { count: 0, keySum: 0 }, K).size).toBe(0);
    // The same 4 respondents with a key that publishes them as k: compared like any n of k.
    expect(shapeRoundChanges(rows, previous, { count: 4, keySum: S }, K).size).toBe(PROJECTS.length);
  });
});

describe("shapeTeamDependencies", () => {
  const teams = [
    { id: 10, slug: "nova", name: "Nova", respondents: 20, keySum: X },
    { id: 11, slug: "neutron", name: "Neutron", respondents: 3, keySum: S },
    { id: 12, slug: "swift", name: "Swift", respondents: 0, keySum: 0 },
    { id: 13, slug: "glance", name: "Glance", respondents: 2, keySum: X },
  ];
  const counts = [
    { teamId: 10, projectId: 1, respondents: 6, keySum: X },
    { teamId: 10, projectId: 2, respondents: 9, keySum: X },
    { teamId: 10, projectId: 3, respondents: 4, keySum: X },
    { teamId: 10, projectId: 4, respondents: 3, keySum: S },
    { teamId: 11, projectId: 1, respondents: 3, keySum: X },
    { teamId: 11, projectId: 2, respondents: 2, keySum: S },
    { teamId: 13, projectId: 1, respondents: 2, keySum: S },
  ];

  it("lists a team's dependencies published as a count, most first, and leaves out what is published as 0", () => {
    const shaped = shapeTeamDependencies(teams, counts, PROJECTS, K);
    // Swift (nobody) and Glance (2, published as 0) are left out alike.
    expect(shaped.map((t) => t.slug)).toEqual(["nova", "neutron"]);
    // Gamma's 4 is published as 0 and left out; Delta's 3 is published as 5, listed like a count of 5.
    expect(shaped[0]?.dependencies?.map((d) => [d.name, d.respondents])).toEqual([
      ["Beta", { suppressed: false, value: 9 }],
      ["Alpha", { suppressed: false, value: 6 }],
      ["Delta", { suppressed: false, value: 5 }],
    ]);
    // Neutron's 3 respondents are published as 5: its figures are shown as for any team of 5.
    expect(shaped[1]).toEqual({
      slug: "neutron",
      name: "Neutron",
      respondents: { suppressed: false, value: 5 },
      dependencies: [{ projectId: 2, slug: "beta", name: "Beta", respondents: { suppressed: false, value: 5 } }],
    });
  });

  it("breaks ties between equal published figures by name, whatever the true counts", () => {
    const tied = [
      { teamId: 10, projectId: 3, respondents: 1, keySum: S },
      { teamId: 10, projectId: 1, respondents: 4, keySum: S },
      { teamId: 10, projectId: 2, respondents: 5, keySum: X },
    ];
    const shaped = shapeTeamDependencies(teams.slice(0, 1), tied, PROJECTS, K);
    expect(shaped[0]?.dependencies?.map((d) => [d.name, cellValue(d.respondents)])).toEqual([
      ["Alpha", 5],
      ["Beta", 5],
      ["Gamma", 5],
    ]);
  });
});

describe("rankWhereToHelp", () => {
  it("ranks by fewest published contributors, then by OpenStack's use", () => {
    const use = [
      { projectId: 1, runtime: true, listedIn: 3 },
      { projectId: 2, runtime: false, listedIn: 3 },
      { projectId: 3, runtime: false, listedIn: 1 },
      { projectId: 4, runtime: true, listedIn: 2 },
    ];
    expect(rankWhereToHelp(rows, use).map((r) => [r.name, r.tier])).toEqual([
      ["Delta", "none"],
      ["Gamma", "counted"],
      ["Beta", "counted"],
      ["Alpha", "counted"],
    ]);
    expect(rankWhereToHelp(rows, use, 2).map((r) => r.name)).toEqual(["Delta", "Gamma"]);
  });

  it("orders small counts by their published 0 or k, then by use, never by their true counts", () => {
    // Alpha 1 and Beta 4 are published as 0, Gamma 1 and Delta 4 as 5: within each, use decides.
    const small = rankNeedsHelp(PROJECTS, [count(1, 1), count(2, 4), count(3, 1, S), count(4, 4, S)], 40, K);
    const ranked = rankWhereToHelp(small, [
      { projectId: 1, runtime: false, listedIn: 1 },
      { projectId: 2, runtime: true, listedIn: 1 },
      { projectId: 3, runtime: false, listedIn: 2 },
      { projectId: 4, runtime: true, listedIn: 1 },
    ]);
    expect(ranked.map((r) => [r.name, cellValue(r.respondents)])).toEqual([
      ["Beta", 0],
      ["Alpha", 0],
      ["Delta", 5],
      ["Gamma", 5],
    ]);
  });

  it("gives the same ranking for any true small counts behind the same keys (property)", () => {
    const smallCounts = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 4, maxLength: 4 });
    // Half of the runs from the keys that publish a small count as k (224..255), which are only 1 in 8.
    const keys = fc.array(fc.oneof(fc.integer({ min: 0, max: 223 }), fc.integer({ min: 224, max: 255 })), {
      minLength: 4,
      maxLength: 4,
    });
    const use = fc.array(fc.record({ runtime: fc.boolean(), listedIn: fc.integer({ min: 0, max: 3 }) }), {
      minLength: 4,
      maxLength: 4,
    });
    fc.assert(
      fc.property(smallCounts, smallCounts, keys, use, (some, others, keySums, uses) => {
        const projectUse = uses.map((u, i) => ({ projectId: i + 1, ...u }));
        const rank = (values: number[]) =>
          rankWhereToHelp(rankNeedsHelp(PROJECTS, values.map((v, i) => count(i + 1, v, keySums[i])), 40, K), projectUse);
        const ranked = rank(some);
        expect(rank(others)).toEqual(ranked);
        // By published figure (0 before k), then run-time first, then listed longest, then name.
        const sorted = [...ranked].sort(
          (a, b) =>
            cellValue(a.respondents)! - cellValue(b.respondents)! ||
            Number(b.runtime) - Number(a.runtime) ||
            b.listedIn - a.listedIn ||
            a.name.localeCompare(b.name, "en"),
        );
        expect(ranked.map((r) => r.name)).toEqual(sorted.map((r) => r.name));
      }),
    );
  });
});
