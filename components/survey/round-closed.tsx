import Link from "next/link";
import { formatUtc } from "@/lib/survey/round-schedule";
import styles from "./survey-page.module.css";

/** A round that takes no answers (closed, not open yet, or none open): says so and points to the results. */
export function RoundClosed({ title, opensAt = null }: { title: string | null; opensAt?: Date | null }) {
  if (opensAt) {
    return (
      <article className={styles.page}>
        <h1>This survey is not open yet</h1>
        <div className={styles.panel}>
          <p>
            “{title}” opens on <time dateTime={opensAt.toISOString()}>{formatUtc(opensAt)}</time>. Please come back then.
          </p>
        </div>
      </article>
    );
  }
  return (
    <article className={styles.page}>
      <h1>This survey is closed</h1>
      <div className={styles.panel}>
        <p>
          {title ? <>“{title}” no longer takes answers.</> : <>No survey round is open at the moment.</>} Thank you for
          your interest.
        </p>
        <p>
          <Link href="/results">See the results</Link>
        </p>
      </div>
    </article>
  );
}
