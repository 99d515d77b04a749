// POST /api/v1/responses/check: validate an answer against the survey's schema without saving anything.
// Lets API clients check a body before submitting it; the benchmark uses it as the framework's ceiling.
import { apiErrorResponse, refuseOtherMethods } from "@/lib/survey/api-error";
import { readJsonBody } from "@/lib/survey/json-api";
import { responseInputSchema, toFieldErrors } from "@/lib/survey/response-schema";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const body = await readJsonBody(request);
  if (!body.ok) return Response.json(body.result.body, { status: body.result.status });
  const parsed = responseInputSchema.safeParse(body.value);
  return parsed.success
    ? Response.json({ valid: true })
    : apiErrorResponse(400, "invalid_answer", "Some answers need attention.", { fields: toFieldErrors(parsed.error) });
}

// Other methods get the API's error shape, not an empty 405.
export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
