import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ActionForm } from "@/components/admin/action-form";
import { requireOrganiser } from "@/lib/auth/guard";
import { getResponseForOrganiser } from "@/lib/db/admin-responses";
import { getDatabase } from "@/lib/db/client";
import { deleteResponseAction } from "../../actions";
import styles from "../../../admin.module.css";

export const metadata: Metadata = { title: "Response" };

const kinds = (row: { kindCode: boolean; kindReview: boolean; kindBugs: boolean; kindDocs: boolean; kindMaintainer: boolean }) =>
  [row.kindCode && "code", row.kindReview && "review", row.kindBugs && "bugs", row.kindDocs && "docs", row.kindMaintainer && "maintainer"]
    .filter(Boolean)
    .join(", ") || "—";

export default async function ResponsePage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const organiser = await requireOrganiser("analyst", "response");
  const { id } = await params;
  const response = await getResponseForOrganiser(getDatabase().db, id);
  if (!response) notFound();
  return (
    <section>
      <p>
        <Link href="/admin/responses">All responses</Link>
      </p>
      <h1>Response {response.publicId}</h1>
      {!response.isComplete && (
        <p role="note">
          <strong>Incomplete:</strong> this answer names no team (nor “not an OpenStack contributor”), or no project,
          free text or “nothing outside OpenStack”. It was stored before answers had to be complete; it is kept, but
          no figure in the results counts it.
        </p>
      )}
      <dl>
        <dt>Round</dt>
        <dd>
          {response.round.title} ({response.round.status})
        </dd>
        <dt>Submitted / last changed</dt>
        <dd>
          {response.createdAt.toISOString()} / {response.updatedAt.toISOString()}
        </dd>
        <dt>Source</dt>
        <dd>{response.source}</dd>
        <dt>Teams</dt>
        <dd>{response.notOpenStackContributor ? "not an OpenStack contributor" : response.teams.map((t) => t.team.name).join(", ") || "—"}</dd>
        <dt>Nothing outside OpenStack</dt>
        <dd>{response.nothingOutsideOpenStack ? "yes" : "no"}</dd>
        <dt>Years contributing</dt>
        <dd>{response.yearsContributing ?? "—"}</dd>
        <dt>Employer pays</dt>
        <dd>{response.employerPaid ?? "—"}</dd>
        <dt>Comment</dt>
        <dd>{response.comment ?? "—"}</dd>
      </dl>
      <h2>Projects ({response.projectCount})</h2>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Project</th>
            <th>Kinds</th>
            <th>Frequency</th>
          </tr>
        </thead>
        <tbody>
          {response.projects.map((p) => (
            <tr key={p.projectId}>
              <td>{p.project.name}</td>
              <td>{kinds(p)}</td>
              <td>{p.frequency}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Free text</h2>
      <ul>
        {response.others.map((o) => (
          <li key={o.id}>
            “{o.rawText}” → {o.project ? o.project.name : <em>unmatched</em>}
          </li>
        ))}
      </ul>
      {organiser.role === "admin" ? (
        <ActionForm action={deleteResponseAction} submitLabel="Delete this response" label="Delete response" isDangerous>
          <input type="hidden" name="responseId" value={response.publicId} />
        </ActionForm>
      ) : null}
    </section>
  );
}
