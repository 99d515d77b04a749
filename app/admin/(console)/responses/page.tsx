import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { TableScroll } from "@/components/admin/table-scroll";
import { requireOrganiser } from "@/lib/auth/guard";
import { listResponseFilterOptions, listResponses } from "@/lib/db/admin-responses";
import { getDatabase } from "@/lib/db/client";
import { dayRange, parseSearch, responseSearchSchema, toSearchQuery } from "@/lib/survey/admin-search";
import styles from "../../admin.module.css";

export const metadata: Metadata = { title: "Responses" };

export default async function ResponsesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  await requireOrganiser("analyst", "responses");
  const params = await searchParams;
  const { value: search, problem } = parseSearch(responseSearchSchema, params);
  const filter = { roundId: search.round, teamId: search.team, projectId: search.project, createdAt: dayRange(search.from, search.to) };
  const db = getDatabase().db;
  const [options, list] = await Promise.all([listResponseFilterOptions(db), listResponses(db, { ...filter, page: search.page })]);
  const pageLink = (page: number) => `/admin/responses?${toSearchQuery({ ...search, page })}`;
  return (
    <section>
      <h1>Responses</h1>
      {params.deleted ? <p role="status" className={styles.ok}>The response was deleted.</p> : null}
      <form method="get" className={styles.inline} aria-label="Filter responses">
        <label>
          Round
          <select name="round" defaultValue={search.round ?? ""}>
            <option value="">all</option>
            {options.rounds.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Team
          <select name="team" defaultValue={search.team ?? ""}>
            <option value="">all</option>
            {options.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Project
          <select name="project" defaultValue={search.project ?? ""}>
            <option value="">all</option>
            {options.projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Submitted from (UTC day) <input type="date" name="from" defaultValue={search.from ?? ""} />
        </label>
        <label>
          to (UTC day, included) <input type="date" name="to" defaultValue={search.to ?? ""} />
        </label>
        <button type="submit">Filter</button>
      </form>
      {problem ? (
        <p role="alert" className="error">
          {problem}; that filter was left out.
        </p>
      ) : null}
      <p>
        {list.total} responses; page {list.page} of {list.pageCount}.
      </p>
      <TableScroll label="Responses (scrolls sideways)">
        <table className={styles.table}>
          <thead>
            <tr>
              <th>Submitted (UTC)</th>
              <th>Round</th>
              <th>Source</th>
              <th>Projects</th>
              <th>Teams</th>
              <th>Free text</th>
              <th>Counted</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((row) => (
              <tr key={row.publicId}>
                <td>
                  <Link href={`/admin/responses/${row.publicId}`}>{row.createdAt.toISOString().slice(0, 16).replace("T", " ")}</Link>
                </td>
                <td>{row.round.slug}</td>
                <td>{row.source}</td>
                <td>{row.projectCount}</td>
                <td>{row._count.teams}</td>
                <td>{row._count.others}</td>
                {/* Stored before the completeness rule and breaking it: kept, but no figure counts it. */}
                <td>{row.isComplete ? "yes" : <strong>no: incomplete</strong>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <nav className={styles.pager} aria-label="Pages">
        {list.page > 1 ? <Link href={pageLink(list.page - 1)}>Previous page</Link> : null}
        {list.page < list.pageCount ? <Link href={pageLink(list.page + 1)}>Next page</Link> : null}
      </nav>
    </section>
  );
}
