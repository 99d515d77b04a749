// Free-text groups that are probably the same thing, shown together so an organiser maps them in one go: texts
// that normalise alike once a path or a python affix is dropped, that look alike (TR39 skeleton), or that are one
// typo apart. Only ever shown side by side; each group is still mapped by a person.
import { editDistance } from "./catalogue-match";
import { lookAlikeKey } from "./confusables";
import { candidateKeys } from "./normalize";

export interface TriageGroup {
  normalizedText: string;
  count: number;
  examples: string[];
}

export interface GroupCluster<G extends TriageGroup> {
  groups: G[];
  count: number;
}

/** Whether two groups' texts are alike enough to be shown together. */
export function areGroupsAlike(a: TriageGroup, b: TriageGroup): boolean {
  const keysA = new Set([...a.examples.flatMap((text) => candidateKeys(text)), a.normalizedText]);
  const keysB = [...b.examples.flatMap((text) => candidateKeys(text)), b.normalizedText];
  if (keysB.some((key) => keysA.has(key))) return true;
  const lookA = new Set(a.examples.map(lookAlikeKey));
  if (b.examples.some((text) => lookA.has(lookAlikeKey(text)))) return true;
  const [x, y] = [a.normalizedText, b.normalizedText];
  return Math.min(x.length, y.length) >= 4 && editDistance(x, y, 1) <= 1;
}

/** Clusters of alike groups (transitively), largest first; a group alike to none is a cluster of one. */
export function clusterGroups<G extends TriageGroup>(groups: readonly G[]): GroupCluster<G>[] {
  const parent = groups.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] ?? i] ?? i;
    return i;
  };
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      const [a, b] = [groups[i], groups[j]];
      if (a && b && find(i) !== find(j) && areGroupsAlike(a, b)) parent[find(j)] = find(i);
    }
  }
  const byRoot = new Map<number, G[]>();
  groups.forEach((group, i) => {
    const root = find(i);
    byRoot.set(root, [...(byRoot.get(root) ?? []), group]);
  });
  return [...byRoot.values()]
    .map((members) => ({ groups: members, count: members.reduce((sum, g) => sum + g.count, 0) }))
    .sort((a, b) => b.count - a.count || (a.groups[0]?.normalizedText ?? "").localeCompare(b.groups[0]?.normalizedText ?? ""));
}
