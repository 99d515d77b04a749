// Rules of catalogue curation that need no database: form schemas, slugs, name collisions and how two
// answers about the same project combine when one project is merged into another.
import { z } from "zod";
import { FREQUENCIES } from "./answer-codes";
import { normalizeName } from "./normalize";

const FORBIDDEN_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/;

export const catalogueNameSchema = (what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .transform((text) => text.normalize("NFC").trim())
    .pipe(
      z
        .string()
        .min(1, `Enter ${what}`)
        .max(100, `${what[0]?.toUpperCase()}${what.slice(1)} must be at most 100 characters`)
        .refine((text) => !FORBIDDEN_CHARACTERS.test(text), "Remove control characters")
        .refine((text) => normalizeName(text).length > 0, "Use at least one letter or digit"),
    );

const id = z.coerce.number({ error: "Choose an entry" }).int("Choose an entry").positive("Choose an entry");
/**
 * A choice that re-codes answers (map, merge, move): its select starts empty, so an empty or missing value is
 * refused with what to choose, never read as the first option.
 */
const choice = (message: string) =>
  z.preprocess((value) => (value === "" || value === undefined || value === null ? undefined : value), z.coerce.number({ error: message }).int(message).positive(message));

export const addProjectSchema = z.object({ name: catalogueNameSchema("a project name"), categoryId: choice("Choose a category") });
export const renameProjectSchema = z.object({ projectId: id, name: catalogueNameSchema("a project name") });
export const recategoriseProjectSchema = z.object({ projectId: id, categoryId: choice("Choose the category to move it to") });
export const projectIdSchema = z.object({ projectId: id });
export const addAliasSchema = z.object({ projectId: id, alias: catalogueNameSchema("an alias") });
export const aliasIdSchema = z.object({ aliasId: id });
export const addCategorySchema = z.object({ name: catalogueNameSchema("a category name") });
export const renameCategorySchema = z.object({ categoryId: id, name: catalogueNameSchema("a category name") });
export const mergeProjectsSchema = z.object({
  fromProjectId: choice("Choose the project to merge"),
  intoProjectId: choice("Choose the project to merge into"),
});
/** The merge itself: only after its preview, which the confirm button sends back. */
export const confirmMergeSchema = mergeProjectsSchema.extend({
  confirm: z.literal("yes", { error: "Preview the merge first, then confirm it" }),
});
const groupText = z.string().min(1).max(400);
export const mapOtherGroupSchema = z.object({
  normalizedTexts: z.array(groupText, { error: "Choose at least one text to map" }).min(1, "Choose at least one text to map").max(200),
  projectId: choice("Choose the project to map these answers to"),
});
export const promoteOtherGroupSchema = z.object({
  normalizedText: groupText,
  name: catalogueNameSchema("a project name"),
  categoryId: choice("Choose a category for the new project"),
});
export const undoAuditEntrySchema = z.object({ auditId: id });

export const roundSlugSchema = z
  .string({ error: "Enter a short id" })
  .trim()
  .toLowerCase()
  .min(3, "The id must be at least 3 characters")
  .max(60, "The id must be at most 60 characters")
  .regex(/^[a-z0-9][a-z0-9-]*$/, "Use lower-case letters, digits and hyphens");
export const createRoundSchema = z.object({ slug: roundSlugSchema, title: catalogueNameSchema("a title") });
export const roundIdSchema = z.object({ roundId: id });
export const responseIdSchema = z.object({ responseId: z.uuid({ error: "Choose a response" }) });

/** A URL-safe id from a name: "SQL Alchemy" -> "sql-alchemy". Falls back to "project" for names without ASCII. */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || "project";
}

export interface NameOwner {
  kind: "project" | "alias";
  projectId: number;
  label: string;
  /** Not the same name, but one a reader could take for it (lib/survey/confusables.ts). */
  isLookAlike?: boolean;
}

/**
 * Why a name cannot be given to `projectId`: it normalises to nothing, or another project already answers to
 * it by name or alias. Names the project itself already holds are fine (a rename that only changes case).
 */
export function findNameCollision(name: string, projectId: number | null, owners: readonly NameOwner[]): string | null {
  if (normalizeName(name).length === 0) return "Use at least one letter or digit";
  const clash = owners.find((owner) => owner.projectId !== projectId);
  if (!clash) return null;
  if (clash.isLookAlike) return `“${name}” looks like “${clash.label}” (letters from another script that look the same); use a name that reads differently`;
  return clash.kind === "project"
    ? `“${name}” collides with the project “${clash.label}”`
    : `“${name}” collides with “${clash.label}”, an alias of another project`;
}

// A more frequent answer wins a merge; "unspecified" (named only in free text) loses to any real answer.
const FREQUENCY_RANK: Record<string, number> = { unspecified: 0, ...Object.fromEntries(FREQUENCIES.map((f, i) => [f, i + 1])) };

export function moreFrequent(a: string, b: string): string {
  return (FREQUENCY_RANK[b] ?? -1) > (FREQUENCY_RANK[a] ?? -1) ? b : a;
}

export interface KindFlags {
  kindCode: boolean;
  kindReview: boolean;
  kindBugs: boolean;
  kindDocs: boolean;
  kindMaintainer: boolean;
}
export interface SelectionFlags extends KindFlags {
  frequency: string;
}

const KIND_FLAG_KEYS: readonly (keyof KindFlags)[] = ["kindCode", "kindReview", "kindBugs", "kindDocs", "kindMaintainer"];

/** One respondent's two answers about projects that become one: any kind either named, the more frequent frequency. */
export function mergeSelections(survivor: SelectionFlags, merged: SelectionFlags): SelectionFlags {
  const kinds = Object.fromEntries(KIND_FLAG_KEYS.map((key) => [key, survivor[key] || merged[key]])) as unknown as KindFlags;
  return { ...kinds, frequency: moreFrequent(survivor.frequency, merged.frequency) };
}
