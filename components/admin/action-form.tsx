"use client";
// A form bound to an admin server action: shows the action's success or error message beside the controls.
import { useActionState, type ReactNode } from "react";
import type { AdminActionState } from "./action-state";
import styles from "./action-form.module.css";

export function ActionForm({
  action,
  submitLabel,
  children,
  isDangerous = false,
  label,
  id,
}: {
  action: (state: AdminActionState, formData: FormData) => Promise<AdminActionState>;
  submitLabel: string;
  children?: ReactNode;
  isDangerous?: boolean;
  label?: string;
  /** For controls elsewhere on the page that belong to this form (their form="id"). */
  id?: string;
}) {
  const [state, formAction, isPending] = useActionState(action, {});
  return (
    <form id={id} action={formAction} className={styles.form} aria-label={label}>
      {children}
      <button type="submit" disabled={isPending} className={isDangerous ? "secondary" : undefined}>
        {submitLabel}
      </button>
      {state.message ? (
        <span role={state.ok ? "status" : "alert"} className={state.ok ? styles.ok : "error"}>
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
