// The survey form's save, behind the server actions: FormData through the one schema to lib/db's atomic save.
// Bad input comes back as field errors with the values as typed; only a real server fault is logged.
import { errorSummaryTitle, readResponseForm, toFormErrors, toResponseInput, type SurveyFormState } from "../survey/response-form";
import { responseInputSchema, toFieldErrors } from "../survey/response-schema";
import type { Db } from "./client";
import { saveResponse, type SaveAnswer } from "./submissions";

export type FormSubmissionOutcome = Extract<SurveyFormState, { status: "invalid" }> | { status: "ok"; token: string };

/**
 * Validate and save a form post; nothing is stored unless the whole answer is valid. `save`: where the answer is
 * written (the app passes its submission thread); by default with `db`.
 */
export async function saveFormSubmission(
  db: Db,
  entries: Iterable<[string, unknown]>,
  save: SaveAnswer = (input) => saveResponse(db, input),
): Promise<FormSubmissionOutcome> {
  const values = readResponseForm(entries);
  const parsed = responseInputSchema.safeParse(toResponseInput(values));
  if (!parsed.success) {
    const errors = toFormErrors(toFieldErrors(parsed.error), values);
    return { status: "invalid", message: errorSummaryTitle(errors), errors, values };
  }
  try {
    const result = await save(parsed.data);
    if (result.ok) return { status: "ok", token: parsed.data.token };
    const errors = toFormErrors(result.errors, values);
    if (result.reason !== "invalid") errors.form = result.message;
    return { status: "invalid", message: result.reason === "invalid" ? errorSummaryTitle(errors) : result.message, errors, values };
  } catch (error) {
    console.error("saving a survey response failed", error);
    const message = "Your answer could not be saved just now. Nothing was lost here: please try again in a moment.";
    return { status: "invalid", message, errors: { form: message }, values };
  }
}
