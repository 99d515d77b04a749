"use client";
import {
  useActionState,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  startTransition,
  type FormEvent,
} from "react";
import { submitResponse, updateResponse } from "@/app/actions/survey-response";
import { buildCatalogueIndex } from "@/lib/survey/catalogue-match";
import type { RoundQuestions } from "@/lib/survey/questions";
import {
  errorSummaryTitle,
  FIELD,
  frequencyFieldName,
  kindsFieldName,
  readResponseForm,
  toFormErrors,
  toResponseInput,
  type FormProjectAnswer,
  type ResponseFormValues,
  type SurveyFormState,
} from "@/lib/survey/response-form";
import type { FieldErrors } from "@/lib/survey/response-schema";
import { MAX_TEXT_LENGTH } from "@/lib/survey/response-limits";
import { allProjects, type SurveyCatalogue } from "@/lib/survey/survey-catalogue";
import { isBlankAnswer, toDraft } from "@/lib/survey/browser-memory";
import { clearDraft, saveDraft } from "./browser-store";
import { DeleteResponseForm } from "./delete-response-form";
import { ErrorLinks } from "./error-links";
import { describedBy, FieldError } from "./field-error";
import { OtherProjectsField } from "./other-projects-field";
import { ProjectPicker } from "./project-picker";
import { loadedResponseSchema, prepareResponseCheck } from "./response-check";
import { SubmitButton } from "./submit-button";
import styles from "./survey-form.module.css";
import { TeamPicker } from "./team-picker";
import { useHydrated } from "./use-hydrated";

export interface SurveyFormProps {
  mode: "new" | "edit";
  questions: RoundQuestions;
  catalogue: SurveyCatalogue;
  initialValues: ResponseFormValues;
  /** Projects filled in from an earlier round's answer: each is confirmed or changed before sending. */
  carriedOver?: string[];
  /** Keep the answer in progress in this browser (localStorage) until it is sent. */
  keepsDraft?: boolean;
}

export const SURVEY_FORM_ID = "survey-form";
const DRAFT_DELAY_MS = 400;

const idle: SurveyFormState = { status: "idle", values: null };
const CONFIRM_MESSAGE = "Confirm or change each project carried over from your last answer";
// One object for "no errors", so memoised rows see the same props from one render to the next.
const NO_ERRORS: FieldErrors = {};

/**
 * The survey form. It is a plain HTML form posting to a server action, so it works before (and without)
 * JavaScript; once hydrated it checks answers with the same schema as the server before sending.
 */
export function SurveyForm({ mode, questions, catalogue, initialValues, carriedOver, keepsDraft }: SurveyFormProps) {
  const [state, formAction] = useActionState(mode === "new" ? submitResponse : updateResponse, idle);
  // Inputs are uncontrolled (defaults below), so the browser keeps whatever is typed, also before hydration;
  // `values` mirrors the form for the summaries around the inputs and is re-read on every change.
  const defaults = state.values ?? initialValues;
  const [values, setValues] = useState<ResponseFormValues>(defaults);
  const formRef = useRef<HTMLFormElement>(null);
  // The summaries around the inputs follow in a transition, so a key or tap paints before they re-render.
  const readForm = useCallback(() => {
    if (!formRef.current) return;
    const next = readResponseForm(new FormData(formRef.current).entries());
    // Unchanged values keep their object, so nothing re-renders (as after hydration, with nothing typed yet).
    startTransition(() => setValues((current) => (JSON.stringify(current) === JSON.stringify(next) ? current : next)));
  }, []);
  // The answer in progress goes to this browser's storage a moment after the last change, never to the server.
  const draftTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const scheduleDraft = useCallback(() => {
    if (!keepsDraft) return;
    if (draftTimer.current) clearTimeout(draftTimer.current);
    draftTimer.current = setTimeout(() => {
      if (!formRef.current) return;
      const now = readResponseForm(new FormData(formRef.current).entries());
      if (isBlankAnswer(now)) clearDraft(now.round);
      else saveDraft(now.round, toDraft(now, Date.now()));
    }, DRAFT_DELAY_MS);
  }, [keepsDraft]);
  useEffect(() => () => void (draftTimer.current && clearTimeout(draftTimer.current)), []);
  // Carried-over projects still to confirm; changing a row's answers confirms it too.
  const [toConfirm, setToConfirm] = useState<ReadonlySet<string>>(() => new Set(carriedOver ?? []));
  const confirm = useCallback((slug: string) => {
    setToConfirm((current) => {
      if (!current.has(slug)) return current;
      const next = new Set(current);
      next.delete(slug);
      return next;
    });
  }, []);

  // Boxes without a name (the team filter, the project search) are not answers: typing there re-reads nothing.
  // A project's kinds or frequency re-read that project's row only, not the whole form.
  const onFormChange = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      const target = event.target;
      if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) return readForm();
      if (target.name === "") return;
      scheduleDraft();
      if (target.name === FIELD.teams || target.name === FIELD.notOpenStackContributor) return;
      if (target.name === FIELD.projects) confirm(target.value);
      const slug = target.name.startsWith(FIELD.kindsPrefix)
        ? target.name.slice(FIELD.kindsPrefix.length)
        : target.name.startsWith(FIELD.frequencyPrefix)
          ? target.name.slice(FIELD.frequencyPrefix.length)
          : null;
      if (slug === null || !target.form) return readForm();
      confirm(slug);
      const answer = readProjectRow(target.form, slug);
      startTransition(() =>
        setValues((current) =>
          current.projects.some((project) => project.slug === slug)
            ? { ...current, projects: current.projects.map((project) => (project.slug === slug ? answer : project)) }
            : current,
        ),
      );
    },
    [readForm, scheduleDraft, confirm],
  );
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [shownState, setShownState] = useState(state);
  const summaryRef = useRef<HTMLDivElement>(null);
  const isHydrated = useHydrated();

  // A new answer from the server replaces errors found in the browser (state adjusted while rendering).
  if (shownState !== state) {
    setShownState(state);
    setClientErrors(null);
  }
  const errors: FieldErrors = clientErrors ?? (state.status === "invalid" ? state.errors : NO_ERRORS);
  const message = clientErrors ? errorSummaryTitle(clientErrors) : state.status === "idle" ? null : state.message;
  const errorCount = Object.keys(errors).length;

  useEffect(() => {
    // Whatever was ticked or typed before the script arrived.
    const frame = requestAnimationFrame(readForm);
    return () => cancelAnimationFrame(frame);
  }, [readForm]);

  useEffect(() => {
    if (errorCount > 0 || state.status === "saved") summaryRef.current?.focus();
  }, [errorCount, state, clientErrors]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const formValues = readResponseForm(new FormData(event.currentTarget).entries());
    const found = schemaErrors(formValues);
    const stillChosen = [...toConfirm].filter((slug) => formValues.projects.some((project) => project.slug === slug));
    if (Object.keys(found).length > 0 || stillChosen.length > 0) {
      event.preventDefault();
      if (stillChosen.length > 0) found.carriedOver = CONFIRM_MESSAGE;
      setClientErrors(found);
    }
  };
  const pendingConfirmation = [...toConfirm].filter((slug) => values.projects.some((project) => project.slug === slug));

  const index = useMemo(() => buildCatalogueIndex(allProjects(catalogue)), [catalogue]);
  const projectNames = useMemo(() => new Map(index.projects.map((project) => [project.slug, project.name])), [index]);

  return (
    <>
      <form
        id={SURVEY_FORM_ID}
        ref={formRef}
        action={formAction}
        onSubmit={onSubmit}
        onChange={onFormChange}
        onFocus={prepareResponseCheck}
        onPointerDown={prepareResponseCheck}
        // React resets the form after an action; the defaults then hold what was sent, re-read them.
        onReset={() => setTimeout(readForm, 0)}
        noValidate
        className={styles.form}
        aria-describedby="survey-intro"
        // Lets tests (and styles) tell the server-rendered form from the hydrated one.
        data-hydrated={isHydrated ? "true" : undefined}
      >
        <p id="survey-intro" className={styles.intro}>
          {questions.intro}
        </p>
        {/* The form's default button, disabled: Enter in a text, search or number field (implicit submission)
            then sends nothing, with or without JavaScript. Only the visible button below submits. */}
        <button type="submit" disabled hidden aria-hidden="true" tabIndex={-1} />
        <input type="hidden" name={FIELD.round} value={defaults.round} />
        <input type="hidden" name={FIELD.token} value={defaults.token} />

        <div ref={summaryRef} tabIndex={-1} className={styles.summaryAnchor}>
          {message && errorCount > 0 && (
            <div className={styles.errorSummary} role="alert">
              <p className={styles.errorTitle}>{message}</p>
              {errors.form && errors.form !== message && <p>{errors.form}</p>}
              <ErrorLinks errors={errors} questions={questions} catalogue={catalogue} />
            </div>
          )}
          {state.status === "saved" && !clientErrors && (
            <p className={styles.saved} role="status">
              {state.message}
            </p>
          )}
        </div>

        {pendingConfirmation.length > 0 && (
          <div
            id="carried-over"
            className={styles.carriedOver}
            role="region"
            aria-label="Projects from your last answer"
          >
            <p>
              From your last answer: <strong>{pendingConfirmation.length}</strong>{" "}
              {pendingConfirmation.length === 1 ? "project" : "projects"} to confirm or change (
              {pendingConfirmation.map((slug) => projectNames.get(slug) ?? slug).join(", ")}). Change a project&apos;s
              answers below, untick what no longer holds, or confirm them as they are.
            </p>
            <button type="button" className="secondary" onClick={() => setToConfirm(new Set())}>
              Confirm all as they are
            </button>
          </div>
        )}

        <TeamPicker
          question={questions.teams}
          teams={catalogue.teams}
          defaultChosen={defaults.teams}
          defaultIsNone={defaults.notOpenStackContributor}
          error={errors.teams ?? errors.notOpenStackContributor}
          id="question-teams"
        />

        <ProjectPicker
          questions={questions}
          catalogue={catalogue}
          defaultAnswers={defaults.projects}
          defaultIsNothingOutside={defaults.nothingOutsideOpenStack}
          answers={values.projects}
          errors={errors}
          onProgrammaticChange={readForm}
        />

        <OtherProjectsField
          question={questions.others}
          index={index}
          defaultValue={defaults.others}
          value={values.others}
          error={errors.others}
        />

        <div className={styles.section}>
          <label htmlFor="field-years" className={styles.question}>
            {questions.years.label}
          </label>
          <p id="field-years-help" className={styles.help}>
            {questions.years.help}
          </p>
          <input
            id="field-years"
            name={FIELD.yearsContributing}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            size={4}
            defaultValue={defaults.yearsContributing}
            aria-describedby={describedBy("field-years-help", errors.yearsContributing && "field-years-error")}
            aria-invalid={errors.yearsContributing ? true : undefined}
            className={styles.narrow}
          />
          <FieldError id="field-years-error" message={errors.yearsContributing} />
        </div>

        <fieldset
          id="question-employer"
          className={styles.section}
          aria-describedby={errors.employerPaid ? "field-employer-error" : undefined}
          aria-invalid={errors.employerPaid ? true : undefined}
        >
          <legend className={styles.question}>{questions.employerPaid.label}</legend>
          <div className={styles.options}>
            {questions.employerPaid.options.map((option) => (
              <label key={option.code} className={styles.optionChoice}>
                <input
                  type="radio"
                  name={FIELD.employerPaid}
                  value={option.code}
                  defaultChecked={defaults.employerPaid === option.code}
                />
                {option.label}
              </label>
            ))}
          </div>
          <FieldError id="field-employer-error" message={errors.employerPaid} />
        </fieldset>

        <div className={styles.section}>
          <label htmlFor="field-comment" className={styles.question}>
            {questions.comment.label}
          </label>
          <p id="field-comment-help" className={styles.help}>
            {questions.comment.help}{" "}
            <span aria-live="polite">
              ({values.comment.length.toLocaleString("en")} / {MAX_TEXT_LENGTH.toLocaleString("en")})
            </span>
          </p>
          <textarea
            id="field-comment"
            name={FIELD.comment}
            rows={4}
            maxLength={MAX_TEXT_LENGTH}
            defaultValue={defaults.comment}
            aria-describedby={describedBy("field-comment-help", errors.comment && "field-comment-error")}
            aria-invalid={errors.comment ? true : undefined}
            className={styles.wide}
          />
          <FieldError id="field-comment-error" message={errors.comment} />
        </div>

        <div className={styles.actions}>
          <SubmitButton
            label={mode === "new" ? "Send my answer" : "Save my changes"}
            pendingLabel={mode === "new" ? "Sending…" : "Saving…"}
          />
          {errorCount > 0 && (
            <span className="error" role="status">
              {errorCount === 1 ? "1 answer needs attention" : `${errorCount} answers need attention`}
            </span>
          )}
        </div>
      </form>
      {mode === "edit" && <DeleteResponseForm token={defaults.token} />}
    </>
  );
}

/** The schema's errors for the form's values, keyed for the form; none while the schema has not loaded. */
function schemaErrors(values: ResponseFormValues): FieldErrors {
  const schema = loadedResponseSchema();
  const parsed = schema?.responseInputSchema.safeParse(toResponseInput(values));
  return schema && parsed && !parsed.success ? toFormErrors(schema.toFieldErrors(parsed.error), values) : {};
}

/** One project's kinds and frequency as the form holds them now. */
function readProjectRow(form: HTMLFormElement, slug: string): FormProjectAnswer {
  const inputs = (name: string) =>
    Array.from(form.querySelectorAll<HTMLInputElement>(`input[name="${CSS.escape(name)}"]`)).filter(
      (input) => input.checked,
    );
  return {
    slug,
    kinds: inputs(kindsFieldName(slug)).map((input) => input.value),
    frequency: inputs(frequencyFieldName(slug))[0]?.value ?? "",
  };
}
