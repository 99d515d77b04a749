import { describe, expect, it } from "vitest";
import { buildCatalogueIndex, matchProjectName, suggestProjects } from "./catalogue-match";
import { candidateKeys, normalizeName } from "./normalize";

const projects = [
  { id: 1, slug: "sqlalchemy", name: "SQLAlchemy", aliases: ["sqlalchemy/sqlalchemy"] },
  { id: 2, slug: "alembic", name: "Alembic", aliases: ["sqlalchemy/alembic"] },
  { id: 3, slug: "pip", name: "pip", aliases: ["pypa/pip"] },
  { id: 4, slug: "kubernetes", name: "Kubernetes", aliases: ["k8s", "kubernetes/kubernetes"] },
  { id: 5, slug: "libvirt", name: "libvirt", aliases: ["libvirt-python"] },
];
const index = buildCatalogueIndex(projects);

describe("normalizeName", () => {
  it("ignores case, punctuation and compatibility forms", () => {
    expect(normalizeName("  SQL-Alchemy! ")).toBe("sqlalchemy");
    expect(normalizeName("ＳＱＬ")).toBe("sql");
    expect(normalizeName("Zürich/Ünïcode")).toBe("zürichünïcode");
  });
  it("gives an empty key for text without letters or digits", () => {
    expect(normalizeName(" -/- ")).toBe("");
  });
  it("offers the last path segment and the name without a python affix", () => {
    expect(candidateKeys("pypa/pip")).toEqual(["pypapip", "pip"]);
    expect(candidateKeys("python-pip")).toContain("pip");
  });
});

describe("matchProjectName", () => {
  it.each([
    ["SQLAlchemy", "sqlalchemy"],
    ["sql alchemy", "sqlalchemy"],
    ["pypa/pip", "pip"],
    ["K8S", "kubernetes"],
    ["github.com/kubernetes/kubernetes", "kubernetes"],
    ["libvirt-python", "libvirt"],
  ])("matches %j to %s", (text, slug) => {
    expect(matchProjectName(index, text)?.slug).toBe(slug);
  });
  it("never matches a project through a python- affix: a binding named after a project is not the project", () => {
    expect(matchProjectName(index, "python-pip")).toBeNull();
    expect(matchProjectName(index, "py-sqlalchemy")).toBeNull();
  });
  it("returns null for unknown text", () => {
    expect(matchProjectName(index, "my-own-tool")).toBeNull();
    expect(matchProjectName(index, "")).toBeNull();
  });
});

describe("suggestProjects", () => {
  it("offers SQLAlchemy for 'sqla' before projects that merely contain it", () => {
    const names = suggestProjects(index, "sqla").map((p) => p.slug);
    expect(names[0]).toBe("sqlalchemy");
    expect(names).toContain("alembic"); // alias sqlalchemy/alembic starts with "sqla"
  });
  it("finds pip and Kubernetes through aliases", () => {
    expect(suggestProjects(index, "python-pip")[0]?.slug).toBe("pip");
    expect(suggestProjects(index, "k8s")[0]?.slug).toBe("kubernetes");
  });
  it("respects the limit and ignores empty queries", () => {
    expect(suggestProjects(index, "s", 1)).toHaveLength(1);
    expect(suggestProjects(index, "  ")).toEqual([]);
  });
});
