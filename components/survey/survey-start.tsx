"use client";
import { useEffect, useMemo, useState, useTransition } from "react";
import { readPreviousAnswer } from "@/app/actions/previous-answer";
import {
  answerInRound,
  applyCarriedAnswer,
  formatAnswerDate,
  isBlankAnswer,
  latestAnswerBefore,
  type RememberedAnswer,
} from "@/lib/survey/browser-memory";
import type { RoundQuestions } from "@/lib/survey/questions";
import { readResponseForm, type ResponseFormValues } from "@/lib/survey/response-form";
import { allProjects, type SurveyCatalogue } from "@/lib/survey/survey-catalogue";
import { clearDraft, forgetThisBrowser, loadDraft, loadRememberedAnswers } from "./browser-store";
import { SURVEY_FORM_ID, SurveyForm } from "./survey-form";
import styles from "./survey-page.module.css";

interface SurveyStartProps {
  questions: RoundQuestions;
  catalogue: SurveyCatalogue;
  /** The round's empty answer with a fresh edit token. */
  initialValues: ResponseFormValues;
}

type Start =
  | { from: "blank" }
  | { from: "draft"; values: ResponseFormValues; savedAt: number }
  | { from: "last-answer"; values: ResponseFormValues; carriedOver: string[]; answeredAt: string };

/**
 * A new respondent's form, and what this browser remembers (localStorage only): an answer already sent in this
 * round ("you answered on …"), the answer in progress (restored after a reload), or an earlier round's answer
 * to start from. The server renders the plain form; all of this appears once JavaScript runs.
 */
export function SurveyStart({ questions, catalogue, initialValues }: SurveyStartProps) {
  const round = initialValues.round;
  const [answered, setAnswered] = useState<RememberedAnswer | null>(null);
  const [previous, setPrevious] = useState<RememberedAnswer | null>(null);
  const [start, setStart] = useState<Start>({ from: "blank" });
  const [generation, setGeneration] = useState(0);
  const [carryError, setCarryError] = useState<string | null>(null);
  const [isCarrying, startCarrying] = useTransition();
  const offered = useMemo(
    () => ({
      projects: new Set(allProjects(catalogue).map((project) => project.slug)),
      teams: new Set(catalogue.teams.map((team) => team.slug)),
    }),
    [catalogue],
  );

  useEffect(() => {
    // Reading localStorage is only possible in the browser, after the server-rendered form is on screen.
    let isCurrent = true;
    void Promise.all([loadRememberedAnswers(), loadDraft(round)]).then(([remembered, draft]) => {
      if (!isCurrent) return;
      const inRound = answerInRound(remembered, round);
      const form = document.getElementById(SURVEY_FORM_ID);
      // Whatever was typed before the script arrived (or while the draft was read) wins over an older draft.
      const typed = form instanceof HTMLFormElement ? readResponseForm(new FormData(form).entries()) : null;
      if (inRound) setAnswered(inRound);
      else setPrevious(latestAnswerBefore(remembered, round));
      if (!inRound && draft && !isBlankAnswer(draft.values) && (!typed || isBlankAnswer(typed))) {
        setStart({
          from: "draft",
          values: { ...draft.values, round, token: initialValues.token },
          savedAt: draft.savedAt,
        });
        setGeneration((n) => n + 1);
      }
    });
    return () => {
      isCurrent = false;
    };
  }, [round, initialValues.token]);

  const restart = (next: Start) => {
    setStart(next);
    setGeneration((n) => n + 1);
  };

  if (answered) {
    return (
      <div className={styles.panel} role="region" aria-labelledby="answered-heading">
        <h2 id="answered-heading">You answered on {formatAnswerDate(answered.answeredAt)}</h2>
        <p>
          <a href={`/r/${answered.token}`}>View or change your answer</a>. This browser keeps the private link to it;
          nobody else&apos;s browser does.
        </p>
        <p>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              forgetThisBrowser();
              setAnswered(null);
              setPrevious(null);
            }}
          >
            Forget this browser
          </button>{" "}
          <span className="muted">(for a shared computer, or to answer as someone else)</span>
        </p>
      </div>
    );
  }

  const carryOver = () =>
    startCarrying(async () => {
      if (!previous) return;
      const result = await readPreviousAnswer(previous.token);
      if (!result.ok) {
        setCarryError(result.message);
        return;
      }
      const values = applyCarriedAnswer(initialValues, result.answer, offered);
      clearDraft(round);
      restart({
        from: "last-answer",
        values,
        carriedOver: values.projects.map((project) => project.slug),
        answeredAt: previous.answeredAt,
      });
    });

  return (
    <>
      {start.from === "draft" && (
        <div className={styles.panel} role="status">
          <p>
            <strong>Your answer in progress is back</strong>, as you left it on{" "}
            {formatAnswerDate(new Date(start.savedAt).toISOString())}. It is kept in this browser only, until you send
            it.
          </p>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              clearDraft(round);
              restart({ from: "blank" });
              // The button is gone with the notice: keep keyboard focus in the form, at its first question.
              requestAnimationFrame(() =>
                document.querySelector<HTMLInputElement>(`#${SURVEY_FORM_ID} #question-teams input`)?.focus(),
              );
            }}
          >
            Start over
          </button>
        </div>
      )}
      {previous && start.from !== "last-answer" && (
        <div className={styles.panel} role="region" aria-labelledby="previous-heading">
          <h2 id="previous-heading">You answered an earlier round on {formatAnswerDate(previous.answeredAt)}</h2>
          <p>
            Start from that answer: your teams, projects, how and how often you contribute, and your free text are
            filled in, and you confirm or change each project. Your new answer is separate: nothing links the two on our
            side.
          </p>
          <button type="button" onClick={carryOver} disabled={isCarrying}>
            {isCarrying ? "Filling in…" : "Start from your last answer"}
          </button>
          {carryError && (
            <p className="error" role="alert">
              {carryError}
            </p>
          )}
        </div>
      )}
      <SurveyForm
        key={generation}
        mode="new"
        questions={questions}
        catalogue={catalogue}
        initialValues={start.from === "blank" ? initialValues : start.values}
        carriedOver={start.from === "last-answer" ? start.carriedOver : undefined}
        keepsDraft
      />
    </>
  );
}
