"use server";
// Server actions of the survey form: glue between the request and lib/db/survey-submission.ts.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { checkSubmissionLimit } from "@/lib/auth/submission-limit";
import { getDb } from "@/lib/db/client";
import { deleteResponse } from "@/lib/db/responses";
import { getSubmissionDb } from "@/lib/db/submission-thread";
import { saveFormSubmission } from "@/lib/db/survey-submission";
import { editPath } from "@/lib/survey/response-api";
import { readResponseForm, type SurveyFormState } from "@/lib/survey/response-form";
import { EDIT_TOKEN_PATTERN } from "@/lib/survey/response-schema";

/** A new response: on success, the thank-you page with the private edit link (redirect after POST). */
export async function submitResponse(_previous: SurveyFormState, formData: FormData): Promise<SurveyFormState> {
  const limited = await checkSubmissionLimit(await headers());
  if (!limited.ok) {
    const values = readResponseForm(formData.entries());
    return { status: "invalid", message: limited.message, errors: { form: limited.message }, values };
  }
  const outcome = await saveFormSubmission(getSubmissionDb(), formData.entries());
  if (outcome.status !== "ok") return outcome;
  redirect(`${editPath(outcome.token)}/thanks`);
}

/** A change through the edit link: the same form stays, saying it was saved. */
export async function updateResponse(_previous: SurveyFormState, formData: FormData): Promise<SurveyFormState> {
  const outcome = await saveFormSubmission(getSubmissionDb(), formData.entries());
  if (outcome.status !== "ok") return outcome;
  const values = readResponseForm(formData.entries());
  return { status: "saved", message: "Your changes are saved.", values, savedAt: Date.now() };
}

/** Delete through the edit link; the link's page then says the response was deleted. */
export async function deleteOwnResponse(formData: FormData): Promise<void> {
  const token = formData.get("token");
  if (typeof token !== "string" || !EDIT_TOKEN_PATTERN.test(token)) redirect("/");
  await deleteResponse(getDb(), { token }, "respondent");
  // Whatever the outcome (deleted, unknown, round closed), the link's page says which it is.
  redirect(editPath(token));
}
