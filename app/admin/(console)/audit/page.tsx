import type { Metadata } from "next";
import { connection } from "next/server";
import { requireOrganiser } from "@/lib/auth/guard";
import { listAuditFilterOptions, searchAuditEntries } from "@/lib/db/admin-search";
import { getDatabase } from "@/lib/db/client";
import { FilterProblem, FilterSelect, Pager } from "@/components/admin/search-filters";
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
        <FilterSelect
          label="Organiser"
          name="organiser"
          defaultValue={search.organiser ?? ""}
          options={[
            { value: NO_ORGANISER, label: "none (schedule, unknown sign-ins)" },
            ...options.organisers.map((o) => ({ value: o.id, label: o.email })),
          ]}
        />
        <FilterSelect
          label="Action"
          name="action"
          defaultValue={search.action ?? ""}
          options={options.actions.map((action) => ({ value: action, label: action }))}
        />
        <button type="submit">Filter</button>
      </form>
      <FilterProblem problem={problem} />
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
      <Pager page={page} pageCount={pageCount} href={pageLink} previousLabel="Newer" nextLabel="Older" />
    </section>
  );
}
