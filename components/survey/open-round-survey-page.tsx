import type { SurveyCatalogue } from "@/lib/survey/survey-catalogue";
import { newEditToken } from "@/lib/survey/edit-token";
import { parseRoundQuestions } from "@/lib/survey/questions";
import { emptyFormValues } from "@/lib/survey/response-form";
import { SurveyPage } from "./survey-page";

/** The fields of a stored round the form is drawn from (its questions are stored as JSON). */
interface OpenRound {
  slug: string;
  title: string;
  questions: string;
}

/**
 * The survey form for a new respondent of an open round, as the home page and /survey/[round] both show it.
 * Draws only: the page fetches the round and its catalogue. Each render mints a fresh edit token (the
 * submission's idempotency key), so a page that renders it must be dynamic and never cached.
 */
export function OpenRoundSurveyPage({ round, catalogue }: { round: OpenRound; catalogue: SurveyCatalogue }) {
  return (
    <SurveyPage
      title={round.title}
      questions={parseRoundQuestions(round.questions)}
      catalogue={catalogue}
      initialValues={emptyFormValues(round.slug, newEditToken())}
    />
  );
}
