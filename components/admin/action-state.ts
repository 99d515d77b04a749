// What an admin server action returns to its form.
export interface AdminActionState {
  ok?: boolean;
  message?: string;
  field?: string;
}
