"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { endOrganiserSessions } from "@/lib/db/admin-organisers";
import { getDatabase } from "@/lib/db/client";
import { getCurrentOrganiser } from "@/lib/auth/guard";
import { isSameOriginRequest } from "@/lib/auth/origin";
import { getSession } from "@/lib/auth/session";

// The layout's sign-out button. A server action rather than a plain form post: the site's CSP
// (form-action with upgrade-insecure-requests) blocks native form posts when served over plain http.
// Signing out ends every session of the organiser (lib/db/admin-organisers.ts), so a copied cookie dies too.
export async function signOutAction() {
  const requestHeaders = await headers();
  if (!isSameOriginRequest(requestHeaders)) redirect("/admin");
  const organiser = await getCurrentOrganiser();
  (await getSession(requestHeaders.get("host")))?.destroy();
  if (organiser) await endOrganiserSessions(getDatabase().db, organiser, organiser.id, "sign-out");
  redirect("/admin/sign-in");
}
