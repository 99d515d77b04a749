"use client";
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { FIELD } from "@/lib/survey/response-form";
import type { RoundQuestions } from "@/lib/survey/questions";
import { filterTeams, matchingRepository, type TeamOption } from "@/lib/survey/survey-catalogue";
import { describedBy, FieldError } from "./field-error";
import styles from "./survey-form.module.css";

interface TeamPickerProps {
  question: RoundQuestions["teams"];
  teams: TeamOption[];
  /** What the checkboxes start with; they are uncontrolled, so nothing ticked before hydration is lost. */
  defaultChosen: string[];
  defaultIsNone: boolean;
  error: string | undefined;
  /** The question's id, which the error summary links to. */
  id: string;
}

/**
 * The OpenStack teams as one checkbox list, every team in view (no inner scroll region), and the "none" answer.
 * Once JavaScript runs: a filter, and the chosen teams as removable chips. It keeps its own state, so typing in
 * the filter or ticking a team re-renders this question only.
 */
export const TeamPicker = memo(function TeamPicker({
  question,
  teams,
  defaultChosen,
  defaultIsNone,
  error,
  id: questionId,
}: TeamPickerProps) {
  const id = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const [filter, setFilter] = useState("");
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(defaultChosen));
  const visible = useMemo(() => new Set(filterTeams(teams, filter).map((team) => team.slug)), [teams, filter]);
  const defaultSet = useMemo(() => new Set(defaultChosen), [defaultChosen]);
  const chosenTeams = teams.filter((team) => chosen.has(team.slug));

  // The checkboxes are the truth (uncontrolled, also before hydration); the chips mirror them.
  const readChosen = useCallback(() => {
    const boxes = listRef.current?.querySelectorAll<HTMLInputElement>(`input[name="${FIELD.teams}"]`) ?? [];
    setChosen(new Set(Array.from(boxes, (box) => (box.checked ? box.value : "")).filter(Boolean)));
  }, []);
  useEffect(() => {
    // Whatever was ticked before the script arrived.
    const frame = requestAnimationFrame(readChosen);
    return () => cancelAnimationFrame(frame);
  }, [readChosen]);
  // Teams and "none" exclude each other: ticking one clears the other.
  const clear = (form: HTMLFormElement | null, name: string) => {
    for (const element of Array.from(form?.elements ?? [])) {
      if (element instanceof HTMLInputElement && element.name === name && element.checked) element.click();
    }
  };
  const remove = (slug: string) => {
    const box = listRef.current?.querySelector<HTMLInputElement>(`input[name="${FIELD.teams}"][value="${slug}"]`);
    if (box?.checked) box.click(); // a real click, so the form hears the change as from the keyboard or mouse
    document.getElementById(`${id}-filter`)?.focus();
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
      {/* Drawn by the server too, so the teams do not move down when the script arrives; hidden without it. */}
      <div data-script-only>
        <div className={styles.filterRow}>
          <label htmlFor={`${id}-filter`}>Filter teams</label>
          <input
            id={`${id}-filter`}
            type="search"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            placeholder="Team or repository"
            autoComplete="off"
            aria-describedby={`${id}-shown`}
          />
          <span id={`${id}-shown`} className={styles.muted} aria-live="polite">
            {filter.trim() === "" ? `${teams.length} teams` : `${visible.size} of ${teams.length} teams shown`}
          </span>
        </div>
        {chosenTeams.length === 0 ? (
          <p className={styles.muted}>No team chosen yet.</p>
        ) : (
          <ul className={styles.teamChips} aria-label="Chosen teams">
            {chosenTeams.map((team) => (
              <li key={team.slug}>
                <button type="button" className={styles.removeChip} onClick={() => remove(team.slug)}>
                  {team.name}
                  <span aria-hidden="true">×</span>
                  <span className="visually-hidden">, remove</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div ref={listRef} className={styles.teamGrid}>
        {teams.map((team) => (
          <label key={team.slug} className={styles.choice} hidden={!visible.has(team.slug)}>
            <input
              type="checkbox"
              name={FIELD.teams}
              value={team.slug}
              defaultChecked={defaultSet.has(team.slug)}
              onChange={(event) => {
                if (event.target.checked) clear(event.target.form, FIELD.notOpenStackContributor);
                readChosen();
              }}
            />
            <span>
              {team.name}
              {team.service && <span className={styles.hint}>{team.service}</span>}
              {visible.has(team.slug) && <RepositoryHint team={team} filter={filter} />}
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
});

/** Why a team is shown for the filter, when only one of its repositories matched. */
function RepositoryHint({ team, filter }: { team: TeamOption; filter: string }) {
  const repository = matchingRepository(team, filter);
  return repository ? <span className={styles.hint}>repository {repository}</span> : null;
}
