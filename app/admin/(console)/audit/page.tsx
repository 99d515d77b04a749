import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { requireOrganiser } from "@/lib/auth/guard";
import { listAuditEntries } from "@/lib/db/admin-audit";
import { getDatabase } from "@/lib/db/client";
import { UndoCell } from "@/components/admin/undo-cell";
import styles from "../../admin.module.css";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await connection();
  await requireOrganiser("admin", "audit");
  const requested = Number((await searchParams).page);
  const page = Number.isSafeInteger(requested) && requested > 0 ? requested : 1;
  const { entries, pageCount, total } = await listAuditEntries(getDatabase().db, page);
  return (
    <section>
      <h1>Audit log</h1>
      <p>
        {total} entries; page {page} of {pageCount}.
      </p>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>When (UTC)</th>
            <th>Who</th>
            <th>Action</th>
            <th>Target</th>
            <th>Outcome</th>
            <th>Before</th>
            <th>After</th>
            <th>Undo</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{entry.at.toISOString().replace("T", " ").slice(0, 19)}</td>
              <td>{entry.actorEmail ?? "—"}</td>
              <td>{entry.action}</td>
              <td className={styles.json}>{entry.target ?? ""}</td>
              <td>{entry.outcome}</td>
              <td className={styles.json}>{entry.before ?? ""}</td>
              <td className={styles.json}>{entry.after ?? ""}</td>
              <td>
                <UndoCell entry={entry} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav className={styles.pager} aria-label="Pages">
        {page > 1 ? <Link href={`/admin/audit?page=${page - 1}`}>Newer</Link> : null}
        {page < pageCount ? <Link href={`/admin/audit?page=${page + 1}`}>Older</Link> : null}
      </nav>
    </section>
  );
}
