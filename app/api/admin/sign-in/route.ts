// Sign-in for scripts and tests: JSON or form body; 401 for wrong credentials, 429 with Retry-After when limited.
import { NextResponse } from "next/server";
import { apiErrorResponse, refuseOtherMethods } from "@/lib/survey/api-error";
import { isSameOriginRequest } from "@/lib/auth/origin";
import { signInFromRequest } from "@/lib/auth/sign-in";

const MAX_BODY_BYTES = 8 * 1024;

async function readFields(request: Request): Promise<{ email: unknown; password: unknown } | null> {
  // A client that goes away mid-upload gets the bad-input answer, not a logged fault.
  const text = await request.text().catch(() => null);
  if (text === null || text.length > MAX_BODY_BYTES) return null;
  if ((request.headers.get("content-type") ?? "").includes("application/json")) {
    try {
      const body: unknown = JSON.parse(text);
      if (typeof body !== "object" || body === null) return null;
      return { email: (body as Record<string, unknown>).email, password: (body as Record<string, unknown>).password };
    } catch {
      return null;
    }
  }
  const form = new URLSearchParams(text);
  return { email: form.get("email"), password: form.get("password") };
}

export async function POST(request: Request) {
  if (!isSameOriginRequest(request.headers)) return apiErrorResponse(403, "cross_site_request", "Cross-site request refused.");
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) return apiErrorResponse(413, "body_too_large", "The request body is too large.");
  const fields = await readFields(request);
  if (!fields) return apiErrorResponse(400, "invalid_body", "Send email and password as JSON or a form.");
  const result = await signInFromRequest(request.headers, fields);
  if (result.ok) return NextResponse.json({ ok: true, role: result.organiser.role });
  switch (result.reason) {
    case "rate-limited":
      return apiErrorResponse(429, "rate_limited", result.message, { headers: { "Retry-After": String(result.retryAfterSeconds) } });
    case "unavailable":
      return apiErrorResponse(503, "unavailable", result.message);
    case "bad-input":
      return apiErrorResponse(400, "invalid_body", result.message);
    default:
      return apiErrorResponse(401, "invalid_credentials", result.message);
  }
}

// Other methods get the API's error shape, not an empty 405.
export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
