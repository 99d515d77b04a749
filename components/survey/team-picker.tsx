"use client";
import { useId, useMemo, useState } from "react";
import { FIELD } from "@/lib/survey/response-form";
import type { RoundQuestions } from "@/lib/survey/questions";
import { filterTeams, type TeamOption } from "@/lib/survey/survey-catalogue";
import { describedBy, FieldError } from "./field-error";
import styles from "./survey-form.module.css";
import { useHydrated } from "./use-hydrated";

interface TeamPickerProps {
  question: RoundQuestions["teams"];
  teams: TeamOption[];
  /** What the checkboxes start with; they are uncontrolled, so nothing ticked before hydration is lost. */
  defaultChosen: string[];
  defaultIsNone: boolean;
  /** The teams ticked now, for the summary line. */
  chosen: string[];
  error: string | undefined;
  /** The question's id, which the error summary links to. */
  id: string;
}

/** The OpenStack teams as a checkbox list, with a filter once JavaScript runs, and the "none" answer. */
export function TeamPicker({ question, teams, defaultChosen, defaultIsNone, chosen, error, id: questionId }: TeamPickerProps) {
  const id = useId();
  const isHydrated = useHydrated();
  const [filter, setFilter] = useState("");
  const visible = useMemo(() => new Set(filterTeams(teams, filter).map((team) => team.slug)), [teams, filter]);
  const chosenSet = new Set(chosen);
  const defaultSet = new Set(defaultChosen);
  const chosenNames = teams.filter((team) => chosenSet.has(team.slug)).map((team) => team.name);
  // Teams and "none" exclude each other: ticking one clears the other (the form re-reads itself on change).
  const clear = (form: HTMLFormElement | null, name: string) => {
    for (const element of Array.from(form?.elements ?? [])) {
      if (element instanceof HTMLInputElement && element.name === name) element.checked = false;
    }
  };
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;

  return (
    <fieldset
      id={questionId}
      className={styles.section}
      aria-describedby={describedBy(helpId, error && errorId)}
      aria-invalid={error ? true : undefined}
    >
      <legend className={styles.question}>{question.label}</legend>
      <p id={helpId} className={styles.help}>
        {question.help}
      </p>
      <FieldError id={errorId} message={error} />
      {isHydrated && (
        <div className={styles.filterRow}>
          <label htmlFor={`${id}-filter`}>Filter teams</label>
          <input
            id={`${id}-filter`}
            type="search"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            placeholder="Team or repository, e.g. nova"
            autoComplete="off"
          />
          <span className={styles.muted} aria-live="polite">
            {chosenNames.length === 0 ? "No team chosen" : `Chosen: ${chosenNames.join(", ")}`}
          </span>
        </div>
      )}
      <div className={styles.teamGrid}>
        {teams.map((team) => (
          <label key={team.slug} className={styles.choice} hidden={!visible.has(team.slug)}>
            <input
              type="checkbox"
              name={FIELD.teams}
              value={team.slug}
              defaultChecked={defaultSet.has(team.slug)}
              onChange={(event) => {
                if (event.target.checked) clear(event.target.form, FIELD.notOpenStackContributor);
              }}
            />
            <span>
              {team.name}
              {team.service && <span className={styles.hint}>{team.service}</span>}
            </span>
          </label>
        ))}
        {visible.size === 0 && <p className={styles.muted}>No team matches “{filter}”.</p>}
      </div>
      <label className={`${styles.choice} ${styles.noneChoice}`}>
        <input
          type="checkbox"
          name={FIELD.notOpenStackContributor}
          value="yes"
          defaultChecked={defaultIsNone}
          onChange={(event) => {
            if (event.target.checked) clear(event.target.form, FIELD.teams);
          }}
        />
        <span>{question.noneLabel}</span>
      </label>
    </fieldset>
  );
}
