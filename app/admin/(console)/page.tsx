import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { requireOrganiser } from "@/lib/auth/guard";
import { getOverviewCounts } from "@/lib/db/admin-responses";
import { getDatabase } from "@/lib/db/client";
import styles from "../admin.module.css";

export const metadata: Metadata = { title: "Organisers" };

export default async function AdminOverviewPage() {
  await connection();
  const organiser = await requireOrganiser("analyst", "overview");
  const counts = await getOverviewCounts(getDatabase().db);
  return (
    <section>
      <h1>Organiser overview</h1>
      <div className={styles.cards}>
        <div className={styles.card}>
          Open round
          <strong>{counts.openRound ? counts.openRound.title : "none"}</strong>
          {counts.openRound ? `${counts.openRound._count.responses} responses` : null}
        </div>
        <div className={styles.card}>
          Rounds <strong>{counts.rounds}</strong>
        </div>
        <div className={styles.card}>
          Responses (all rounds) <strong>{counts.responses}</strong>
        </div>
        <div className={styles.card}>
          Active projects <strong>{counts.projects}</strong>
        </div>
        <div className={styles.card}>
          Unmatched free-text entries <strong>{counts.unmatchedOthers}</strong>
          {organiser.role === "admin" ? <Link href="/admin/other">Triage them</Link> : null}
        </div>
      </div>
    </section>
  );
}
