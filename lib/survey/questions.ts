// The wording and answer options of a round's questions. Stored with the round (Round.questions) so a
// later round can reword a question without changing earlier ones; codes are stable, labels are not.
import "./zod-config";
import { z } from "zod";
import { CONTRIBUTION_KINDS, EMPLOYER_PAID, FREQUENCIES } from "./answer-codes";

const option = <T extends string>(codes: readonly [T, ...T[]]) =>
  z.object({ code: z.enum(codes), label: z.string().min(1) });

export const roundQuestionsSchema = z.object({
  intro: z.string(),
  teams: z.object({ label: z.string().min(1), help: z.string(), noneLabel: z.string().min(1) }),
  projects: z.object({
    label: z.string().min(1),
    help: z.string(),
    searchLabel: z.string().min(1),
    // Added after the first rounds were stored: their questions take the default wording.
    noneLabel: z.string().min(1).default("I contribute to nothing outside OpenStack"),
  }),
  kinds: z.object({
    label: z.string().min(1),
    options: z.array(option(CONTRIBUTION_KINDS)).length(CONTRIBUTION_KINDS.length),
  }),
  frequency: z.object({ label: z.string().min(1), options: z.array(option(FREQUENCIES)).length(FREQUENCIES.length) }),
  others: z.object({ label: z.string().min(1), help: z.string() }),
  years: z.object({ label: z.string().min(1), help: z.string() }),
  employerPaid: z.object({
    label: z.string().min(1),
    options: z.array(option(EMPLOYER_PAID)).length(EMPLOYER_PAID.length),
  }),
  comment: z.object({ label: z.string().min(1), help: z.string() }),
});
export type RoundQuestions = z.infer<typeof roundQuestionsSchema>;

export const DEFAULT_QUESTIONS: RoundQuestions = {
  intro:
    "OpenStack depends on many projects outside it. Tell us which of them you also contribute to, so the community knows where it already helps upstream and where it could help more. It takes about two minutes; no name or email is asked.",
  teams: {
    label: "Which OpenStack teams do you contribute to?",
    help: "Choose every team whose repositories you contributed to in the last year.",
    noneLabel: "None: I am not an OpenStack contributor",
  },
  projects: {
    label: "Which projects outside OpenStack do you contribute to?",
    help: "Grouped by kind of project. Projects OpenStack itself depends on are marked “OpenStack dependency”.",
    searchLabel: "Find a project by name",
    noneLabel: "I contribute to nothing outside OpenStack",
  },
  kinds: {
    label: "How do you contribute?",
    options: [
      { code: "code", label: "Code" },
      { code: "review", label: "Code review" },
      { code: "bugs", label: "Bug reports and triage" },
      { code: "docs", label: "Documentation" },
      { code: "maintainer", label: "Maintainer / core" },
    ],
  },
  frequency: {
    label: "How often?",
    options: [
      { code: "once", label: "Once" },
      { code: "occasionally", label: "Occasionally" },
      { code: "regularly", label: "Regularly" },
    ],
  },
  others: {
    label: "Other projects not listed",
    help: "One project per line, as you would name it (for example “pypa/pip” or “python-ldap”).",
  },
  years: { label: "How many years have you contributed to OpenStack?", help: "Optional. A whole number." },
  employerPaid: {
    label: "Does your employer pay for your upstream work?",
    options: [
      { code: "yes", label: "Yes" },
      { code: "partly", label: "Partly" },
      { code: "no", label: "No" },
      { code: "prefer-not", label: "Prefer not to say" },
    ],
  },
  comment: { label: "Anything else? (optional)", help: "At most 2,000 characters. Please do not include names." },
};

/** The questions stored with a round; an unreadable value falls back to the defaults rather than breaking the form. */
export function parseRoundQuestions(stored: string): RoundQuestions {
  try {
    const result = roundQuestionsSchema.safeParse(JSON.parse(stored));
    return result.success ? result.data : DEFAULT_QUESTIONS;
  } catch {
    return DEFAULT_QUESTIONS;
  }
}
