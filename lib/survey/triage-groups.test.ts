import { describe, expect, it } from "vitest";
import { buildCatalogueIndex, rankCatalogueMatches } from "./catalogue-match";
import { clusterGroups } from "./triage-groups";
import { normalizeName } from "./normalize";

const index = buildCatalogueIndex([
  { id: 1, slug: "kubernetes", name: "Kubernetes", aliases: ["k8s"] },
  { id: 2, slug: "libvirt", name: "libvirt", aliases: [] },
  { id: 3, slug: "tempest", name: "Tempest", aliases: [] },
]);
const group = (text: string, count = 1) => ({ normalizedText: normalizeName(text), count, examples: [text] });

describe("rankCatalogueMatches", () => {
  it("suggests a project for a typo, an alias, and text that names it, with the reason", () => {
    expect(rankCatalogueMatches(index, "Kubernets")[0]).toMatchObject({ project: { slug: "kubernetes" }, reason: "1 typo from 'Kubernetes'" });
    expect(rankCatalogueMatches(index, "Kuberentes")[0]).toMatchObject({ reason: "1 typo from 'Kubernetes'" });
    expect(rankCatalogueMatches(index, "Kubrnets")[0]).toMatchObject({ reason: "2 typos from 'Kubernetes'" });
    expect(rankCatalogueMatches(index, "K8S")[0]).toMatchObject({ project: { slug: "kubernetes" }, reason: "alias 'k8s'" });
    expect(rankCatalogueMatches(index, "Tempest plugins")[0]).toMatchObject({ project: { slug: "tempest" }, reason: "mentions 'Tempest'" });
  });
  it("offers nothing for unrelated or very short text", () => {
    expect(rankCatalogueMatches(index, "my company's fork")).toEqual([]);
    expect(rankCatalogueMatches(index, "k9")).toEqual([]);
  });
});

describe("clusterGroups", () => {
  it("puts groups one typo apart, or alike without an affix, together; others stay alone", () => {
    const clusters = clusterGroups([group("Tempest plugins", 3), group("tempest plugin", 2), group("python-foobar"), group("foobar", 2), group("zuul jobs")]);
    expect(clusters.map((c) => c.groups.map((g) => g.normalizedText))).toEqual([["tempestplugins", "tempestplugin"], ["pythonfoobar", "foobar"], ["zuuljobs"]]);
    expect(clusters[0]?.count).toBe(5);
  });
});
