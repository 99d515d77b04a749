import type { RoundQuestions } from "@/lib/survey/questions";
import styles from "./survey-page.module.css";

export interface ResponseSummaryData {
  teams: string[];
  notOpenStackContributor: boolean;
  projects: { name: string; kinds: string[]; frequency: string }[];
  nothingOutsideOpenStack: boolean;
  others: string[];
  yearsContributing: number | null;
  employerPaid: string | null;
  comment: string | null;
}

const labelOf = (options: readonly { code: string; label: string }[], code: string) =>
  options.find((option) => option.code === code)?.label ?? code;

/** A stored answer, read-only, worded as the round's questions (used once a round has closed). */
export function ResponseSummary({ questions, answer }: { questions: RoundQuestions; answer: ResponseSummaryData }) {
  const none = <span className="muted">Not answered</span>;
  return (
    <dl className={styles.answers}>
      <div>
        <dt>{questions.teams.label}</dt>
        <dd>
          {answer.notOpenStackContributor
            ? questions.teams.noneLabel
            : answer.teams.length > 0
              ? answer.teams.join(", ")
              : none}
        </dd>
      </div>
      <div>
        <dt>{questions.projects.label}</dt>
        <dd>
          {answer.projects.length === 0 ? (
            answer.nothingOutsideOpenStack ? (
              questions.projects.noneLabel
            ) : (
              none
            )
          ) : (
            <ul>
              {answer.projects.map((project) => (
                <li key={project.name}>
                  <strong>{project.name}</strong>
                  {project.kinds.length > 0 && (
                    <>: {project.kinds.map((kind) => labelOf(questions.kinds.options, kind)).join(", ")}</>
                  )}
                  {project.frequency !== "unspecified" && (
                    <> ({labelOf(questions.frequency.options, project.frequency).toLowerCase()})</>
                  )}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      <div>
        <dt>{questions.others.label}</dt>
        <dd>{answer.others.length > 0 ? answer.others.join(", ") : none}</dd>
      </div>
      <div>
        <dt>{questions.years.label}</dt>
        <dd>{answer.yearsContributing ?? none}</dd>
      </div>
      <div>
        <dt>{questions.employerPaid.label}</dt>
        <dd>{answer.employerPaid ? labelOf(questions.employerPaid.options, answer.employerPaid) : none}</dd>
      </div>
      <div>
        <dt>{questions.comment.label}</dt>
        <dd>{answer.comment || none}</dd>
      </div>
    </dl>
  );
}
