// The completeness rule: an answer says where in OpenStack the respondent works (a team, or "not an OpenStack
// contributor") and where outside it (a project, a free-text entry, or "nothing outside OpenStack"). The schema
// enforces it on every way in; lib/db stores the outcome per response so counting leaves older answers that
// break it out without deleting them.

/** How much an answer holds, counted after the schema's clean-up (duplicates and blank lines removed). */
export interface AnswerExtent {
  teams: number;
  notOpenStackContributor: boolean;
  projects: number;
  others: number;
  nothingOutsideOpenStack: boolean;
}

export const COMPLETENESS_MESSAGES = {
  teams: "Choose at least one OpenStack team, or “None: I am not an OpenStack contributor”",
  projects:
    "Choose at least one project, name one under “Other projects not listed”, or tick “I contribute to nothing outside OpenStack”",
  nothingAndProjects: "Choose projects or “I contribute to nothing outside OpenStack”, not both",
} as const;

export const saysWhereInOpenStack = (answer: AnswerExtent) => answer.teams > 0 || answer.notOpenStackContributor;

export const saysWhereOutside = (answer: AnswerExtent) =>
  answer.projects > 0 || answer.others > 0 || answer.nothingOutsideOpenStack;

export const isCompleteAnswer = (answer: AnswerExtent) => saysWhereInOpenStack(answer) && saysWhereOutside(answer);

/**
 * What the results say about stored answers that break the rule: how many were left out, under the same
 * small-count rule as every figure (1 to k−1 is "fewer than k"), or nothing when there are none.
 */
export function describeIncompleteLeftOut(count: number, k: number): string | null {
  if (count <= 0) return null;
  const isHidden = count < k;
  const amount = isHidden ? `Fewer than ${k}` : count.toLocaleString("en");
  const answers = count === 1 && !isHidden ? "answer was" : "answers were";
  return `${amount} stored ${answers} left out because they are incomplete (no team, or no project, free text or “nothing outside OpenStack”).`;
}
