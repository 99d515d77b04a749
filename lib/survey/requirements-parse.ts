// Parsing a global-requirements file in OpenStack's format: one requirement a line with version specifiers,
// environment markers and a licence comment; sections introduced by "## <name>" or "# section: <name>".
// Pure; the whole file is checked before anything is written.
import { normalizeName } from "./normalize";

export const MAX_REQUIREMENTS_BYTES = 2 * 1024 * 1024;

export interface Requirement {
  package: string;
  normalized: string;
  section: string;
  specifier: string;
  license: string;
  line: number;
}

export class RequirementsError extends Error {
  constructor(
    readonly line: number | null,
    message: string,
  ) {
    super(line === null ? message : `line ${line}: ${message}`);
    this.name = "RequirementsError";
  }
}

// PEP 508 name, optional extras, optional specifiers (PEP 440 operators), optional markers after ";".
const REQUIREMENT = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[A-Za-z0-9._,\s-]*\])?\s*((?:(?:===|==|!=|<=|>=|~=|<|>)\s*[A-Za-z0-9.*+!_-]+\s*,?\s*)*)(;.*)?$/;
const SECTION = /^#\s*(?:section:\s*(.+)|#\s*(.+))$/i;

export function sectionSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export function parseRequirements(text: string, defaultSection = "general"): Requirement[] {
  if (Buffer.byteLength(text, "utf8") > MAX_REQUIREMENTS_BYTES) {
    throw new RequirementsError(null, `the file is larger than ${MAX_REQUIREMENTS_BYTES / 1024 / 1024} MB`);
  }
  let section = defaultSection;
  const requirements: Requirement[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = index + 1;
    const trimmed = rawLine.trim();
    if (trimmed === "") return;
    if (trimmed.startsWith("#")) {
      const header = SECTION.exec(trimmed);
      const name = header?.[1] ?? header?.[2];
      if (name) section = sectionSlug(name) || defaultSection;
      return;
    }
    const hash = trimmed.indexOf("#");
    const body = (hash >= 0 ? trimmed.slice(0, hash) : trimmed).trim();
    const license = (hash >= 0 ? trimmed.slice(hash + 1) : "").replace(/^\s*license:\s*/i, "").trim();
    if (body.startsWith("-")) throw new RequirementsError(line, `options such as "${body.split(/\s/)[0]}" are not supported`);
    const match = REQUIREMENT.exec(body);
    if (!match?.[1]) throw new RequirementsError(line, `"${body.slice(0, 80)}" is not a requirement (name, version specifiers, # licence)`);
    const normalized = normalizeName(match[1]);
    const previous = seen.get(normalized);
    if (previous !== undefined) throw new RequirementsError(line, `"${match[1]}" is listed twice (first on line ${previous})`);
    seen.set(normalized, line);
    requirements.push({ package: match[1], normalized, section, specifier: (match[3] ?? "").replace(/\s+/g, ""), license, line });
  });
  if (requirements.length === 0) throw new RequirementsError(null, "the file lists no requirements");
  return requirements;
}
