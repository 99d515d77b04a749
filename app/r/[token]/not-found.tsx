import { EditLinkGone } from "@/components/survey/edit-response-page";

export default function EditLinkNotFound() {
  return <EditLinkGone isDeleted={false} />;
}
