// What the survey keeps in the respondent's own browser (localStorage), never on the server: the answer in
// progress (a draft per round) and the edit links of answers sent from this browser. Pure: shaping only (the
// stored text is parsed by browser-memory-schema.ts); components/survey/browser-store.ts reads and writes the storage.
import type { ResponseFormValues } from "./response-form";

export const DRAFT_KEY_PREFIX = "upstream-census:draft:";
export const ANSWERS_KEY = "upstream-census:answers";

/** The answer in progress as kept in this browser: the form's values without the edit token. */
export interface Draft {
  savedAt: number;
  values: Omit<ResponseFormValues, "token">;
}

/** The edit links of answers sent from this browser, by round. */
export type RememberedAnswers = Record<string, { token: string; answeredAt: string }>;
export interface RememberedAnswer {
  round: string;
  token: string;
  answeredAt: string;
}

/** The draft of what the form holds now; the edit token stays out (a reload gets a fresh one). */
export function toDraft(values: ResponseFormValues, savedAt: number): Draft {
  const { token: _token, ...rest } = values;
  return { savedAt, values: rest };
}

/** Whether the form holds nothing the respondent gave: then there is nothing to keep or to lose. */
export function isBlankAnswer(values: Omit<ResponseFormValues, "token">): boolean {
  return (
    values.teams.length === 0 &&
    !values.notOpenStackContributor &&
    values.projects.length === 0 &&
    !values.nothingOutsideOpenStack &&
    values.others.trim() === "" &&
    values.yearsContributing.trim() === "" &&
    values.employerPaid === "" &&
    values.comment.trim() === ""
  );
}

/** The answer this browser sent in `round`, if any. */
export function answerInRound(answers: RememberedAnswers, round: string): RememberedAnswer | null {
  const entry = answers[round];
  return entry ? { round, ...entry } : null;
}

/** The most recent answer this browser sent in another round: what a new round can start from. */
export function latestAnswerBefore(answers: RememberedAnswers, round: string): RememberedAnswer | null {
  const others = Object.entries(answers)
    .filter(([slug]) => slug !== round)
    .map(([slug, entry]) => ({ round: slug, ...entry }))
    .sort((a, b) => b.answeredAt.localeCompare(a.answeredAt));
  return others[0] ?? null;
}

/** "3 March" (and the year when it is not this one), in English as the rest of the form. */
export function formatAnswerDate(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "an earlier day";
  const sameYear = date.getUTCFullYear() === now.getUTCFullYear();
  return date.toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    ...(sameYear ? {} : { year: "numeric" }),
    timeZone: "UTC",
  });
}

/** A carried-over answer (projects, kinds, frequencies, teams, free text) as form values of the new round. */
export interface CarriedAnswer {
  teams: string[];
  notOpenStackContributor: boolean;
  projects: { slug: string; kinds: string[]; frequency: string }[];
  nothingOutsideOpenStack: boolean;
  others: string[];
}

/** Pre-fill the new round's empty form; projects and teams the new round does not offer are left out. */
export function applyCarriedAnswer(
  empty: ResponseFormValues,
  carried: CarriedAnswer,
  offered: { projects: ReadonlySet<string>; teams: ReadonlySet<string> },
): ResponseFormValues {
  return {
    ...empty,
    teams: carried.teams.filter((slug) => offered.teams.has(slug)),
    notOpenStackContributor: carried.notOpenStackContributor,
    projects: carried.projects.filter((project) => offered.projects.has(project.slug)),
    nothingOutsideOpenStack: carried.nothingOutsideOpenStack,
    others: carried.others.join("\n"),
  };
}
