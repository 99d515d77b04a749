import { describe, expect, it } from "vitest";
import { catalogueListQuerySchema, filterCatalogue } from "./catalogue-list";

const projects = Array.from({ length: 250 }, (_, i) => ({
  slug: `p-${i}`,
  name: i === 7 ? "Kubernetes" : `Project ${i}`,
  status: i === 9 ? "merged" : "active",
  categorySlug: i % 2 ? "odd" : "even",
  aliases: i === 7 ? ["k8s"] : [],
}));

describe("filterCatalogue", () => {
  it("searches names and aliases ignoring case and punctuation, and filters by category", () => {
    const q = (params: Record<string, string>) => filterCatalogue(projects, catalogueListQuerySchema.parse(params));
    expect(q({ q: "K8S" }).projects.map((p) => p.name)).toEqual(["Kubernetes"]);
    expect(q({ q: "kuber-netes", category: "odd" }).total).toBe(1);
    expect(q({ q: "kubernetes", category: "even" }).total).toBe(0);
    expect(q({}).total).toBe(249); // merged projects only on request
    expect(q({ status: "merged" }).projects.map((p) => p.slug)).toEqual(["p-9"]);
  });
  it("pages by 100 and clamps a page past the end; bad parameters fall back to defaults", () => {
    const last = filterCatalogue(projects, catalogueListQuerySchema.parse({ page: "9" }));
    expect(last).toMatchObject({ page: 3, pageCount: 3 });
    expect(last.projects).toHaveLength(49);
    expect(catalogueListQuerySchema.parse({ page: "x", status: "odd" })).toMatchObject({ page: 1, status: "" });
  });
});
