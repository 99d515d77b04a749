import type { Metadata } from "next";
import { connection } from "next/server";
import { RoundClosed } from "@/components/survey/round-closed";
import { OpenRoundSurveyPage } from "@/components/survey/open-round-survey-page";
import { getDatabase } from "@/lib/db/client";
import { getOpenRound } from "@/lib/db/rounds";
import { getSurveyCatalogue } from "@/lib/db/survey-form";

export const metadata: Metadata = { title: "Survey" };

// Dynamic and never cached: every form carries its own fresh edit token (the submission's idempotency key).
export default async function HomePage() {
  await connection();
  const round = await getOpenRound();
  if (!round) return <RoundClosed title={null} />;
  const catalogue = await getSurveyCatalogue(getDatabase().db, round.id);
  return <OpenRoundSurveyPage round={round} catalogue={catalogue} />;
}
