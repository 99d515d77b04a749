// GET/PUT/DELETE /api/v1/responses/[token]: the private edit link for API clients. An unknown or forged
// token is 404 and a deleted one 410; nothing else about other responses is ever revealed.
import { checkSubmissionLimit, submissionLimitedResponse } from "@/lib/auth/submission-limit";
import { getDatabase } from "@/lib/db/client";
import { deleteResponseFromApi, getResponseFromApi, replaceResponseFromApi } from "@/lib/db/responses-endpoints";
import { saveAppSubmission } from "@/lib/db/submission-thread";
import { apiResultResponse, readJsonBody } from "@/lib/survey/json-api";
import { refuseOtherMethods } from "@/lib/survey/api-error";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

export async function GET(_request: Request, { params }: Context) {
  return apiResultResponse(await getResponseFromApi(getDatabase().db, (await params).token));
}

export async function PUT(request: Request, { params }: Context) {
  const limited = await checkSubmissionLimit(request.headers);
  if (!limited.ok) return submissionLimitedResponse(limited);
  const body = await readJsonBody(request);
  if (!body.ok) return apiResultResponse(body.result);
  return apiResultResponse(await replaceResponseFromApi(getDatabase().db, (await params).token, body.value, saveAppSubmission));
}

export async function DELETE(_request: Request, { params }: Context) {
  return apiResultResponse(await deleteResponseFromApi(getDatabase().db, (await params).token));
}

// Other methods get the API's error shape, not an empty 405.
export const { POST, PATCH } = refuseOtherMethods("GET", "PUT", "DELETE");
