import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getCurrentOrganiser } from "@/lib/auth/guard";
import { getSessionSecret } from "@/lib/auth/session";
import { SignInForm } from "./sign-in-form";
import styles from "../admin.module.css";

export const metadata: Metadata = { title: "Organiser sign-in" };

export default async function SignInPage() {
  await connection();
  if (await getCurrentOrganiser()) redirect("/admin");
  const secret = getSessionSecret();
  return (
    <section className={styles.narrow}>
      <h1>Organiser sign-in</h1>
      {secret.ok ? <SignInForm /> : <p className="error">{secret.message}</p>}
    </section>
  );
}
