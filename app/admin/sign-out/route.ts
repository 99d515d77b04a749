import { NextResponse } from "next/server";
import { isSameOriginRequest } from "@/lib/auth/origin";
import { signOutFromRequest } from "@/lib/auth/sign-in";
import { apiErrorResponse } from "@/lib/survey/api-error";

export async function POST(request: Request) {
  if (!isSameOriginRequest(request.headers)) return apiErrorResponse(403, "cross_site_request", "Cross-site request refused.");
  await signOutFromRequest(request);
  // Relative: request.url names the address the server listens on (0.0.0.0 under `npm start`), not the one the
  // browser used.
  return new NextResponse(null, { status: 303, headers: { Location: "/admin/sign-in" } });
}
