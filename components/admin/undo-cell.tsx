// The audit log's undo: a mapping, a promotion or a merge that stored what it changed can be undone once.
import { undoAuditEntryAction } from "@/app/admin/(console)/actions";
import { UNDOABLE_ACTIONS } from "@/lib/db/admin-undo";
import { ActionForm } from "./action-form";

export function UndoCell({ entry }: { entry: { id: number; action: string; outcome: string; reversal: string | null; undoneAt: Date | null; target: string | null } }) {
  if (entry.undoneAt) return <span className="muted">undone {entry.undoneAt.toISOString().slice(0, 16).replace("T", " ")}</span>;
  if (entry.outcome !== "ok" || !entry.reversal || !(UNDOABLE_ACTIONS as readonly string[]).includes(entry.action)) return null;
  return (
    <ActionForm action={undoAuditEntryAction} submitLabel="Undo" label={`Undo ${entry.action} ${entry.target ?? ""} (entry ${entry.id})`} isDangerous>
      <input type="hidden" name="auditId" value={entry.id} />
    </ActionForm>
  );
}
