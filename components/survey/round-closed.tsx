import Link from "next/link";
import styles from "./survey-page.module.css";

/** A round that takes no answers (closed, or none open): says so and points to the results. */
export function RoundClosed({ title }: { title: string | null }) {
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
