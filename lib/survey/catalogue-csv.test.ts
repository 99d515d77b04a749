import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CatalogueError, categorySlug, parseDependenciesCsv, parseProjectsCsv, parseTeamsCsv } from "./catalogue-csv";

const read = (name: string) => readFileSync(new URL(`../../prisma/catalogue/${name}`, import.meta.url), "utf8");

describe("the shipped catalogue", () => {
  it("has 148 projects in 16 categories, 42 teams and 412 dependencies", () => {
    const { projects, categories } = parseProjectsCsv(read("upstream-projects.csv"));
    expect(projects).toHaveLength(148);
    expect(categories).toHaveLength(16);
    expect(parseTeamsCsv(read("openstack-teams.csv"))).toHaveLength(42);
    expect(parseDependenciesCsv(read("openstack-dependencies.csv"))).toHaveLength(412);
  });
});

describe("parseProjectsCsv", () => {
  const header = "slug,name,category,aliases\n";
  it("splits aliases and orders categories by first appearance", () => {
    const { projects, categories } = parseProjectsCsv(header + "b,B,Web,x|y\na,A,DB,\n");
    expect(projects[0]?.aliases).toEqual(["x", "y"]);
    expect(categories.map((c) => c.name)).toEqual(["Web", "DB"]);
  });
  it("names the line of an invalid row", () => {
    expect(() => parseProjectsCsv(header + "ok,Ok,Web,\nBad Slug,X,Web,\n")).toThrow(/line 3: slug/);
  });
  it("rejects a missing column, duplicate slugs, colliding aliases and broken quoting", () => {
    expect(() => parseProjectsCsv("slug,name\na,A\n")).toThrow(/missing column/);
    expect(() => parseProjectsCsv(header + "a,A,Web,\na,B,Web,\n")).toThrow(/duplicate slug/);
    expect(() => parseProjectsCsv(header + "a,A,Web,k8s\nb,B,Web,K-8s\n")).toThrow(/collides/);
    expect(() => parseProjectsCsv(header + 'a,"A,Web,\n')).toThrow(CatalogueError);
  });
});

describe("categorySlug", () => {
  it("makes URL-safe slugs", () => {
    expect(categorySlug("databases & DB libraries")).toBe("databases-and-db-libraries");
    expect(categorySlug("OS & kernel")).toBe("os-and-kernel");
  });
});
