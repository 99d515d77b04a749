// "Did you mean …?" for names that matched nothing: a catalogue entry one or two typos away. Only ever a hint
// in the report; a typo is never silently turned into a match.
import { candidateKeys } from "../normalize";
import type { CatalogueIndex, MatchableProject } from "../catalogue-match";

/** Optimal string alignment distance (a swap of neighbours is one typo), giving up above `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (prevPrev[j - 2] ?? 0) + 1);
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] ?? limit + 1;
}

// A poll repeats its free text ("my tool" on many rows) and a search costs about a millisecond against the whole
// catalogue, so each distinct text is searched once per catalogue index; the memo goes when the index does.
const hintsByIndex = new WeakMap<CatalogueIndex<MatchableProject>, Map<string, string | null>>();

/** The slug of an entry whose name or alias is one typo away (names up to 6 characters) or two, else null. */
export function suggestForTypo(index: CatalogueIndex<MatchableProject>, text: string): string | null {
  let hints = hintsByIndex.get(index);
  if (!hints) hintsByIndex.set(index, (hints = new Map()));
  let hint = hints.get(text);
  if (hint === undefined) hints.set(text, (hint = searchTypo(index, text)));
  return hint;
}

function searchTypo(index: CatalogueIndex<MatchableProject>, text: string): string | null {
  let best: { slug: string; distance: number } | null = null;
  for (const key of candidateKeys(text)) {
    if (key.length < 4) continue;
    const limit = key.length <= 6 ? 1 : 2;
    for (const [label, entry] of index.byKey) {
      const distance = editDistance(key, label, limit);
      if (distance <= limit && (!best || distance < best.distance)) best = { slug: entry.slug, distance };
    }
  }
  return best?.slug ?? null;
}
