import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ActionForm } from "@/components/admin/action-form";
import { CategorySelect } from "@/components/admin/category-select";
import { MergeForm } from "@/components/admin/merge-form";
import { requireOrganiser } from "@/lib/auth/guard";
import { getCatalogueProject, listCatalogueRows } from "@/lib/db/admin-catalogue";
import { getDatabase } from "@/lib/db/client";
import {
  addAliasAction,
  mergeProjectsAction,
  previewMergeAction,
  recategoriseProjectAction,
  removeAliasAction,
  renameProjectAction,
  retireProjectAction,
  unretireProjectAction,
} from "../../../actions";
import styles from "../../../../admin.module.css";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  return { title: `Catalogue: ${(await params).slug}` };
}

// One project's editing: rename, move, aliases, retire, merge. Every select that re-codes answers starts empty.
export default async function CatalogueProjectPage({ params }: { params: Promise<{ slug: string }> }) {
  await connection();
  await requireOrganiser("admin", "catalogue");
  const db = getDatabase().db;
  const [project, { categories, projects }] = await Promise.all([getCatalogueProject(db, (await params).slug), listCatalogueRows(db)]);
  if (!project) notFound();
  const isMerged = project.status === "merged";
  return (
    <section>
      <p>
        <Link href="/admin/catalogue">← Catalogue</Link>
      </p>
      <h1>{project.name}</h1>
      <dl className={styles.facts}>
        <dt>Slug</dt>
        <dd>{project.slug}</dd>
        <dt>Category</dt>
        <dd>{project.category.name}</dd>
        <dt>Status</dt>
        <dd>
          {project.status}
          {project.mergedInto ? (
            <>
              {" "}
              into <Link href={`/admin/catalogue/projects/${project.mergedInto.slug}`}>{project.mergedInto.name}</Link> (the <Link href="/admin/audit">audit log</Link> can undo it)
            </>
          ) : null}
        </dd>
        <dt>Answers</dt>
        <dd>{project._count.selections}</dd>
        <dt>Free-text entries matched</dt>
        <dd>{project._count.otherEntries}</dd>
      </dl>

      <h2>Aliases</h2>
      <p className="muted">Other names typed text matches to this project.</p>
      {project.aliases.length === 0 ? <p>None.</p> : null}
      <ul className={styles.aliases}>
        {project.aliases.map((alias) => (
          <li key={alias.id} data-alias={alias.alias}>
            {isMerged ? (
              alias.alias
            ) : (
              <ActionForm action={removeAliasAction} submitLabel="Remove" label={`Remove alias ${alias.alias}`} isDangerous>
                {alias.alias}
                <input type="hidden" name="aliasId" value={alias.id} />
              </ActionForm>
            )}
          </li>
        ))}
      </ul>
      {isMerged ? null : (
        <>
          <ActionForm action={addAliasAction} submitLabel="Add alias" label={`Add alias to ${project.name}`}>
            <input type="hidden" name="projectId" value={project.id} />
            <label>
              New alias <input name="alias" required />
            </label>
          </ActionForm>

          <h2>Rename</h2>
          <p className="muted">The slug stays, and the old name becomes an alias.</p>
          <ActionForm action={renameProjectAction} submitLabel="Rename" label={`Rename ${project.name}`}>
            <input type="hidden" name="projectId" value={project.id} />
            <label>
              New name <input name="name" defaultValue={project.name} required />
            </label>
          </ActionForm>

          <h2>Move to another category</h2>
          <ActionForm action={recategoriseProjectAction} submitLabel="Move" label={`Move ${project.name}`}>
            <input type="hidden" name="projectId" value={project.id} />
            <label>
              Category{" "}
              <CategorySelect categories={categories.filter((c) => c.id !== project.categoryId)} />
            </label>
          </ActionForm>

          <h2>{project.status === "retired" ? "Bring back" : "Retire"}</h2>
          <p className="muted">A retired project is not offered by rounds created later, and typed text no longer matches it.</p>
          <ActionForm
            action={project.status === "retired" ? unretireProjectAction : retireProjectAction}
            submitLabel={project.status === "retired" ? "Un-retire" : "Retire"}
            label={`${project.status === "retired" ? "Un-retire" : "Retire"} ${project.name}`}
            isDangerous={project.status !== "retired"}
          >
            <input type="hidden" name="projectId" value={project.id} />
          </ActionForm>

          <h2>Merge into another project</h2>
          <p className="muted">
            Every answer, free-text match and round offer moves to the other project; this one’s slug and names keep resolving to it. You see what
            would move before confirming, and the audit log can undo it.
          </p>
          <MergeForm preview={previewMergeAction} merge={mergeProjectsAction} fromProjectId={project.id} fromName={project.name}>
            <label>
              Merge into{" "}
              <select name="intoProjectId" required defaultValue="">
                <option value="" disabled>
                  Choose a project…
                </option>
                {projects
                  .filter((p) => p.id !== project.id && p.status !== "merged")
                  .map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
              </select>
            </label>
          </MergeForm>
        </>
      )}
    </section>
  );
}
