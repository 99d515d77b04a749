import { deleteOwnResponse } from "@/app/actions/survey-response";
import styles from "./survey-form.module.css";

/** Deleting asks twice: the first button only opens the confirmation (a details element works without JavaScript). */
export function DeleteResponseForm({ token }: { token: string }) {
  return (
    <details className={styles.deleteBox}>
      <summary>Delete my response</summary>
      <form action={deleteOwnResponse}>
        <input type="hidden" name="token" value={token} />
        <p>This removes every answer you gave in this response. It cannot be undone.</p>
        <button type="submit" className={styles.danger}>
          Delete permanently
        </button>
      </form>
    </details>
  );
}
