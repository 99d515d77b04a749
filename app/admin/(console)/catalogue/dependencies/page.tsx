import type { Metadata } from "next";
import { connection } from "next/server";
import { ActionForm } from "@/components/admin/action-form";
import { TableScroll } from "@/components/admin/table-scroll";
import { requireOrganiser } from "@/lib/auth/guard";
import { listBulkAddSuggestions, listDependenciesForAdmin } from "@/lib/db/admin-dependencies";
import { getDatabase } from "@/lib/db/client";
import { setDependencyOriginAction } from "./actions";
import { BulkAddForm } from "./bulk-add-form";
import styles from "../../../admin.module.css";

export const metadata: Metadata = { title: "Dependency list" };

const DECIDED_BY: Record<string, string> = {
  list: "the bundled list",
  auto: "naming rules",
  organiser: "an organiser",
};

type AdminDependency = Awaited<ReturnType<typeof listDependenciesForAdmin>>[number];

function DependencyTable({ rows, origin }: { rows: AdminDependency[]; origin: "openstack" | "external" }) {
  const other = origin === "openstack" ? "external" : "openstack";
  return (
    <TableScroll
      label={`${origin === "openstack" ? "OpenStack’s own packages" : "External packages"} (scrolls sideways)`}
    >
      <table className={styles.table} data-testid={`dependencies-${origin}`}>
        <thead>
          <tr>
            <th>Package</th>
            <th>Section</th>
            <th>Decided by</th>
            {origin === "external" ? <th>Catalogue project</th> : null}
            <th>Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((dep) => (
            <tr key={dep.id} data-package={dep.package}>
              <td>{dep.package}</td>
              <td>{dep.section}</td>
              <td>{DECIDED_BY[dep.originSource] ?? dep.originSource}</td>
              {origin === "external" ? (
                <td>{dep.project?.name ?? <span className="muted">not in the survey yet</span>}</td>
              ) : null}
              <td>
                <ActionForm
                  action={setDependencyOriginAction}
                  submitLabel={other === "openstack" ? "Mark OpenStack's own" : "Mark external"}
                  label={`Change the origin of ${dep.package}`}
                >
                  <input type="hidden" name="dependencyId" value={dep.id} />
                  <input type="hidden" name="origin" value={other} />
                </ActionForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export default async function DependencyListPage() {
  await connection();
  await requireOrganiser("admin", "catalogue");
  const { db } = getDatabase();
  const [deps, bulkAdd] = await Promise.all([listDependenciesForAdmin(db), listBulkAddSuggestions(db)]);
  const own = deps.filter((d) => d.origin === "openstack");
  const external = deps.filter((d) => d.origin === "external");
  return (
    <section>
      <h1>Dependency list</h1>
      <p className="muted">
        The current list ({deps.length} packages), loaded with <code>npm run deps:load</code>. OpenStack’s own packages
        are recognised from the teams’ deliverables and naming rules; mark any package otherwise here. Your decision is
        kept through every later load and recorded in the audit log.{" "}
        <a href="/admin/catalogue">Back to the catalogue</a>
      </p>
      <h2>Not in the survey yet ({bulkAdd.suggestions.length})</h2>
      <p className="muted">
        External dependencies no catalogue project covers, so respondents cannot name them. Review the suggested name,
        category and aliases (the package name, its other spellings and its python- form), untick what should stay out,
        then add them in one step: the projects are offered in the open and draft rounds and every later round, and the
        change is recorded in the audit log.
      </p>
      <BulkAddForm {...bulkAdd} />
      <h2>External dependencies ({external.length})</h2>
      <details open>
        <summary>The external packages</summary>
        <DependencyTable rows={external} origin="external" />
      </details>
      <h2>OpenStack’s own ({own.length})</h2>
      <details>
        <summary>OpenStack’s own packages</summary>
        <DependencyTable rows={own} origin="openstack" />
      </details>
    </section>
  );
}
