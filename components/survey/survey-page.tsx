import type { RoundQuestions } from "@/lib/survey/questions";
import type { ResponseFormValues } from "@/lib/survey/response-form";
import type { SurveyCatalogue } from "@/lib/survey/survey-catalogue";
import styles from "./survey-page.module.css";
import { SurveyStart } from "./survey-start";

interface SurveyPageProps {
  title: string;
  questions: RoundQuestions;
  catalogue: SurveyCatalogue;
  initialValues: ResponseFormValues;
}

/** An open round's form for a new respondent; the page passes the catalogue and a fresh edit token. */
export function SurveyPage({ title, questions, catalogue, initialValues }: SurveyPageProps) {
  return (
    <article className={styles.page}>
      <h1>{title}</h1>
      <SurveyStart questions={questions} catalogue={catalogue} initialValues={initialValues} />
    </article>
  );
}
