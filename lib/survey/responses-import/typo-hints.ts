// "Did you mean …?" for names that matched nothing: a catalogue entry one or two typos away. Only ever a hint
// in the report; a typo is never silently turned into a match.
import { candidateKeys } from "../normalize";
import { editDistance, type CatalogueIndex, type MatchableProject } from "../catalogue-match";

// The distance lives with the matcher, which triage's suggestions share; kept importable from here too.
export { editDistance };

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
