import Link from "next/link";
import { EditLink } from "./edit-link";
import { RememberAnswer } from "./remember-answer";
import styles from "./survey-page.module.css";

/** Shown after a new response is saved: the private edit link and why to keep it. */
export function ThankYou({
  roundTitle,
  editPath,
  remember,
}: {
  roundTitle: string;
  editPath: string;
  remember: { round: string; token: string; answeredAt: string };
}) {
  return (
    <article className={styles.page}>
      <RememberAnswer {...remember} />
      <h1>Thank you, your answer is saved</h1>
      <p className={styles.lede}>{roundTitle}</p>
      <section className={styles.panel} aria-labelledby="edit-link-heading">
        <h2 id="edit-link-heading">Your private edit link</h2>
        <p>With this link you can look at your answer, change it or delete it while the survey is open.</p>
        <EditLink path={editPath} />
      </section>
      <div className={styles.warning} role="note">
        <p>
          <strong>Keep this link private and safe.</strong> Anyone who has it can change or delete your answer. We do
          not know who you are, so we cannot send it to you again: bookmark it or copy it somewhere now. This browser
          keeps it too, until you choose “forget this browser” on the survey page.
        </p>
      </div>
      <p>
        <Link href="/results">See the survey results</Link>
      </p>
    </article>
  );
}
