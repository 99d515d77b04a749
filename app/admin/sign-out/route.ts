import { NextResponse } from "next/server";
import { isSameOriginRequest } from "@/lib/auth/origin";
import { signOutFromRequest } from "@/lib/auth/sign-in";

export async function POST(request: Request) {
  if (!isSameOriginRequest(request.headers)) return NextResponse.json({ error: "Cross-site request refused" }, { status: 403 });
  await signOutFromRequest(request);
  return NextResponse.redirect(new URL("/admin/sign-in", request.url), 303);
}
