import type { Metadata } from "next";
import { headers } from "next/headers";
import { connection } from "next/server";
import { ActionForm } from "@/components/admin/action-form";
import { requireOrganiser } from "@/lib/auth/guard";
import { getSession, SESSION_TTL_SECONDS } from "@/lib/auth/session";
import { signOutEverywhereElseAction } from "./actions";
import styles from "../../admin.module.css";

export const metadata: Metadata = { title: "Your account" };

function utc(time: number): string {
  return `${new Date(time).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export default async function AccountPage() {
  await connection();
  const organiser = await requireOrganiser("analyst", "account");
  const session = await getSession((await headers()).get("host"));
  const issuedAt = session?.issuedAt;
  return (
    <section>
      <h1>Your account</h1>
      <dl className={styles.details}>
        <dt>Email</dt>
        <dd>{organiser.email}</dd>
        <dt>Role</dt>
        <dd>{organiser.role}</dd>
        {issuedAt ? (
          <>
            <dt>This browser signed in</dt>
            <dd>
              {utc(issuedAt)}; the session ends at {utc(issuedAt + SESSION_TTL_SECONDS * 1000)}
            </dd>
          </>
        ) : null}
      </dl>
      <h2>Sessions</h2>
      <p className="muted">
        Signing out ends every session of your account, on every device. To end the others only (a browser you forgot to
        sign out of, or a session cookie that may have been copied) and stay signed in here, sign out everywhere else.
      </p>
      <ActionForm action={signOutEverywhereElseAction} submitLabel="Sign out everywhere else" label="Sign out everywhere else" isDangerous />
      <h2>Password</h2>
      <p className="muted">
        Passwords are set on the server that holds the database: <code>npm run admin:create -- --email {organiser.email} --reset</code>.
        A new password ends every session of the account.
      </p>
    </section>
  );
}
