"use client";
// Merging a project in two steps: choose the project to merge into and see what would move ("moves 97 answers and
// 3 aliases from X into Y"), then confirm. The select starts empty; neither step has a default that decides.
import { useActionState, type ReactNode } from "react";
import type { AdminActionState } from "./action-state";
import styles from "./action-form.module.css";

type Action = (state: AdminActionState, formData: FormData) => Promise<AdminActionState>;

export function MergeForm({ preview, merge, fromProjectId, fromName, children }: { preview: Action; merge: Action; fromProjectId: number; fromName: string; children: ReactNode }) {
  const [previewed, previewAction, isPreviewing] = useActionState(preview, {});
  const [merged, mergeAction, isMerging] = useActionState(merge, {});
  const proposal = previewed.preview;
  return (
    <div>
      <form action={previewAction} className={styles.form} aria-label={`Merge ${fromName}`}>
        <input type="hidden" name="fromProjectId" value={fromProjectId} />
        {children}
        <button type="submit" disabled={isPreviewing} className="secondary">
          Preview merge
        </button>
        {previewed.message ? (
          <span role="alert" className="error">
            {previewed.message}
          </span>
        ) : null}
      </form>
      {proposal && !merged.ok ? (
        <form action={mergeAction} className={styles.form} aria-label="Confirm merge">
          <input type="hidden" name="fromProjectId" value={proposal.fromProjectId} />
          <input type="hidden" name="intoProjectId" value={proposal.intoProjectId} />
          <input type="hidden" name="confirm" value="yes" />
          <p role="status">{proposal.summary}</p>
          <button type="submit" disabled={isMerging}>
            Confirm merge
          </button>
          {merged.message && !merged.ok ? (
            <span role="alert" className="error">
              {merged.message}
            </span>
          ) : null}
        </form>
      ) : null}
      {merged.ok ? (
        <p role="status" className={styles.ok}>
          {merged.message}
        </p>
      ) : null}
    </div>
  );
}
