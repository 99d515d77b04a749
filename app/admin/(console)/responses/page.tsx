import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { requireOrganiser } from "@/lib/auth/guard";
import { listResponseFilterOptions, listResponses } from "@/lib/db/admin-responses";
import { getDatabase } from "@/lib/db/client";
import styles from "../../admin.module.css";

export const metadata: Metadata = { title: "Responses" };

const toId = (value: string | string[] | undefined) => {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

export default async function ResponsesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  await requireOrganiser("analyst", "responses");
  const params = await searchParams;
  const filter = { roundId: toId(params.round), teamId: toId(params.team), projectId: toId(params.project) };
  const db = getDatabase().db;
  const [options, list] = await Promise.all([listResponseFilterOptions(db), listResponses(db, { ...filter, page: toId(params.page) })]);
  const pageLink = (page: number) => {
    const query = new URLSearchParams();
    if (filter.roundId) query.set("round", String(filter.roundId));
    if (filter.teamId) query.set("team", String(filter.teamId));
    if (filter.projectId) query.set("project", String(filter.projectId));
    query.set("page", String(page));
    return `/admin/responses?${query}`;
  };
  return (
    <section>
      <h1>Responses</h1>
      {params.deleted ? <p role="status" className={styles.ok}>The response was deleted.</p> : null}
      <form method="get" className={styles.inline} aria-label="Filter responses">
        <label>
          Round
          <select name="round" defaultValue={filter.roundId ?? ""}>
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
          <select name="team" defaultValue={filter.teamId ?? ""}>
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
          <select name="project" defaultValue={filter.projectId ?? ""}>
            <option value="">all</option>
            {options.projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      <p>
        {list.total} responses; page {list.page} of {list.pageCount}.
      </p>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Submitted</th>
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
      <nav className={styles.pager} aria-label="Pages">
        {list.page > 1 ? <Link href={pageLink(list.page - 1)}>Previous page</Link> : null}
        {list.page < list.pageCount ? <Link href={pageLink(list.page + 1)}>Next page</Link> : null}
      </nav>
    </section>
  );
}
