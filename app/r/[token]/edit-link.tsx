// What the two pages of an edit link (/r/[token] and /r/[token]/thanks) share: how the secret address is kept
// out of indexes and referrers, and how the token becomes its response, a "deleted" page, or a 404.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { EditLinkGone } from "@/components/survey/edit-response-page";
import { getDatabase } from "@/lib/db/client";
import { getResponseByToken, isResponseDeleted, type StoredResponse } from "@/lib/db/responses";
import { isWellFormedEditToken } from "@/lib/survey/edit-token";

// The address is a secret: never indexed, never sent to another site as a referrer. ("no-referrer" would make
// the browser send "Origin: null" on the no-JavaScript form post, and Next.js rejects such server action requests.)
export function editLinkMetadata(title: string): Metadata {
  return {
    title,
    robots: { index: false, follow: false },
    referrer: "same-origin",
  };
}

/** Renders the response the link names; a deleted response's link says so, any other token is a 404. */
export async function renderEditLink(
  params: Promise<{ token: string }>,
  render: (stored: StoredResponse, token: string) => ReactNode | Promise<ReactNode>,
): Promise<ReactNode> {
  await connection();
  const { token } = await params;
  if (!isWellFormedEditToken(token)) notFound();
  const db = getDatabase().db;
  const stored = await getResponseByToken(db, token);
  if (!stored) {
    if (await isResponseDeleted(db, token)) return <EditLinkGone isDeleted />;
    notFound();
  }
  return render(stored, token);
}
