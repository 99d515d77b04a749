import { ThankYou } from "@/components/survey/thank-you";
import { editPath } from "@/lib/survey/edit-token";
import { editLinkMetadata, renderEditLink } from "../edit-link";

export const metadata = editLinkMetadata("Thank you");

export default async function ThankYouRoute({ params }: { params: Promise<{ token: string }> }) {
  return renderEditLink(params, (stored, token) => (
    <ThankYou
      roundTitle={stored.round.title}
      editPath={editPath(token)}
      remember={{ round: stored.round.slug, token, answeredAt: stored.createdAt.toISOString() }}
    />
  ));
}
