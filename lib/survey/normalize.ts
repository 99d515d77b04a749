// Text normalisation shared by catalogue matching, alias collision checks and free-text triage.

/** Lower-case, compatibility-folded, with every character that is not a letter or digit removed. */
export function normalizeName(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

// Prefixes and suffixes people add to a project's name when they mean the project itself
// ("python-pip", "py-redis", "libvirt-python"); stripped only when the exact text matched nothing.
const AFFIXES = [/^python3?[-_ .]/i, /^py[-_ .]/i, /[-_ .]python3?$/i];

/** The normalised forms to try, most specific first: the text, its last path segment, then without affixes. */
export function candidateKeys(text: string): string[] {
  const trimmed = text.trim();
  const forms = [trimmed];
  const lastSegment = trimmed.split("/").filter(Boolean).at(-1);
  if (lastSegment && lastSegment !== trimmed) forms.push(lastSegment);
  for (const form of [...forms]) {
    for (const affix of AFFIXES) {
      const stripped = form.replace(affix, "");
      if (stripped !== form && stripped.length > 0) forms.push(stripped);
    }
  }
  const keys = forms.map(normalizeName).filter((key) => key.length > 0);
  return [...new Set(keys)];
}

/** A Python package name as PEP 503 compares it: lower case, every run of "-", "_" and "." as one "-". */
export function pep503Name(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, "-");
}
