import Link from "next/link";

export default function Unauthorized() {
  return (
    <section>
      <h1>401: sign-in needed</h1>
      <p>
        This needs an organiser session. <Link href="/admin/sign-in">Sign in</Link>
      </p>
    </section>
  );
}
