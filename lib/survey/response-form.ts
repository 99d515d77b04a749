// The survey form's values as the browser submits them, and their translation to and from the one
// response schema. Pure, so the same code runs in the browser (instant checks) and in the server action.
import type { FieldErrors } from "./response-schema";
import { UNSPECIFIED_FREQUENCY } from "./answer-codes";
import { FORBIDDEN_CHARACTERS } from "./response-limits";

/** The answer for one chosen project, as typed: codes are checked by the schema, not here. */
export interface FormProjectAnswer {
  slug: string;
  kinds: string[];
  frequency: string;
}

/** Everything the form holds, as strings, so a failed submission can be shown again exactly as typed. */
export interface ResponseFormValues {
  round: string;
  token: string;
  teams: string[];
  notOpenStackContributor: boolean;
  projects: FormProjectAnswer[];
  nothingOutsideOpenStack: boolean;
  others: string;
  yearsContributing: string;
  employerPaid: string;
  comment: string;
}

/** Field names of the HTML form; per-project inputs carry the project's slug after the dot. */
export const FIELD = {
  round: "round",
  token: "token",
  teams: "teams",
  notOpenStackContributor: "notOpenStackContributor",
  projects: "projects",
  nothingOutsideOpenStack: "nothingOutsideOpenStack",
  kindsPrefix: "kinds.",
  frequencyPrefix: "frequency.",
  others: "others",
  yearsContributing: "yearsContributing",
  employerPaid: "employerPaid",
  comment: "comment",
} as const;

export const kindsFieldName = (slug: string) => `${FIELD.kindsPrefix}${slug}`;
export const frequencyFieldName = (slug: string) => `${FIELD.frequencyPrefix}${slug}`;

// A form post can repeat a field any number of times; more than this is not a person filling a form, and
// the schema would reject it anyway, so reading stops early instead of building huge arrays.
const MAX_REPEATED_VALUES = 1000;

export function emptyFormValues(round: string, token: string): ResponseFormValues {
  return {
    round,
    token,
    teams: [],
    notOpenStackContributor: false,
    projects: [],
    nothingOutsideOpenStack: false,
    others: "",
    yearsContributing: "",
    employerPaid: "",
    comment: "",
  };
}

/**
 * Read submitted form entries (a FormData, or any list of name/value pairs). Files and other non-text
 * values are ignored; per-project kinds and frequency count only for projects that are ticked, so answers
 * left behind in an unticked row are dropped rather than stored.
 */
export function readResponseForm(entries: Iterable<[string, unknown]>): ResponseFormValues {
  const single = new Map<string, string>();
  const repeated = new Map<string, string[]>();
  let count = 0;
  for (const [name, value] of entries) {
    if (typeof value !== "string") continue;
    if (++count > MAX_REPEATED_VALUES * 4) break;
    if (!single.has(name)) single.set(name, value);
    const list = repeated.get(name) ?? [];
    if (list.length < MAX_REPEATED_VALUES) list.push(value);
    repeated.set(name, list);
  }
  const text = (name: string) => single.get(name) ?? "";
  const list = (name: string) => repeated.get(name) ?? [];
  const chosen = [...new Set(list(FIELD.projects))];
  return {
    round: text(FIELD.round),
    token: text(FIELD.token),
    teams: [...new Set(list(FIELD.teams))],
    notOpenStackContributor: single.has(FIELD.notOpenStackContributor),
    projects: chosen.map((slug) => ({
      slug,
      kinds: [...new Set(list(kindsFieldName(slug)))],
      frequency: text(frequencyFieldName(slug)),
    })),
    nothingOutsideOpenStack: single.has(FIELD.nothingOutsideOpenStack),
    others: text(FIELD.others),
    yearsContributing: text(FIELD.yearsContributing),
    employerPaid: text(FIELD.employerPaid),
    comment: text(FIELD.comment),
  };
}

/** One entry per non-empty line of the "other projects" box. */
export function splitOtherProjects(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/**
 * The object responseInputSchema checks. Blank optional answers become null; text that is not a whole
 * number is passed on unchanged so the schema answers it with its own message.
 */
export function toResponseInput(values: ResponseFormValues): Record<string, unknown> {
  const years = toAsciiDigits(values.yearsContributing.trim());
  return {
    round: values.round,
    token: values.token,
    teams: values.teams,
    notOpenStackContributor: values.notOpenStackContributor,
    projects: values.projects.map((project) => ({
      slug: project.slug,
      kinds: project.kinds,
      frequency: project.frequency === "" ? undefined : project.frequency,
    })),
    nothingOutsideOpenStack: values.nothingOutsideOpenStack,
    others: splitOtherProjects(values.others),
    yearsContributing: years === "" ? null : /^\d{1,3}$/.test(years) ? Number(years) : years,
    employerPaid: values.employerPaid === "" ? null : values.employerPaid,
    comment: values.comment.trim() === "" ? null : values.comment,
  };
}

// The zero of each script's decimal digits a phone keyboard may type (Arabic-Indic, Extended Arabic-Indic,
// N'Ko, Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam, Thai, Lao, Tibetan,
// Myanmar, full-width); each script's digits follow its zero.
const DIGIT_ZEROS = [0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0e50, 0x0ed0, 0x0f20, 0x1040, 0xff10];

/** "٣" and "３" are the number 3 typed on another keyboard: digits of other scripts become ASCII digits. */
export function toAsciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (digit) => {
    const code = digit.codePointAt(0)!;
    const zero = DIGIT_ZEROS.find((start) => code >= start && code < start + 10);
    return zero === undefined ? digit : String(code - zero);
  });
}

const FORBIDDEN_EVERYWHERE = new RegExp(FORBIDDEN_CHARACTERS.source, "gu");

/**
 * Typed text shown back inside a message: control characters made visible as "�", and the text isolated
 * (U+2068 … U+2069), so right-to-left text or an override character cannot reorder the message around it.
 */
export function echoTyped(text: string, maxCharacters = Infinity): string {
  const shown = [...text].slice(0, maxCharacters).join("").replace(FORBIDDEN_EVERYWHERE, "\uFFFD");
  return `\u2068${shown}\u2069`;
}

/** FormData (or name/value pairs) straight to the schema's input. */
export function formDataToResponseInput(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  return toResponseInput(readResponseForm(entries));
}

/** Error keys the form shows next to its fields: per project by slug, since list positions mean nothing on screen. */
export const projectErrorKey = (slug: string, field: "slug" | "kinds" | "frequency") => `project:${slug}:${field}`;

const NEEDS_ATTENTION = "Some answers need attention; see the messages below.";
const SAY_HOW = "One more step: say how and how often you contribute to each project you ticked.";
const PROJECT_QUESTION_KEY = /^project:.+:(kinds|frequency)$/;

/** Whether an error key is a chosen project's own question (its kinds or its frequency). */
export const isProjectQuestionKey = (key: string) => PROJECT_QUESTION_KEY.test(key);

/**
 * The error summary's title. When the only gaps are the chosen projects' own questions, the respondent made no
 * mistake: without JavaScript those questions are asked only after the projects are ticked and sent.
 */
export function errorSummaryTitle(errors: FieldErrors): string {
  const keys = Object.keys(errors);
  return keys.length > 0 && keys.every(isProjectQuestionKey) ? SAY_HOW : NEEDS_ATTENTION;
}

/**
 * Re-key the schema's (and the database's) field errors for the form: "projects.3.kinds" becomes the
 * chosen project's key, "teams.0" and "others.2" become their control's key, with the line named.
 */
export function toFormErrors(errors: FieldErrors, values: ResponseFormValues): FieldErrors {
  const formErrors: FieldErrors = {};
  const add = (key: string, message: string) => {
    formErrors[key] ??= message;
  };
  const otherLines = splitOtherProjects(values.others);
  for (const [path, message] of Object.entries(errors)) {
    const [head, second, third] = path.split(".");
    if (head === "projects" && second !== undefined && /^\d+$/.test(second)) {
      const slug = values.projects[Number(second)]?.slug;
      const field = third === "kinds" || third === "frequency" ? third : "slug";
      if (slug !== undefined) add(projectErrorKey(slug, field), message);
      else add("projects", message);
    } else if (head === "others" && second !== undefined && /^\d+$/.test(second)) {
      const line = otherLines[Number(second)];
      add("others", line === undefined ? message : `“${echoTyped(line, 40)}”: ${message}`);
    } else if (head === "teams" || head === "projects" || head === "others") {
      add(head, message);
    } else if (head === "round" || head === "token") {
      add("form", message);
    } else {
      add(head ?? "form", message);
    }
  }
  return formErrors;
}

/** The parts of a stored response the form shows again (what lib/db's getResponseByToken returns). */
export interface StoredAnswer {
  round: { slug: string };
  notOpenStackContributor: boolean;
  nothingOutsideOpenStack: boolean;
  yearsContributing: number | null;
  employerPaid: string | null;
  comment: string | null;
  teams: { team: { slug: string } }[];
  projects: {
    project: { slug: string };
    frequency: string;
    kindCode: boolean;
    kindReview: boolean;
    kindBugs: boolean;
    kindDocs: boolean;
    kindMaintainer: boolean;
  }[];
  others: { rawText: string }[];
}

// Rows stored with UNSPECIFIED_FREQUENCY were only named as free text; they come back from it on the next save.

/** A stored response in the shape of responseInputSchema (without the token), for the API and the form. */
export function storedToAnswer(stored: StoredAnswer) {
  return {
    round: stored.round.slug,
    teams: stored.teams.map((row) => row.team.slug),
    notOpenStackContributor: stored.notOpenStackContributor,
    projects: stored.projects
      .filter((row) => row.frequency !== UNSPECIFIED_FREQUENCY)
      .map((row) => ({
        slug: row.project.slug,
        kinds: [
          row.kindCode && "code",
          row.kindReview && "review",
          row.kindBugs && "bugs",
          row.kindDocs && "docs",
          row.kindMaintainer && "maintainer",
        ].filter((kind): kind is string => typeof kind === "string"),
        frequency: row.frequency,
      })),
    nothingOutsideOpenStack: stored.nothingOutsideOpenStack,
    others: stored.others.map((row) => row.rawText),
    yearsContributing: stored.yearsContributing,
    employerPaid: stored.employerPaid,
    comment: stored.comment,
  };
}

export function storedToFormValues(stored: StoredAnswer, token: string): ResponseFormValues {
  const answer = storedToAnswer(stored);
  return {
    ...answer,
    token,
    others: answer.others.join("\n"),
    yearsContributing: answer.yearsContributing === null ? "" : String(answer.yearsContributing),
    employerPaid: answer.employerPaid ?? "",
    comment: answer.comment ?? "",
  };
}

/** What the server action answers the form with. */
export type SurveyFormState =
  | { status: "idle"; values: ResponseFormValues | null }
  | { status: "invalid"; message: string; errors: FieldErrors; values: ResponseFormValues }
  | { status: "saved"; message: string; values: ResponseFormValues; savedAt: number };

/** A stored response with labels, for the read-only view once a round has closed. */
export interface StoredAnswerWithNames extends StoredAnswer {
  teams: { team: { slug: string; name: string } }[];
  projects: (StoredAnswer["projects"][number] & { project: { slug: string; name: string } })[];
}

export function storedToSummary(stored: StoredAnswerWithNames) {
  const answer = storedToAnswer(stored);
  return {
    teams: stored.teams.map((row) => row.team.name),
    notOpenStackContributor: stored.notOpenStackContributor,
    projects: stored.projects.map((row) => ({
      name: row.project.name,
      kinds: answer.projects.find((project) => project.slug === row.project.slug)?.kinds ?? [],
      frequency: row.frequency,
    })),
    nothingOutsideOpenStack: stored.nothingOutsideOpenStack,
    others: answer.others,
    yearsContributing: stored.yearsContributing,
    employerPaid: stored.employerPaid,
    comment: stored.comment,
  };
}
