import { NextResponse } from "next/server";
import { isSameOriginRequest } from "@/lib/auth/origin";
import { signOutFromRequest } from "@/lib/auth/sign-in";

export async function POST(request: Request) {
  if (!isSameOriginRequest(request.headers)) return NextResponse.json({ error: "Cross-site request refused" }, { status: 403 });
  await signOutFromRequest(request);
  // Relative: request.url names the address the server listens on (0.0.0.0 under `npm start`), not the one the
  // browser used.
  return new NextResponse(null, { status: 303, headers: { Location: "/admin/sign-in" } });
}
