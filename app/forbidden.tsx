import Link from "next/link";

export default function Forbidden() {
  return (
    <section>
      <h1>403: not allowed</h1>
      <p>Your organiser role does not allow this page or action. Ask an admin if you need it.</p>
      <p>
        <Link href="/admin">Back to the organiser overview</Link>
      </p>
    </section>
  );
}
