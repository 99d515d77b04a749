// Answers other tools and hand-made sheets give by name: OpenStack teams as the form showed them ("Nova",
// "Nova (Compute)"), and the two "none" answers the completeness rule knows — "None: I am not an OpenStack
// contributor" among the teams, "I contribute to nothing outside OpenStack" among the projects.
import { matchProjectName } from "../catalogue-match";
import { normalizeName } from "../normalize";
import type { RoundQuestions } from "../questions";
import { problem, type ImportCatalogue } from "./answer-check";
import { suggestForTypo } from "./typo-hints";

const normalizedSet = (texts: readonly string[]) => new Set(texts.map(normalizeName));

/** The round's "not an OpenStack contributor" answer, and the plain ways of saying it. */
export const notOpenStackAnswers = (questions: RoundQuestions) =>
  normalizedSet([
    questions.teams.noneLabel,
    "None",
    "Not an OpenStack contributor",
    "I am not an OpenStack contributor",
  ]);

/** The round's "nothing outside OpenStack" answer, and the plain ways of saying it. */
export const nothingOutsideAnswers = (questions: RoundQuestions) =>
  normalizedSet([questions.projects.noneLabel, "None", "Nothing", "Nothing outside OpenStack"]);

export const isAnswer = (answers: ReadonlySet<string>, text: string) => answers.has(normalizeName(text));

/** Team names to slugs; a name that is no team rejects the row, with a team one or two typos away as a hint. */
export function readTeamNames(names: readonly string[], catalogue: ImportCatalogue, label: string) {
  const none = notOpenStackAnswers(catalogue.questions);
  const teams: string[] = [];
  let notOpenStackContributor = false;
  for (const name of names) {
    if (isAnswer(none, name)) {
      notOpenStackContributor = true;
      continue;
    }
    // Forms often add a description in brackets: "Nova (Compute)".
    const team =
      matchProjectName(catalogue.teamIndex, name) ??
      matchProjectName(catalogue.teamIndex, name.replace(/\s*\(.*\)\s*$/, ""));
    if (!team) {
      const hint = suggestForTypo(catalogue.teamIndex, name);
      problem(`${label}: “${name}” is not an OpenStack team${hint ? ` (did you mean ${hint}?)` : ""}`);
    } else if (!teams.includes(team.slug)) teams.push(team.slug);
  }
  return { teams, notOpenStackContributor };
}
