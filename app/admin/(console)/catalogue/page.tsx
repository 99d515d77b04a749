import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ActionForm } from "@/components/admin/action-form";
import { CategorySelect } from "@/components/admin/category-select";
import { CatalogueSearch } from "@/components/admin/catalogue-search";
import { Pager } from "@/components/admin/search-filters";
import { TableScroll } from "@/components/admin/table-scroll";
import { requireOrganiser } from "@/lib/auth/guard";
import { listCatalogueRows } from "@/lib/db/admin-catalogue";
import { getDatabase } from "@/lib/db/client";
import { catalogueListQuerySchema, filterCatalogue } from "@/lib/survey/catalogue-list";
import { addCategoryAction, addProjectAction, renameCategoryAction } from "../actions";
import styles from "../../admin.module.css";

export const metadata: Metadata = { title: "Catalogue" };

// The list stays light (a page of rows, no forms per project): each project's editing is on its own page.
export default async function CataloguePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  await requireOrganiser("admin", "catalogue");
  const query = catalogueListQuerySchema.parse(await searchParams);
  const { categories, projects } = await listCatalogueRows(getDatabase().db);
  const list = filterCatalogue(projects, query);
  const pageHref = (page: number) => {
    const params = new URLSearchParams(Object.entries({ q: query.q, category: query.category, status: query.status }).filter(([, v]) => v));
    if (page > 1) params.set("page", String(page));
    const text = params.toString();
    return `/admin/catalogue${text ? `?${text}` : ""}`;
  };
  return (
    <section>
      <h1>Project catalogue</h1>
      <p>
        <a href="/admin/catalogue/dependencies">Dependency list: OpenStack’s own or external, and adding uncatalogued dependencies</a>
      </p>
      <CatalogueSearch q={query.q} category={query.category} status={query.status} categories={categories} />
      <p role="status" aria-live="polite">
        {list.total} of {projects.length} projects
        {list.pageCount > 1 ? ` · page ${list.page} of ${list.pageCount}` : ""}
      </p>
      <TableScroll label="Projects (scrolls sideways)">
        <table className={styles.table}>
          <thead>
            <tr>
              <th>Project</th>
              <th>Category</th>
              <th>Status</th>
              <th>Answers</th>
              <th>Aliases</th>
            </tr>
          </thead>
          <tbody>
            {list.projects.map((project) => (
              <tr key={project.id} data-project={project.slug}>
                <td>
                  <Link href={`/admin/catalogue/projects/${project.slug}`}>{project.name}</Link>
                </td>
                <td>{project.category.name}</td>
                <td>{project.status}</td>
                <td>{project.answers}</td>
                <td className="muted">{project.aliases.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {list.pageCount > 1 ? (
        <Pager page={list.page} pageCount={list.pageCount} href={pageHref} previousLabel="Previous" nextLabel="Next" />
      ) : null}
      <h2>Add</h2>
      <ActionForm action={addProjectAction} submitLabel="Add project" label="Add project">
        <label>
          Name <input name="name" required />
        </label>
        <label>
          Category{" "}
          <CategorySelect categories={categories} />
        </label>
      </ActionForm>
      <br />
      <ActionForm action={addCategoryAction} submitLabel="Add category" label="Add category">
        <label>
          Category name <input name="name" required />
        </label>
      </ActionForm>
      <details>
        <summary>Rename a category</summary>
        {categories.map((category) => (
          <ActionForm key={category.id} action={renameCategoryAction} submitLabel="Rename" label={`Rename category ${category.name}`}>
            <input type="hidden" name="categoryId" value={category.id} />
            <input name="name" defaultValue={category.name} aria-label={`New name for ${category.name}`} required />
          </ActionForm>
        ))}
      </details>
    </section>
  );
}
