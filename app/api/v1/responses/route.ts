// POST /api/v1/responses: submit an answer as JSON (responseInputSchema). The client makes its own
// 22-character base64url token; repeating the request with it replaces the same response (idempotent).
import { getDatabase } from "@/lib/db/client";
import { checkSubmissionLimit, submissionLimitedResponse } from "@/lib/auth/submission-limit";
import { submitResponseFromApi } from "@/lib/db/responses-endpoints";
import { saveAppSubmission } from "@/lib/db/submission-thread";
import { apiResultResponse, readJsonBody } from "@/lib/survey/json-api";
import { refuseOtherMethods } from "@/lib/survey/api-error";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const limited = await checkSubmissionLimit(request.headers);
  if (!limited.ok) return submissionLimitedResponse(limited);
  const body = await readJsonBody(request);
  if (!body.ok) return apiResultResponse(body.result);
  return apiResultResponse(await submitResponseFromApi(getDatabase().db, body.value, saveAppSubmission));
}

// Other methods get the API's error shape, not an empty 405.
export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
