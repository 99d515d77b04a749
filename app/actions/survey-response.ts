"use server";
// Server actions of the survey form: glue between FormData, the one schema and lib/db's atomic save.
// Bad input comes back as field errors with the values as typed; only a real server fault is logged.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { checkSubmissionLimit } from "@/lib/auth/submission-limit";
import { getDatabase } from "@/lib/db/client";
import { deleteResponse } from "@/lib/db/responses";
import { saveResponse } from "@/lib/db/submissions";
import { editPath } from "@/lib/survey/response-api";
import { readResponseForm, toFormErrors, toResponseInput, type SurveyFormState } from "@/lib/survey/response-form";
import { EDIT_TOKEN_PATTERN, responseInputSchema, toFieldErrors } from "@/lib/survey/response-schema";

const NEEDS_ATTENTION = "Some answers need attention; see the messages below.";

async function save(formData: FormData): Promise<SurveyFormState | { status: "ok"; token: string }> {
  const values = readResponseForm(formData.entries());
  const parsed = responseInputSchema.safeParse(toResponseInput(values));
  if (!parsed.success) {
    return {
      status: "invalid",
      message: NEEDS_ATTENTION,
      errors: toFormErrors(toFieldErrors(parsed.error), values),
      values,
    };
  }
  try {
    const result = await saveResponse(getDatabase().db, parsed.data);
    if (result.ok) return { status: "ok", token: parsed.data.token };
    const errors = toFormErrors(result.errors, values);
    if (result.reason !== "invalid") errors.form = result.message;
    return {
      status: "invalid",
      message: result.reason === "invalid" ? NEEDS_ATTENTION : result.message,
      errors,
      values,
    };
  } catch (error) {
    console.error("saving a survey response failed", error);
    const message = "Your answer could not be saved just now. Nothing was lost here: please try again in a moment.";
    return { status: "invalid", message, errors: { form: message }, values };
  }
}

/** A new response: on success, the thank-you page with the private edit link (redirect after POST). */
export async function submitResponse(_previous: SurveyFormState, formData: FormData): Promise<SurveyFormState> {
  const limited = await checkSubmissionLimit(await headers());
  if (!limited.ok) {
    const values = readResponseForm(formData.entries());
    return { status: "invalid", message: limited.message, errors: { form: limited.message }, values };
  }
  const outcome = await save(formData);
  if (outcome.status !== "ok") return outcome;
  redirect(`${editPath(outcome.token)}/thanks`);
}

/** A change through the edit link: the same form stays, saying it was saved. */
export async function updateResponse(_previous: SurveyFormState, formData: FormData): Promise<SurveyFormState> {
  const outcome = await save(formData);
  if (outcome.status !== "ok") return outcome;
  const values = readResponseForm(formData.entries());
  return { status: "saved", message: "Your changes are saved.", values, savedAt: Date.now() };
}

/** Delete through the edit link; the link's page then says the response was deleted. */
export async function deleteOwnResponse(formData: FormData): Promise<void> {
  const token = formData.get("token");
  if (typeof token !== "string" || !EDIT_TOKEN_PATTERN.test(token)) redirect("/");
  await deleteResponse(getDatabase().db, { token }, "respondent");
  // Whatever the outcome (deleted, unknown, round closed), the link's page says which it is.
  redirect(editPath(token));
}
