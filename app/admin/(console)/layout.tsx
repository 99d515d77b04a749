import type { ReactNode } from "react";
import Link from "next/link";
import { getCurrentOrganiser } from "@/lib/auth/guard";
import { signOutAction } from "./sign-out-action";
import styles from "../admin.module.css";

// Navigation only: each page checks the session and role itself (layouts do not re-run on every navigation).
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const organiser = await getCurrentOrganiser();
  const isAdmin = organiser?.role === "admin";
  return (
    <>
      {organiser ? (
        <nav aria-label="Organiser" className={styles.nav}>
          <Link href="/admin">Overview</Link>
          {isAdmin ? <Link href="/admin/rounds">Rounds</Link> : null}
          {isAdmin ? <Link href="/admin/catalogue">Catalogue</Link> : null}
          {isAdmin ? <Link href="/admin/other">Free text</Link> : null}
          <Link href="/admin/responses">Responses</Link>
          {isAdmin ? <Link href="/admin/audit">Audit log</Link> : null}
          <Link href="/admin/account">Account</Link>
          <form action={signOutAction}>
            <span className="muted">
              {organiser.email} ({organiser.role}){" "}
            </span>
            <button type="submit" className="secondary">
              Sign out
            </button>
          </form>
        </nav>
      ) : null}
      {children}
    </>
  );
}
