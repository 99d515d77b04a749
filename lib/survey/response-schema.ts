// The one schema for a survey answer, used by the form in the browser and by the server action.
// It checks shape and limits; whether ids exist in the round is checked against the database on save.
import { z } from "zod";
import { normalizeName } from "./normalize";
import { CONTRIBUTION_KINDS, EMPLOYER_PAID, FREQUENCIES } from "./questions";

export const MAX_SELECTIONS = 200;
export const MAX_TEXT_LENGTH = 2000;
export const MAX_OTHER_ENTRIES = 20;
export const MAX_OTHER_LENGTH = 200;
export const EDIT_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

// C0/C1 control characters other than tab and line breaks, and bidi overrides that can disguise text.
export const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/;

const cleanText = (max: number, what: string) =>
  z
    .string({ error: `${what} must be text` })
    .max(max, `${what} must be at most ${max.toLocaleString("en")} characters`)
    .refine((text) => !FORBIDDEN_CHARACTERS.test(text), `${what} contains control characters`)
    .transform((text) => text.normalize("NFC").trim());

const slug = z
  .string({ error: "must be an id" })
  .max(100, "is not a known id")
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "is not a known id");

export const projectAnswerSchema = z.object({
  slug,
  kinds: z
    .array(z.enum(CONTRIBUTION_KINDS, { error: "is not a kind of contribution" }), { error: "must be a list" })
    .min(1, "Choose at least one kind of contribution")
    .max(CONTRIBUTION_KINDS.length)
    .transform((kinds) => [...new Set(kinds)]),
  frequency: z.enum(FREQUENCIES, { error: "Choose how often" }),
});

export const responseInputSchema = z
  .object({
    round: slug,
    token: z.string({ error: "The form is missing its token; reload the page" }).regex(EDIT_TOKEN_PATTERN, "The form's token is invalid; reload the page"),
    teams: z.array(slug, { error: "must be a list" }).max(100, "Too many teams").transform((teams) => [...new Set(teams)]),
    notOpenStackContributor: z.boolean({ error: "must be true or false" }),
    projects: z
      .array(projectAnswerSchema, { error: "must be a list" })
      .max(MAX_SELECTIONS, `Choose at most ${MAX_SELECTIONS} projects`),
    others: z
      .array(
        // Text of only invisible or punctuation characters would be stored with nothing triage could map.
        cleanText(MAX_OTHER_LENGTH, "A project name").refine((text) => text.length === 0 || normalizeName(text).length > 0, "A project name needs at least one letter or digit"),
        { error: "must be a list" },
      )
      .max(MAX_OTHER_ENTRIES, `Name at most ${MAX_OTHER_ENTRIES} other projects`)
      .transform((others) => [...new Set(others.filter((text) => text.length > 0))]),
    yearsContributing: z
      .number({ error: "Enter a whole number of years" })
      .int("Enter a whole number of years")
      .min(0, "Years cannot be negative")
      .max(60, "Enter at most 60 years")
      .nullable(),
    employerPaid: z.enum(EMPLOYER_PAID, { error: "Choose one of the options" }).nullable(),
    comment: cleanText(MAX_TEXT_LENGTH, "The comment").nullable(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.notOpenStackContributor && input.teams.length > 0) {
      ctx.addIssue({ code: "custom", path: ["teams"], message: "Choose teams or “not an OpenStack contributor”, not both" });
    }
    const seen = new Set<string>();
    input.projects.forEach((project, index) => {
      if (seen.has(project.slug)) ctx.addIssue({ code: "custom", path: ["projects", index, "slug"], message: "Chosen twice" });
      seen.add(project.slug);
    });
  });

export type ResponseInput = z.infer<typeof responseInputSchema>;
export type ProjectAnswer = z.infer<typeof projectAnswerSchema>;

/** Field errors keyed by dotted path ("projects.2.kinds"), the first message per field. */
export type FieldErrors = Record<string, string>;

export function toFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}
