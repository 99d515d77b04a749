// Names that look alike: Unicode TR39's confusable skeleton, so "Kubernеtes" (with a Cyrillic е) cannot sit beside
// "Kubernetes" in the catalogue. The mapping is Unicode's confusables.txt as shipped by the maintained
// unhomoglyph package; TR39 defines the skeleton as NFD, then that mapping, then NFD again.
import unhomoglyph from "unhomoglyph";
import { normalizeName } from "./normalize";

export function confusableSkeleton(text: string): string {
  return unhomoglyph(text.normalize("NFD")).normalize("NFD");
}

/**
 * The key two catalogue names share when a reader could take one for the other: the skeleton first (it maps
 * capitals and small letters of other scripts to their Latin look-alikes), then the catalogue's case-blind
 * normalisation.
 */
export function lookAlikeKey(name: string): string {
  return normalizeName(confusableSkeleton(name.normalize("NFKC")));
}
