"use client";
import { useMemo } from "react";
import { matchProjectName, type CatalogueIndex, type MatchableProject } from "@/lib/survey/catalogue-match";
import { suggestForTypo } from "@/lib/survey/responses-import/typo-hints";
import type { RoundQuestions } from "@/lib/survey/questions";
import { echoTyped, FIELD, splitOtherProjects } from "@/lib/survey/response-form";
import { FORBIDDEN_CHARACTERS } from "@/lib/survey/response-limits";
import { describedBy, FieldError } from "./field-error";
import styles from "./survey-form.module.css";

interface OtherProjectsFieldProps {
  question: RoundQuestions["others"];
  index: CatalogueIndex<MatchableProject>;
  /** What the textarea starts with; it is uncontrolled, like the rest of the form. */
  defaultValue: string;
  /** The textarea's text as last read from the form, for the matches shown under it. */
  value: string;
  error: string | undefined;
}

/** The free-text "other projects" box, each line shown with the catalogue project it will be counted as. */
export function OtherProjectsField({ question, index, defaultValue, value, error }: OtherProjectsFieldProps) {
  const otherMatches = useMemo(
    () =>
      splitOtherProjects(value).map((line) => {
        const match = matchProjectName(index, line);
        // A line the catalogue does not know: the import's typo matcher may know what was meant.
        const typo = match ? null : suggestForTypo(index, line);
        return { line, match, hint: typo ? (index.projects.find((p) => p.slug === typo) ?? null) : null };
      }),
    [index, value],
  );
  return (
    <div className={styles.section}>
      <label htmlFor="field-others" className={styles.question}>
        {question.label}
      </label>
      <p id="field-others-help" className={styles.help}>
        {question.help}
      </p>
      <textarea
        id="field-others"
        name={FIELD.others}
        rows={3}
        defaultValue={defaultValue}
        aria-describedby={describedBy(
          "field-others-help",
          error && "field-others-error",
          otherMatches.length > 0 && "field-others-matches",
        )}
        aria-invalid={error ? true : undefined}
        className={styles.wide}
      />
      <FieldError id="field-others-error" message={error} />
      {otherMatches.length > 0 && (
        <ul id="field-others-matches" className={styles.otherMatches}>
          {otherMatches.map(({ line, match, hint }, position) => (
            <li key={`${position}-${line}`}>
              “{echoTyped(line)}”{" "}
              {FORBIDDEN_CHARACTERS.test(line) ? (
                <span className="error">contains a control character (shown as �): remove it before sending</span>
              ) : match ? (
                <span>will be counted as {match.name}</span>
              ) : (
                <span className={styles.muted}>
                  will be kept as typed{hint && <strong className={styles.typoHint}> (did you mean {hint.name}?)</strong>}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
