import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { requireOrganiser } from "@/lib/auth/guard";
import { listAuditFilterOptions, searchAuditEntries } from "@/lib/db/admin-search";
import { getDatabase } from "@/lib/db/client";
import { UndoCell } from "@/components/admin/undo-cell";
import { TableScroll } from "@/components/admin/table-scroll";
import { auditSearchSchema, NO_ORGANISER, parseSearch, toSearchQuery } from "@/lib/survey/admin-search";
import styles from "../../admin.module.css";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  await requireOrganiser("admin", "audit");
  const { value: search, problem } = parseSearch(auditSearchSchema, await searchParams);
  const db = getDatabase().db;
  const [options, { entries, page, pageCount, total }] = await Promise.all([listAuditFilterOptions(db), searchAuditEntries(db, search)]);
  const filters = { organiser: search.organiser, action: search.action };
  const pageLink = (n: number) => `/admin/audit?${toSearchQuery({ ...filters, page: n })}`;
  const exportQuery = toSearchQuery(filters);
  return (
    <section>
      <h1>Audit log</h1>
      <form method="get" className={styles.inline} aria-label="Filter the audit log">
        <label>
          Organiser
          <select name="organiser" defaultValue={search.organiser ?? ""}>
            <option value="">all</option>
            <option value={NO_ORGANISER}>none (schedule, unknown sign-ins)</option>
            {options.organisers.map((o) => (
              <option key={o.id} value={o.id}>
                {o.email}
              </option>
            ))}
          </select>
        </label>
        <label>
          Action
          <select name="action" defaultValue={search.action ?? ""}>
            <option value="">all</option>
            {options.actions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      {problem ? (
        <p role="alert" className="error">
          {problem}; that filter was left out.
        </p>
      ) : null}
      <p>
        {total} entries; page {page} of {pageCount}.{" "}
        <a href={`/api/export/audit.csv${exportQuery ? `?${exportQuery}` : ""}`} download>
          Download these entries as CSV
        </a>
      </p>
      <TableScroll label="Audit entries (scrolls sideways)">
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
      </TableScroll>
      <nav className={styles.pager} aria-label="Pages">
        {page > 1 ? <Link href={pageLink(page - 1)}>Newer</Link> : null}
        {page < pageCount ? <Link href={pageLink(page + 1)}>Older</Link> : null}
      </nav>
    </section>
  );
}
