// What an admin server action returns to its form.
export interface AdminActionState {
  ok?: boolean;
  message?: string;
  field?: string;
  /** A merge's preview: what it would move, and the two projects to confirm it with. */
  preview?: { fromProjectId: number; intoProjectId: number; summary: string };
}
