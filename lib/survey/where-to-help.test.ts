import { describe, expect, it } from "vitest";
import { rankNeedsHelp, type DependencyProject } from "./dependency-shape";
import { rankWhereToHelp, shapeRoundChanges, shapeTeamDependencies } from "./where-to-help";

const K = 5;
// A key sum whose cell key (100) leaves counts of at least k as they are and publishes 1..k-1 as "<k".
const X = 100;
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
const rows = rankNeedsHelp(
  PROJECTS,
  [
    { projectId: 1, respondents: 12, keySum: X, maintainers: 0, maintainersKeySum: X },
    { projectId: 2, respondents: 6, keySum: X, maintainers: 0, maintainersKeySum: X },
    { projectId: 3, respondents: 2, keySum: X, maintainers: 0, maintainersKeySum: X },
  ],
  40,
  K,
);

describe("shapeRoundChanges", () => {
  it("gives the change only between two shown counts", () => {
    const changes = shapeRoundChanges(
      rows,
      [
        { projectId: 1, respondents: 9, keySum: X, maintainers: 0, maintainersKeySum: X },
        { projectId: 2, respondents: 3, keySum: X, maintainers: 0, maintainersKeySum: X },
        { projectId: 3, respondents: 7, keySum: X, maintainers: 0, maintainersKeySum: X },
      ],
      { count: 30, keySum: X },
      K,
    );
    expect(changes.get(1)).toEqual({ previous: { suppressed: false, value: 9 }, change: 3 });
    expect(changes.get(2)).toEqual({ previous: { suppressed: true, reason: "small", display: "<5" }, change: null });
    expect(changes.get(3)).toEqual({ previous: { suppressed: false, value: 7 }, change: null });
    expect(changes.get(4)).toEqual({ previous: { suppressed: false, value: 0 }, change: 0 });
  });

  it("compares nothing with a previous round of fewer than k matching respondents", () => {
    expect(shapeRoundChanges(rows, [{ projectId: 1, respondents: 4, keySum: X, maintainers: 0, maintainersKeySum: X }], { count: 4, keySum: X }, K).size).toBe(0);
  });
});

describe("shapeTeamDependencies", () => {
  const teams = [
    { id: 10, slug: "nova", name: "Nova", respondents: 20, keySum: X },
    { id: 11, slug: "neutron", name: "Neutron", respondents: 3, keySum: X },
    { id: 12, slug: "swift", name: "Swift", respondents: 0, keySum: X },
  ];
  const counts = [
    { teamId: 10, projectId: 1, respondents: 6, keySum: X },
    { teamId: 10, projectId: 2, respondents: 9, keySum: X },
    { teamId: 10, projectId: 3, respondents: 4, keySum: X },
    { teamId: 11, projectId: 1, respondents: 3, keySum: X },
  ];

  it("lists a team's dependencies with k or more contributors, most first, and nothing for a small team", () => {
    const shaped = shapeTeamDependencies(teams, counts, PROJECTS, K);
    expect(shaped.map((t) => t.slug)).toEqual(["nova", "neutron"]);
    expect(shaped[0]?.dependencies?.map((d) => [d.name, d.respondents])).toEqual([
      ["Beta", { suppressed: false, value: 9 }],
      ["Alpha", { suppressed: false, value: 6 }],
    ]);
    expect(shaped[1]).toMatchObject({ respondents: { display: "<5" }, dependencies: null });
  });
});

describe("rankWhereToHelp", () => {
  it("ranks by fewest contributors, then by OpenStack's use, never by a hidden count", () => {
    const use = [
      { projectId: 1, runtime: true, listedIn: 3 },
      { projectId: 2, runtime: false, listedIn: 3 },
      { projectId: 3, runtime: false, listedIn: 1 },
      { projectId: 4, runtime: true, listedIn: 2 },
    ];
    expect(rankWhereToHelp(rows, use).map((r) => r.name)).toEqual(["Delta", "Gamma", "Beta", "Alpha"]);
    // Two rows with hidden counts are ordered by use alone.
    const hidden = rankNeedsHelp(
      PROJECTS,
      [
        { projectId: 1, respondents: 1, keySum: X, maintainers: 0, maintainersKeySum: X },
        { projectId: 2, respondents: 4, keySum: X, maintainers: 0, maintainersKeySum: X },
      ],
      40,
      K,
    );
    const ranked = rankWhereToHelp(hidden, [
      { projectId: 1, runtime: false, listedIn: 1 },
      { projectId: 2, runtime: true, listedIn: 1 },
    ]);
    expect(ranked.filter((r) => r.tier === "fewer-than-k").map((r) => r.name)).toEqual(["Beta", "Alpha"]);
  });
});
