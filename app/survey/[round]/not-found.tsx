import Link from "next/link";

export default function RoundNotFound() {
  return (
    <article>
      <h1>No such survey round</h1>
      <p>
        This address names no survey round. <Link href="/">Go to the current survey</Link> or{" "}
        <Link href="/results">see the results</Link>.
      </p>
    </article>
  );
}
