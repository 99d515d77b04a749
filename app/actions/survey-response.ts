"use server";
// Server actions of the survey form: the submission limit, then lib/db/survey-submission.ts (the one schema and
// lib/db's atomic save). Bad input comes back as field errors with the values as typed.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { checkSubmissionLimit } from "@/lib/auth/submission-limit";
import { getDatabase } from "@/lib/db/client";
import { deleteResponse } from "@/lib/db/responses";
import { saveAppSubmission } from "@/lib/db/submission-thread";
import { saveFormSubmission } from "@/lib/db/survey-submission";
import { editPath } from "@/lib/survey/edit-token";
import { readResponseForm, type SurveyFormState } from "@/lib/survey/response-form";
import { EDIT_TOKEN_PATTERN } from "@/lib/survey/response-limits";

const NOT_A_FORM = "This action takes the survey form.";

/** Every write of a response counts against the client's submission limit first; refused, the answers stay. */
async function refusal(formData: unknown): Promise<SurveyFormState | null> {
  if (!(formData instanceof FormData)) return { status: "invalid", message: NOT_A_FORM, errors: { form: NOT_A_FORM }, values: readResponseForm([]) };
  const limited = await checkSubmissionLimit(await headers());
  if (limited.ok) return null;
  return { status: "invalid", message: limited.message, errors: { form: limited.message }, values: readResponseForm(formData.entries()) };
}

/** A new response: on success, the thank-you page with the private edit link (redirect after POST). */
export async function submitResponse(_previous: SurveyFormState, formData: FormData): Promise<SurveyFormState> {
  const refused = await refusal(formData);
  if (refused) return refused;
  const outcome = await saveFormSubmission(getDatabase().db, formData.entries(), saveAppSubmission);
  if (outcome.status !== "ok") return outcome;
  redirect(`${editPath(outcome.token)}/thanks`);
}

/** A change through the edit link: the same form stays, saying it was saved. */
export async function updateResponse(_previous: SurveyFormState, formData: FormData): Promise<SurveyFormState> {
  const refused = await refusal(formData);
  if (refused) return refused;
  const outcome = await saveFormSubmission(getDatabase().db, formData.entries(), saveAppSubmission);
  if (outcome.status !== "ok") return outcome;
  const values = readResponseForm(formData.entries());
  return { status: "saved", message: "Your changes are saved.", values, savedAt: Date.now() };
}

/** Delete through the edit link; the link's page then says the response was deleted. */
export async function deleteOwnResponse(formData: FormData): Promise<void> {
  const token = formData instanceof FormData ? formData.get("token") : null;
  if (typeof token !== "string" || !EDIT_TOKEN_PATTERN.test(token)) redirect("/");
  await deleteResponse(getDatabase().db, { token }, "respondent");
  // Whatever the outcome (deleted, unknown, round closed), the link's page says which it is.
  redirect(editPath(token));
}
