"use client";
import { memo, useEffect, useMemo, useRef, useState } from "react";
import { buildCatalogueIndex } from "@/lib/survey/catalogue-match";
import type { RoundQuestions } from "@/lib/survey/questions";
import {
  FIELD,
  frequencyFieldName,
  isProjectQuestionKey,
  kindsFieldName,
  projectErrorKey,
  type FormProjectAnswer,
} from "@/lib/survey/response-form";
import type { FieldErrors } from "@/lib/survey/response-schema";
import { allProjects, type ProjectOption, type SurveyCatalogue } from "@/lib/survey/survey-catalogue";
import { describedBy, FieldError } from "./field-error";
import { ProjectSearch } from "./project-search";
import styles from "./survey-form.module.css";
import { useHydrated } from "./use-hydrated";

interface ProjectPickerProps {
  questions: RoundQuestions;
  catalogue: SurveyCatalogue;
  /** What the inputs start with (uncontrolled: the browser keeps what is typed, even before hydration). */
  defaultAnswers: FormProjectAnswer[];
  defaultIsNothingOutside: boolean;
  /** The answers as the form holds them now, for the summaries around the inputs. */
  answers: FormProjectAnswer[];
  errors: FieldErrors;
  /** Called after a change made by code (the type-ahead ticking a row), so the form re-reads itself. */
  onProgrammaticChange(): void;
}

export const projectInputId = (slug: string) => `project-${slug}`;
export const kindInputId = (slug: string, kind: string) => `project-${slug}-kind-${kind}`;
export const frequencyInputId = (slug: string, frequency: string) => `project-${slug}-frequency-${frequency}`;

/**
 * The catalogue by category, one collapsible group each, with a type-ahead above. A project row carries its
 * kinds and frequency inputs only once the project is chosen: the page stays light (a row is a checkbox and
 * its name), and without JavaScript the server asks for them on the page it sends back, as a second step.
 * Answers typed into a row that is then unticked are kept in the row but not sent as answers. The inputs are
 * uncontrolled, so hydration never resets what was ticked before the script arrived.
 */
export function ProjectPicker({
  questions,
  catalogue,
  defaultAnswers,
  defaultIsNothingOutside,
  answers,
  errors,
  onProgrammaticChange,
}: ProjectPickerProps) {
  const isHydrated = useHydrated();
  const projects = useMemo(() => allProjects(catalogue), [catalogue]);
  const index = useMemo(() => buildCatalogueIndex(projects), [projects]);
  const bySlug = useMemo(() => new Map(projects.map((project) => [project.slug, project])), [projects]);
  const categoryNames = useMemo(() => new Map(catalogue.categories.map((c) => [c.slug, c.name])), [catalogue]);
  const chosen = useMemo(() => new Set(answers.map((answer) => answer.slug)), [answers]);
  const [openCategories, setOpenCategories] = useState<ReadonlySet<string>>(
    () =>
      new Set(answers.map((answer) => bySlug.get(answer.slug)?.categorySlug).filter((slug): slug is string => !!slug)),
  );
  // Where to go once the next render has opened a category: a row's control (from a chip), or back to the
  // search box where the page was (after choosing from the search, so the next project is one keystroke away).
  const focusTarget = useRef<{ id: string; scrollY: number | null } | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);

  useEffect(() => {
    const target = focusTarget.current;
    if (!target) return;
    focusTarget.current = null;
    const element = document.getElementById(target.id);
    if (!element) return;
    if (target.scrollY === null) {
      element.focus();
      element.scrollIntoView({ block: "center" });
    } else {
      element.focus({ preventScroll: true });
      window.scrollTo({ top: target.scrollY });
    }
  }, [focusRequest]);

  const defaultFor = (slug: string): FormProjectAnswer | undefined =>
    defaultAnswers.find((answer) => answer.slug === slug);

  const openCategory = (slug: string, isOpen: boolean) =>
    setOpenCategories((current) => {
      if (current.has(slug) === isOpen) return current;
      const next = new Set(current);
      if (isOpen) next.add(slug);
      else next.delete(slug);
      return next;
    });

  const reveal = (project: ProjectOption, target: string, returnTo: number | null = null) => {
    openCategory(project.categorySlug, true);
    focusTarget.current = { id: target, scrollY: returnTo };
    setFocusRequest((count) => count + 1);
  };

  // The project is ticked and its row opened (with its questions) in its category; focus and scroll stay at
  // the search box. Its chip below the search says what is still to answer and leads to the row.
  const chooseFromSearch = (project: ProjectOption, searchInputId: string) => {
    const toggle = document.getElementById(projectInputId(project.slug));
    if (toggle instanceof HTMLInputElement && !toggle.checked) {
      toggle.checked = true;
      onProgrammaticChange();
    }
    reveal(project, searchInputId, window.scrollY);
  };

  const generalError = errors.projects;
  // Without JavaScript, the page the server sends back after projects were ticked is the second step.
  const isAskingProjectQuestions = Object.keys(errors).some(isProjectQuestionKey);
  return (
    <fieldset
      id="question-projects"
      className={styles.section}
      aria-describedby={describedBy("projects-help", generalError && "projects-error")}
      aria-invalid={generalError ? true : undefined}
    >
      <legend className={styles.question}>{questions.projects.label}</legend>
      <p id="projects-help" className={styles.help}>
        {questions.projects.help}
      </p>
      <FieldError id="projects-error" message={generalError} />
      <noscript>
        <p className={styles.help}>
          {isAskingProjectQuestions
            ? "Say how and how often for each project you ticked below, then send."
            : "Tick the projects below. After you send, the page asks how and how often for each one you ticked."}
        </p>
      </noscript>
      {isHydrated && (
        <>
          <ProjectSearch
            label={questions.projects.searchLabel}
            index={index}
            categoryNames={categoryNames}
            chosen={chosen}
            onChoose={chooseFromSearch}
          />
          <div className={styles.chosenList} aria-live="polite">
            {answers.length === 0 ? (
              <span className={styles.muted}>No project chosen yet.</span>
            ) : (
              <>
                <span className={styles.muted}>
                  {answers.length} chosen{answers.length > 0 ? ":" : ""}
                </span>
                {answers.map((answer) => {
                  const project = bySlug.get(answer.slug);
                  if (!project) return null;
                  return (
                    <button
                      key={answer.slug}
                      type="button"
                      className={styles.chip}
                      onClick={() =>
                        reveal(
                          project,
                          answer.kinds.length === 0
                            ? kindInputId(project.slug, questions.kinds.options[0]?.code ?? "code")
                            : answer.frequency === ""
                              ? frequencyInputId(project.slug, questions.frequency.options[0]?.code ?? "once")
                              : projectInputId(project.slug),
                        )
                      }
                    >
                      {project.name}
                      {(answer.kinds.length === 0 || answer.frequency === "") && (
                        <span className={styles.chipTodo}>: say how</span>
                      )}
                    </button>
                  );
                })}
              </>
            )}
          </div>
        </>
      )}
      <div className={styles.categories}>
        {catalogue.categories.map((category) => {
          const count = category.projects.filter((project) => chosen.has(project.slug)).length;
          return (
            <details
              key={category.slug}
              className={styles.category}
              open={openCategories.has(category.slug)}
              onToggle={(event) => openCategory(category.slug, event.currentTarget.open)}
            >
              <summary className={styles.categorySummary}>
                <span className={styles.categoryName}>{category.name}</span>
                <span className={styles.categoryCount}>
                  {count > 0 ? `${count} chosen · ` : ""}
                  {category.projects.length} projects
                </span>
              </summary>
              <fieldset className={styles.categoryBody}>
                <legend className="visually-hidden">{category.name}</legend>
                <ul className={styles.projectList}>
                  {category.projects.map((project) => (
                    <ProjectRow
                      key={project.slug}
                      project={project}
                      questions={questions}
                      defaultAnswer={defaultFor(project.slug)}
                      isChosen={chosen.has(project.slug)}
                      errors={errors}
                    />
                  ))}
                </ul>
              </fieldset>
            </details>
          );
        })}
      </div>
      <label className={`${styles.choice} ${styles.noneChoice}`}>
        <input
          id="field-nothing-outside"
          type="checkbox"
          name={FIELD.nothingOutsideOpenStack}
          value="yes"
          defaultChecked={defaultIsNothingOutside}
          aria-describedby={errors.nothingOutsideOpenStack ? "field-nothing-outside-error" : undefined}
          aria-invalid={errors.nothingOutsideOpenStack ? true : undefined}
        />
        <span>{questions.projects.noneLabel}</span>
      </label>
      <FieldError id="field-nothing-outside-error" message={errors.nothingOutsideOpenStack} />
    </fieldset>
  );
}

interface ProjectRowProps {
  project: ProjectOption;
  questions: RoundQuestions;
  defaultAnswer: FormProjectAnswer | undefined;
  isChosen: boolean;
  errors: FieldErrors;
}

/**
 * One project, memoised, so a change elsewhere in the form does not re-render it. Its questions are drawn
 * once it is chosen and then kept, so what was typed survives unticking and ticking again.
 */
const ProjectRow = memo(function ProjectRow({ project, questions, defaultAnswer, isChosen, errors }: ProjectRowProps) {
  const [hasQuestions, setHasQuestions] = useState(isChosen);
  if (isChosen && !hasQuestions) setHasQuestions(true);
  const inputId = projectInputId(project.slug);
  const slugError = errors[projectErrorKey(project.slug, "slug")];
  const kindsError = errors[projectErrorKey(project.slug, "kinds")];
  const frequencyError = errors[projectErrorKey(project.slug, "frequency")];

  return (
    <li className={styles.projectRow} data-chosen={isChosen}>
      <div className={styles.projectHead}>
        <input
          id={inputId}
          className={styles.projectToggle}
          type="checkbox"
          name={FIELD.projects}
          value={project.slug}
          defaultChecked={defaultAnswer !== undefined}
          aria-describedby={describedBy(
            project.isOpenStackDependency && `${inputId}-dep`,
            slugError && `${inputId}-error`,
          )}
        />
        <label htmlFor={inputId} className={styles.projectName}>
          {project.name}
        </label>
        {project.isOpenStackDependency && (
          <span id={`${inputId}-dep`} className={styles.badge}>
            OpenStack dependency
          </span>
        )}
      </div>
      <FieldError id={`${inputId}-error`} message={slugError} />
      {hasQuestions && (
        <div className={styles.projectAnswer}>
          <fieldset
            className={styles.inlineGroup}
            aria-describedby={kindsError ? `${inputId}-kinds-error` : undefined}
            aria-invalid={kindsError ? true : undefined}
          >
            <legend>
              {questions.kinds.label}
              <span className="visually-hidden"> ({project.name})</span>
            </legend>
            <div className={styles.options}>
              {questions.kinds.options.map((option) => (
                <label key={option.code} className={styles.optionChoice}>
                  <input
                    id={kindInputId(project.slug, option.code)}
                    type="checkbox"
                    name={kindsFieldName(project.slug)}
                    value={option.code}
                    defaultChecked={defaultAnswer?.kinds.includes(option.code) ?? false}
                  />
                  {option.label}
                </label>
              ))}
            </div>
            <FieldError id={`${inputId}-kinds-error`} message={kindsError} />
          </fieldset>
          <fieldset
            className={styles.inlineGroup}
            aria-describedby={frequencyError ? `${inputId}-frequency-error` : undefined}
            aria-invalid={frequencyError ? true : undefined}
          >
            <legend>
              {questions.frequency.label}
              <span className="visually-hidden"> ({project.name})</span>
            </legend>
            <div className={styles.options}>
              {questions.frequency.options.map((option) => (
                <label key={option.code} className={styles.optionChoice}>
                  <input
                    id={frequencyInputId(project.slug, option.code)}
                    type="radio"
                    name={frequencyFieldName(project.slug)}
                    value={option.code}
                    defaultChecked={defaultAnswer?.frequency === option.code}
                  />
                  {option.label}
                </label>
              ))}
            </div>
            <FieldError id={`${inputId}-frequency-error`} message={frequencyError} />
          </fieldset>
        </div>
      )}
    </li>
  );
});
