import Link from "next/link";
import type { RoundQuestions } from "@/lib/survey/questions";
import type { ResponseFormValues } from "@/lib/survey/response-form";
import type { SurveyCatalogue } from "@/lib/survey/survey-catalogue";
import { RememberAnswer } from "./remember-answer";
import { ResponseSummary, type ResponseSummaryData } from "./response-summary";
import { SurveyForm } from "./survey-form";
import styles from "./survey-page.module.css";

interface EditResponsePageProps {
  roundTitle: string;
  /** The link's answer, remembered in this browser once its page is opened here. */
  remember: { round: string; token: string; answeredAt: string };
  isOpen: boolean;
  questions: RoundQuestions;
  catalogue: SurveyCatalogue | null;
  values: ResponseFormValues;
  summary: ResponseSummaryData;
  updatedAt: Date;
}

/** What the private edit link shows: the answer in the same form while the round is open, read-only after. */
export function EditResponsePage({
  roundTitle,
  remember,
  isOpen,
  questions,
  catalogue,
  values,
  summary,
  updatedAt,
}: EditResponsePageProps) {
  const updated = updatedAt.toISOString().slice(0, 16).replace("T", " ") + " UTC";
  return (
    <article className={styles.page}>
      <RememberAnswer {...remember} />
      <h1>Your response</h1>
      <p className={styles.lede}>
        {roundTitle} · last saved {updated}
      </p>
      {isOpen && catalogue ? (
        <>
          <div className={styles.warning} role="note">
            <p>
              This page is your private edit link: anyone with its address can change or delete your answer. Do not
              share it.
            </p>
          </div>
          <SurveyForm mode="edit" questions={questions} catalogue={catalogue} initialValues={values} />
        </>
      ) : (
        <>
          <div className={styles.panel}>
            <p>
              <strong>This survey round is closed</strong>, so your answer can no longer be changed or deleted here.
              This is what you answered.
            </p>
          </div>
          <ResponseSummary questions={questions} answer={summary} />
          <p>
            <Link href="/results">See the results</Link>
          </p>
        </>
      )}
    </article>
  );
}

/** The edit link names no response: unknown, mistyped, or deleted. */
export function EditLinkGone({ isDeleted }: { isDeleted: boolean }) {
  return (
    <article className={styles.page}>
      <h1>{isDeleted ? "This response was deleted" : "This edit link is not known"}</h1>
      <div className={styles.panel}>
        {isDeleted ? (
          <p>The response this link belonged to was deleted, with every answer in it. Nothing of it is kept.</p>
        ) : (
          <p>
            No response has this link. Check that the address was copied completely; links are 22 characters after{" "}
            <code>/r/</code>.
          </p>
        )}
        <p>
          <Link href="/">Go to the survey</Link>
        </p>
      </div>
    </article>
  );
}
