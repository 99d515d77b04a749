import type { Metadata } from "next";
import { connection } from "next/server";
import { ActionForm } from "@/components/admin/action-form";
import { requireOrganiser } from "@/lib/auth/guard";
import { listCatalogue } from "@/lib/db/admin-catalogue";
import { getDatabase } from "@/lib/db/client";
import {
  addAliasAction,
  addCategoryAction,
  addProjectAction,
  mergeProjectsAction,
  recategoriseProjectAction,
  removeAliasAction,
  renameCategoryAction,
  renameProjectAction,
  retireProjectAction,
  unretireProjectAction,
} from "../actions";
import styles from "../../admin.module.css";

export const metadata: Metadata = { title: "Catalogue" };

export default async function CataloguePage() {
  await connection();
  await requireOrganiser("admin", "catalogue");
  const { categories, projects } = await listCatalogue(getDatabase().db);
  const live = projects.filter((p) => p.status !== "merged");
  const categoryOptions = categories.map((c) => (
    <option key={c.id} value={c.id}>
      {c.name}
    </option>
  ));
  return (
    <section>
      <h1>Project catalogue</h1>
      <p>
        <a href="/admin/catalogue/dependencies">Dependency list: OpenStack’s own or external, and adding uncatalogued dependencies</a>
      </p>
      <h2>Add</h2>
      <ActionForm action={addProjectAction} submitLabel="Add project" label="Add project">
        <label>
          Name <input name="name" required />
        </label>
        <label>
          Category <select name="categoryId">{categoryOptions}</select>
        </label>
      </ActionForm>
      <br />
      <ActionForm action={addCategoryAction} submitLabel="Add category" label="Add category">
        <label>
          Category name <input name="name" required />
        </label>
      </ActionForm>
      <h2>Merge</h2>
      <p className="muted">
        Every answer, free-text match and round offer of the first project moves to the second; its slug and names keep
        resolving to the second.
      </p>
      <ActionForm action={mergeProjectsAction} submitLabel="Merge" label="Merge projects" isDangerous>
        <label>
          Merge{" "}
          <select name="fromProjectId">
            {live.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          into{" "}
          <select name="intoProjectId">
            {live.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      </ActionForm>
      {categories.map((category) => (
        <section key={category.id} aria-labelledby={`category-${category.id}`}>
          <h2 id={`category-${category.id}`}>{category.name}</h2>
          <ActionForm action={renameCategoryAction} submitLabel="Rename category" label={`Rename category ${category.name}`}>
            <input type="hidden" name="categoryId" value={category.id} />
            <input name="name" defaultValue={category.name} aria-label="New category name" required />
          </ActionForm>
          <table className={styles.table}>
            <thead>
              <tr>
                <th>Project</th>
                <th>Status</th>
                <th>Answers</th>
                <th>Aliases</th>
                <th>Change</th>
              </tr>
            </thead>
            <tbody>
              {projects
                .filter((p) => p.categoryId === category.id)
                .map((project) => (
                  <tr key={project.id} data-project={project.slug}>
                    <td>
                      {project.name} <span className="muted">({project.slug})</span>
                    </td>
                    <td>
                      <span className={styles.status}>
                        {project.status}
                        {project.mergedInto ? ` into ${project.mergedInto.name}` : ""}
                      </span>
                    </td>
                    <td>{project._count.selections}</td>
                    <td>
                      {project.aliases.map((alias) => (
                        <div key={alias.id}>
                          {project.status === "merged" ? (
                            alias.alias
                          ) : (
                            <ActionForm action={removeAliasAction} submitLabel="×" label={`Remove alias ${alias.alias}`}>
                              {alias.alias}
                              <input type="hidden" name="aliasId" value={alias.id} />
                            </ActionForm>
                          )}
                        </div>
                      ))}
                      {project.status !== "merged" ? (
                        <ActionForm action={addAliasAction} submitLabel="Add alias" label={`Add alias to ${project.name}`}>
                          <input type="hidden" name="projectId" value={project.id} />
                          <input name="alias" aria-label="New alias" size={12} required />
                        </ActionForm>
                      ) : null}
                    </td>
                    <td>
                      {project.status !== "merged" ? (
                        <>
                          <ActionForm action={renameProjectAction} submitLabel="Rename" label={`Rename ${project.name}`}>
                            <input type="hidden" name="projectId" value={project.id} />
                            <input name="name" defaultValue={project.name} aria-label="New name" size={16} required />
                          </ActionForm>
                          <ActionForm action={recategoriseProjectAction} submitLabel="Move" label={`Move ${project.name}`}>
                            <input type="hidden" name="projectId" value={project.id} />
                            <select name="categoryId" defaultValue={project.categoryId} aria-label="New category">
                              {categoryOptions}
                            </select>
                          </ActionForm>
                          <ActionForm
                            action={project.status === "retired" ? unretireProjectAction : retireProjectAction}
                            submitLabel={project.status === "retired" ? "Un-retire" : "Retire"}
                            label={`${project.status === "retired" ? "Un-retire" : "Retire"} ${project.name}`}
                            isDangerous={project.status !== "retired"}
                          >
                            <input type="hidden" name="projectId" value={project.id} />
                          </ActionForm>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}
    </section>
  );
}
