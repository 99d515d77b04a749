import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { RoundClosed } from "@/components/survey/round-closed";
import { OpenRoundSurveyPage } from "@/components/survey/open-round-survey-page";
import { getDatabase } from "@/lib/db/client";
import { findRoundBySlug, getSurveyCatalogue } from "@/lib/db/survey-form";

export const metadata: Metadata = { title: "Survey" };

const SLUG = /^[a-z0-9][a-z0-9._-]{0,99}$/;

export default async function RoundSurveyPage({ params }: { params: Promise<{ round: string }> }) {
  await connection();
  const { round: slug } = await params;
  const round = SLUG.test(slug) ? await findRoundBySlug(getDatabase().db, slug) : null;
  // A draft round is not published yet: it does not exist for respondents. A scheduled one says when it opens.
  if (!round || round.phase === "draft") notFound();
  if (round.phase === "scheduled") return <RoundClosed title={round.title} opensAt={round.opensAt} />;
  if (round.status !== "open") return <RoundClosed title={round.title} />;
  const catalogue = await getSurveyCatalogue(getDatabase().db, round.id);
  return <OpenRoundSurveyPage round={round} catalogue={catalogue} />;
}
