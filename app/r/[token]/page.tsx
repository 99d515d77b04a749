import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { EditLinkGone, EditResponsePage } from "@/components/survey/edit-response-page";
import { getDatabase } from "@/lib/db/client";
import { getResponseByToken, isResponseDeleted } from "@/lib/db/responses";
import { getSurveyCatalogue } from "@/lib/db/survey-form";
import { isWellFormedEditToken } from "@/lib/survey/edit-token";
import { parseRoundQuestions } from "@/lib/survey/questions";
import { storedToFormValues, storedToSummary } from "@/lib/survey/response-form";

// The address is a secret: never indexed, never sent to another site as a referrer. ("no-referrer" would make
// the browser send "Origin: null" on the no-JavaScript form post, and Next.js rejects such server action requests.)
export const metadata: Metadata = {
  title: "Your response",
  robots: { index: false, follow: false },
  referrer: "same-origin",
};

export default async function EditResponseRoute({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  if (!isWellFormedEditToken(token)) notFound();
  const db = getDatabase().db;
  const stored = await getResponseByToken(db, token);
  if (!stored) {
    if (await isResponseDeleted(db, token)) return <EditLinkGone isDeleted />;
    notFound();
  }
  const isOpen = stored.round.status === "open";
  return (
    <EditResponsePage
      roundTitle={stored.round.title}
      remember={{ round: stored.round.slug, token, answeredAt: stored.createdAt.toISOString() }}
      isOpen={isOpen}
      questions={parseRoundQuestions(stored.round.questions)}
      catalogue={isOpen ? await getSurveyCatalogue(db, stored.roundId) : null}
      values={storedToFormValues(stored, token)}
      summary={storedToSummary(stored)}
      updatedAt={stored.updatedAt}
    />
  );
}
