"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { writeAudit } from "@/lib/db/admin-audit";
import { getDatabase } from "@/lib/db/client";
import { getCurrentOrganiser } from "@/lib/auth/guard";
import { isSameOriginRequest } from "@/lib/auth/origin";
import { getSession } from "@/lib/auth/session";

// The layout's sign-out button. A server action rather than a plain form post: the site's CSP
// (form-action with upgrade-insecure-requests) blocks native form posts when served over plain http.
export async function signOutAction() {
  const requestHeaders = await headers();
  if (!isSameOriginRequest(requestHeaders)) redirect("/admin");
  const organiser = await getCurrentOrganiser();
  (await getSession(requestHeaders.get("host")))?.destroy();
  if (organiser) await writeAudit(getDatabase().db, organiser, { action: "sign-out", target: `organiser:${organiser.id}` });
  redirect("/admin/sign-in");
}
