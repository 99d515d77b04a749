import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { EditLinkGone } from "@/components/survey/edit-response-page";
import { ThankYou } from "@/components/survey/thank-you";
import { getDatabase } from "@/lib/db/client";
import { getResponseByToken, isResponseDeleted } from "@/lib/db/responses";
import { editPath, isWellFormedEditToken } from "@/lib/survey/edit-token";

export const metadata: Metadata = {
  title: "Thank you",
  robots: { index: false, follow: false },
  referrer: "same-origin",
};

export default async function ThankYouRoute({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  if (!isWellFormedEditToken(token)) notFound();
  const db = getDatabase().db;
  const stored = await getResponseByToken(db, token);
  if (!stored) {
    if (await isResponseDeleted(db, token)) return <EditLinkGone isDeleted />;
    notFound();
  }
  return (
    <ThankYou
      roundTitle={stored.round.title}
      editPath={editPath(token)}
      remember={{ round: stored.round.slug, token, answeredAt: stored.createdAt.toISOString() }}
    />
  );
}
