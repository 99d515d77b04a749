"use client";
import { useFormStatus } from "react-dom";

/** Disabled while the form is being sent, so a second click cannot send it again, and says so. */
export function SubmitButton({ label, pendingLabel }: { label: string; pendingLabel: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending}>
      {pending ? pendingLabel : label}
    </button>
  );
}
