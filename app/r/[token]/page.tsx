import { EditResponsePage } from "@/components/survey/edit-response-page";
import { getDatabase } from "@/lib/db/client";
import { getSurveyCatalogue } from "@/lib/db/survey-form";
import { parseRoundQuestions } from "@/lib/survey/questions";
import { storedToFormValues, storedToSummary } from "@/lib/survey/response-form";
import { editLinkMetadata, renderEditLink } from "./edit-link";

export const metadata = editLinkMetadata("Your response");

export default async function EditResponseRoute({ params }: { params: Promise<{ token: string }> }) {
  return renderEditLink(params, async (stored, token) => {
    const isOpen = stored.round.status === "open";
    return (
      <EditResponsePage
        roundTitle={stored.round.title}
        remember={{ round: stored.round.slug, token, answeredAt: stored.createdAt.toISOString() }}
        isOpen={isOpen}
        questions={parseRoundQuestions(stored.round.questions)}
        catalogue={isOpen ? await getSurveyCatalogue(getDatabase().db, stored.roundId) : null}
        values={storedToFormValues(stored, token)}
        summary={storedToSummary(stored)}
        updatedAt={stored.updatedAt}
      />
    );
  });
}
