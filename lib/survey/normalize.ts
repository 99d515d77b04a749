// Text normalisation shared by catalogue matching, alias collision checks and free-text triage.

/** Lower-case, compatibility-folded, with every character that is not a letter or digit removed. */
export function normalizeName(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

// Prefixes and suffixes of Python bindings ("python-pip", "py-redis", "libvirt-python"): dropped to offer
// suggestions a person chooses from, never to match on their own (see matchKeys).
const AFFIXES = [/^python3?[-_ .]/i, /^py[-_ .]/i, /[-_ .]python3?$/i];

/**
 * The normalised forms that may name a catalogue entry: the text and its last path segment ("pypa/pip").
 * The catalogue's rule (prisma/catalogue/README.md): a name or alias names the project itself, never a client,
 * binding, fork or plugin of it, so no form is derived by dropping an affix ("python-ldap" is not OpenLDAP).
 */
export function matchKeys(text: string): string[] {
  const trimmed = text.trim();
  const lastSegment = trimmed.split("/").filter(Boolean).at(-1);
  const keys = [trimmed, ...(lastSegment && lastSegment !== trimmed ? [lastSegment] : [])].map(normalizeName);
  return [...new Set(keys.filter((key) => key.length > 0))];
}

/**
 * The forms to search by, most specific first: the text, its last path segment, then without affixes. For
 * suggestions a person chooses from, never for a match made without them (matchKeys).
 */
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
