// The one schema for a survey answer, used by the form in the browser, the server action, the JSON API and the
// import. It checks shape, limits and completeness (lib/survey/completeness.ts); whether ids exist in the round
// is checked against the database on save.
import "./zod-config";
import { z } from "zod";
import { COMPLETENESS_MESSAGES, saysWhereInOpenStack, saysWhereOutside, type AnswerExtent } from "./completeness";
import { normalizeName } from "./normalize";
import { CONTRIBUTION_KINDS, EMPLOYER_PAID, FREQUENCIES } from "./answer-codes";
import {
  EDIT_TOKEN_PATTERN,
  FORBIDDEN_CHARACTERS,
  MAX_OTHER_ENTRIES,
  MAX_OTHER_LENGTH,
  MAX_SELECTIONS,
  MAX_TEXT_LENGTH,
} from "./response-limits";

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
    token: z
      .string({ error: "The form is missing its token; reload the page" })
      .regex(EDIT_TOKEN_PATTERN, "The form's token is invalid; reload the page"),
    teams: z
      .array(slug, { error: "must be a list" })
      .max(100, "Too many teams")
      .transform((teams) => [...new Set(teams)]),
    notOpenStackContributor: z.boolean({ error: "must be true or false" }),
    // Optional for API clients written before the option existed: leaving it out means "not ticked".
    nothingOutsideOpenStack: z.boolean({ error: "must be true or false" }).default(false),
    projects: z
      .array(projectAnswerSchema, { error: "must be a list" })
      .max(MAX_SELECTIONS, `Choose at most ${MAX_SELECTIONS} projects`),
    others: z
      .array(
        // Text of only invisible or punctuation characters would be stored with nothing triage could map.
        cleanText(MAX_OTHER_LENGTH, "A project name").refine(
          (text) => text.length === 0 || normalizeName(text).length > 0,
          "A project name needs at least one letter or digit",
        ),
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
      ctx.addIssue({
        code: "custom",
        path: ["teams"],
        message: "Choose teams or “not an OpenStack contributor”, not both",
      });
    }
    const seen = new Set<string>();
    input.projects.forEach((project, index) => {
      if (seen.has(project.slug))
        ctx.addIssue({ code: "custom", path: ["projects", index, "slug"], message: "Chosen twice" });
      seen.add(project.slug);
    });
  })
  // Completeness is checked even when other answers have errors, so a blank form hears everything at once.
  .superRefine(
    (input, ctx) => {
      const extent = answerExtent(input as Record<string, unknown>);
      if (!saysWhereInOpenStack(extent))
        ctx.addIssue({ code: "custom", path: ["teams"], message: COMPLETENESS_MESSAGES.teams });
      if (extent.nothingOutsideOpenStack && (extent.projects > 0 || extent.others > 0)) {
        ctx.addIssue({
          code: "custom",
          path: ["nothingOutsideOpenStack"],
          message: COMPLETENESS_MESSAGES.nothingAndProjects,
        });
      } else if (!saysWhereOutside(extent)) {
        ctx.addIssue({ code: "custom", path: ["projects"], message: COMPLETENESS_MESSAGES.projects });
      }
    },
    {
      when: (payload) =>
        typeof payload.value === "object" &&
        payload.value !== null &&
        !Array.isArray(payload.value) &&
        payload.issues.every(({ path = [] }) => !COMPLETENESS_FIELDS.has(`${String(path[0] ?? "")}/${path.length}`)),
    },
  );

// An issue on one of these fields as a whole (not on one of its entries) leaves nothing to count.
const COMPLETENESS_FIELDS = new Set(
  ["teams", "notOpenStackContributor", "projects", "others", "nothingOutsideOpenStack"].map((field) => `${field}/1`),
);

/** What the completeness rule counts. Defensive: it also runs when entries of these lists have errors of their own. */
function answerExtent(input: Record<string, unknown>): AnswerExtent {
  const count = (value: unknown, isEntry: (entry: unknown) => boolean = () => true) =>
    Array.isArray(value) ? value.filter(isEntry).length : 0;
  return {
    teams: count(input.teams),
    notOpenStackContributor: input.notOpenStackContributor === true,
    projects: count(input.projects),
    others: count(input.others, (entry) => typeof entry !== "string" || entry.trim().length > 0),
    nothingOutsideOpenStack: input.nothingOutsideOpenStack === true,
  };
}

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
