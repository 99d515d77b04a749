// Parsing requirements files as they really are: OpenStack's global-requirements.txt of any year, or a plain
// pip requirements file. One requirement a line with version specifiers, environment markers and a licence
// comment; sections introduced by "## <name>" or "# section: <name>"; "-r" includes; pip options, hashes,
// URLs and editable installs. A package listed more than once (once per Python version or platform) is one
// package with every listing kept. Pure: the caller supplies included files; the whole input is checked before
// anything is written.
import { pep503Name } from "./normalize";

export const MAX_REQUIREMENTS_BYTES = 2 * 1024 * 1024;
const MAX_INCLUDE_DEPTH = 10;

/** One listing of a package: its version specifiers and environment marker, or the URL it is installed from. */
export interface RequirementVariant {
  specifier: string;
  marker: string;
  url: string;
}

export interface Requirement {
  /** The spelling of its first listing. */
  package: string;
  /** PEP 503 name: how packages are compared everywhere. */
  normalized: string;
  section: string;
  license: string;
  /** Where it is first listed: the file (as named by the caller or the "-r" line) and line. */
  file: string;
  line: number;
  variants: RequirementVariant[];
}

/** A line that lists no dependency, with the reason: shown by the loader so nothing is dropped silently. */
export interface SkippedLine {
  file: string;
  line: number;
  text: string;
  reason: string;
}

export interface ParsedRequirements {
  requirements: Requirement[];
  skipped: SkippedLine[];
  /** Every file read, the top one first. */
  files: string[];
}

export class RequirementsError extends Error {
  constructor(
    readonly line: number | null,
    message: string,
    readonly file: string | null = null,
  ) {
    super(`${file ? `${file}: ` : ""}${line === null ? "" : `line ${line}: `}${message}`);
    this.name = "RequirementsError";
  }
}

export interface ParseOptions {
  defaultSection?: string;
  /** Name of the file, used in messages and in "-r" resolution. */
  fileName?: string;
  /**
   * Reads a file named by a "-r" line, relative to the file that names it; returns the resolved name and its
   * text, or throws. Without it, "-r" lines are an error.
   */
  readInclude?: (path: string, from: string) => { name: string; text: string };
}

// PEP 508 name, optional extras, optional specifiers (PEP 440 operators, possibly in parentheses).
const NAME = "[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?";
const REQUIREMENT = new RegExp(
  `^(${NAME})\\s*(\\[[A-Za-z0-9._,\\s-]*\\])?\\s*\\(?\\s*((?:(?:===|==|!=|<=|>=|~=|<|>)\\s*[A-Za-z0-9.*+!_-]+\\s*,?\\s*)*)\\)?\\s*$`,
);
const DIRECT_REFERENCE = new RegExp(`^(${NAME})\\s*(?:\\[[^\\]]*\\])?\\s*@\\s*(\\S+)$`);
const SECTION = /^#\s*(?:section:\s*(.+)|#\s*(.+))$/i;
const EGG = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/;
const URL_OR_PATH = /^(?:[a-z][a-z0-9+.-]*:\/\/|[a-z]+\+[a-z]+:|\.{0,2}\/|file:)/i;
const INCLUDE = /^(?:-r|--requirement)(?:\s+|=)(\S+)$/;
const CONSTRAINT = /^(?:-c|--constraint)(?:\s+|=)(\S+)$/;
const EDITABLE = /^(?:-e|--editable)(?:\s+|=)(\S+)$/;

export function sectionSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The text of a variant as stored and shown: "specifier; marker" or "@ url". */
export function formatVariant(variant: RequirementVariant): string {
  if (variant.url) return `@ ${variant.url}${variant.marker ? `; ${variant.marker}` : ""}`;
  return [variant.specifier, variant.marker].filter(Boolean).join("; ");
}

interface Accumulator {
  byName: Map<string, Requirement>;
  requirements: Requirement[];
  skipped: SkippedLine[];
  files: string[];
}

export function parseRequirements(text: string, options: ParseOptions = {}): ParsedRequirements {
  const acc: Accumulator = { byName: new Map(), requirements: [], skipped: [], files: [] };
  parseFile(text, options.fileName ?? "requirements", options.defaultSection ?? "general", options, acc, 0);
  if (acc.requirements.length === 0)
    throw new RequirementsError(null, "the file lists no requirements", options.fileName);
  return { requirements: acc.requirements, skipped: acc.skipped, files: acc.files };
}

/** Physical lines joined where a line ends in a backslash (pip's continuation), each with its first line number. */
function logicalLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let pending: { line: number; text: string } | null = null;
  text.split(/\r?\n/).forEach((raw, index) => {
    const continued = /\\\s*$/.test(raw) && !/(^|\s)#/.test(raw);
    const piece = continued ? raw.replace(/\\\s*$/, " ") : raw;
    pending = pending ? { line: pending.line, text: pending.text + piece } : { line: index + 1, text: piece };
    if (!continued) {
      out.push(pending);
      pending = null;
    }
  });
  if (pending) out.push(pending);
  return out;
}

function parseFile(
  text: string,
  file: string,
  section: string,
  options: ParseOptions,
  acc: Accumulator,
  depth: number,
) {
  if (Buffer.byteLength(text, "utf8") > MAX_REQUIREMENTS_BYTES) {
    throw new RequirementsError(null, `the file is larger than ${MAX_REQUIREMENTS_BYTES / 1024 / 1024} MB`, file);
  }
  acc.files.push(file);
  for (const { line, text: raw } of logicalLines(text)) {
    const trimmed = raw.trim();
    if (trimmed === "") continue;
    const fail = (message: string): never => {
      throw new RequirementsError(line, message, depth > 0 || options.fileName ? file : null);
    };
    const skip = (reason: string) => acc.skipped.push({ file, line, text: trimmed.slice(0, 200), reason });
    if (trimmed.startsWith("#")) {
      const header = SECTION.exec(trimmed);
      const name = header?.[1] ?? header?.[2];
      if (name) section = sectionSlug(name) || section;
      continue;
    }
    // pip's rule: a comment starts at a "#" at the line start or after whitespace ("#egg=" in a URL is not one).
    const comment = /(^|\s)#(.*)$/.exec(trimmed);
    const body = (comment ? trimmed.slice(0, comment.index) : trimmed).trim();
    const license = (comment?.[2] ?? "")
      .split(/\s#/)[0]!
      .replace(/^\s*licen[cs]e:\s*/i, "")
      .trim();
    const add = (name: string, variant: RequirementVariant) =>
      addRequirement(acc, {
        package: name,
        normalized: pep503Name(name),
        section,
        license,
        file,
        line,
        variants: [variant],
      });
    const addUrlRequirement = (url: string, what: string) => {
      const egg = EGG.exec(url)?.[1];
      if (egg) add(egg, { specifier: "", marker: "", url: url.replace(/[#&]egg=.*$/, "") });
      else skip(`${what} without a "#egg=<name>": the package it installs cannot be named`);
    };
    if (body.startsWith("-")) {
      const include = INCLUDE.exec(body);
      if (include?.[1]) {
        if (!options.readInclude) fail(`"-r ${include[1]}" includes another file, which cannot be read here`);
        if (depth >= MAX_INCLUDE_DEPTH) fail(`"-r ${include[1]}": includes nested more than ${MAX_INCLUDE_DEPTH} deep`);
        let included: { name: string; text: string } | undefined;
        try {
          included = options.readInclude!(include[1], file);
        } catch (error) {
          fail(`"-r ${include[1]}" cannot be read (${(error as Error).message})`);
        }
        if (acc.files.includes(included!.name)) {
          skip(`already read (${included!.name}); an include cycle or a repeated include is read once`);
          continue;
        }
        parseFile(included!.text, included!.name, section, options, acc, depth + 1);
        continue;
      }
      if (CONSTRAINT.test(body)) {
        skip("constraints file: it pins versions of packages listed elsewhere and lists no dependency itself");
        continue;
      }
      const editable = EDITABLE.exec(body);
      if (editable?.[1]) {
        addUrlRequirement(editable[1], "editable install");
        continue;
      }
      skip("pip option (index, find-links, hashes, build settings): not a dependency");
      continue;
    }
    // Per-requirement options such as "--hash=sha256:..." follow the requirement itself.
    const requirementText = body.split(/\s+--?[a-z]/i)[0]!.trim();
    const { spec, marker } = splitMarker(requirementText);
    const direct = DIRECT_REFERENCE.exec(spec);
    if (direct?.[1] && direct[2]) {
      add(direct[1], { specifier: "", marker, url: direct[2] });
      continue;
    }
    if (URL_OR_PATH.test(spec)) {
      addUrlRequirement(spec, "URL or path");
      continue;
    }
    const match = REQUIREMENT.exec(spec);
    const name = match?.[1];
    if (!name)
      return fail(`"${body.slice(0, 80)}" is not a requirement (name, version specifiers, ; marker, # licence)`);
    add(name, { specifier: (match[3] ?? "").replace(/\s+/g, "").replace(/,$/, ""), marker, url: "" });
  }
}

function addRequirement(acc: Accumulator, requirement: Requirement) {
  const existing = acc.byName.get(requirement.normalized);
  if (!existing) {
    acc.byName.set(requirement.normalized, requirement);
    acc.requirements.push(requirement);
    return;
  }
  // Listed again, typically with another marker: one package, every listing kept.
  for (const variant of requirement.variants) {
    if (!existing.variants.some((v) => formatVariant(v) === formatVariant(variant))) existing.variants.push(variant);
  }
  if (!existing.license) existing.license = requirement.license;
}

/** Split "spec ; marker" at the first ";" (PEP 508 markers contain none). */
function splitMarker(text: string): { spec: string; marker: string } {
  const index = text.indexOf(";");
  if (index < 0) return { spec: text.trim(), marker: "" };
  return { spec: text.slice(0, index).trim(), marker: text.slice(index + 1).trim() };
}
