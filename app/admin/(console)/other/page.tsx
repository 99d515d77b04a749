import type { Metadata } from "next";
import { connection } from "next/server";
import { ActionForm } from "@/components/admin/action-form";
import { ProjectSelect } from "@/components/admin/project-select";
import { requireOrganiser } from "@/lib/auth/guard";
import { listCatalogueRows } from "@/lib/db/admin-catalogue";
import { listTriageClusters } from "@/lib/db/admin-triage";
import { getDatabase } from "@/lib/db/client";
import { mapOtherGroupAction, promoteOtherGroupAction } from "../actions";
import styles from "../../admin.module.css";

export const metadata: Metadata = { title: "Free-text triage" };

export default async function OtherTriagePage() {
  await connection();
  await requireOrganiser("admin", "other");
  const db = getDatabase().db;
  const [clusters, { categories, projects }] = await Promise.all([listTriageClusters(db), listCatalogueRows(db)]);
  const active = projects.filter((p) => p.status === "active");
  return (
    <section>
      <h1>Free-text triage</h1>
      <p className="muted">
        “Other” entries that matched no catalogue entry, grouped by their normalised text; texts that are probably the same (one typo apart, or
        alike without a path or a python- prefix) are shown together and can be mapped at once. Suggestions come from the matcher the form and the
        import use. Mapping or promoting re-codes every response that typed the text and keeps it as an alias; the audit log can undo it.
      </p>
      {clusters.length === 0 ? <p>Nothing left to triage.</p> : null}
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Text</th>
            <th>Entries</th>
            <th>Suggestions</th>
            <th>Map to an existing project</th>
            <th>Or add to the catalogue</th>
          </tr>
        </thead>
        {clusters.map((cluster) => {
          const first = cluster.groups[0];
          const suggested = [...new Map(cluster.groups.flatMap((g) => g.suggestions).map((s) => [s.projectId, s])).values()];
          return (
            <tbody key={first?.normalizedText} className={cluster.groups.length > 1 ? styles.cluster : undefined}>
              {cluster.groups.length > 1 ? (
                <tr>
                  <td colSpan={5}>
                    <ActionForm action={mapOtherGroupAction} submitLabel="Map together" label={`Map alike texts ${first?.examples[0] ?? ""}`}>
                      <fieldset>
                        <legend>
                          {cluster.groups.length} alike texts, {cluster.count} entries
                        </legend>
                        {cluster.groups.map((g) => (
                          <label key={g.normalizedText}>
                            <input type="checkbox" name="normalizedTexts" value={g.normalizedText} defaultChecked /> “{g.examples[0]}” ({g.count})
                          </label>
                        ))}
                      </fieldset>
                      <ProjectSelect projects={active} suggested={suggested} label="Project for the ticked texts" />
                    </ActionForm>
                  </td>
                </tr>
              ) : null}
              {cluster.groups.map((group) => {
                const name = group.examples[0] ?? group.normalizedText;
                return (
                  <tr key={group.normalizedText} data-group={group.normalizedText}>
                    <td>
                      {group.examples.map((example) => (
                        <div key={example}>“{example}”</div>
                      ))}
                    </td>
                    <td>{group.count}</td>
                    <td>
                      {group.suggestions.length === 0 ? <span className="muted">none</span> : null}
                      {group.suggestions.map((s) => (
                        <ActionForm key={s.projectId} action={mapOtherGroupAction} submitLabel={`Map to ${s.name}`} label={`Map ${name} to ${s.name}`}>
                          <input type="hidden" name="normalizedTexts" value={group.normalizedText} />
                          <input type="hidden" name="projectId" value={s.projectId} />
                          <span className="muted">{s.reason}</span>
                        </ActionForm>
                      ))}
                    </td>
                    <td>
                      <ActionForm action={mapOtherGroupAction} submitLabel="Map" label={`Map ${name}`}>
                        <input type="hidden" name="normalizedTexts" value={group.normalizedText} />
                        <ProjectSelect projects={active} suggested={group.suggestions} />
                      </ActionForm>
                    </td>
                    <td>
                      <ActionForm action={promoteOtherGroupAction} submitLabel="Add project" label={`Promote ${name}`}>
                        <input type="hidden" name="normalizedText" value={group.normalizedText} />
                        <input name="name" aria-label="Project name" defaultValue={group.examples[0] ?? ""} size={16} required />
                        <select name="categoryId" aria-label="Category" required defaultValue="">
                          <option value="" disabled>
                            Choose a category…
                          </option>
                          {categories.map((c) => (
                            <option key={c.id} value={c.id}>
                              {c.name}
                            </option>
                          ))}
                        </select>
                      </ActionForm>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          );
        })}
      </table>
    </section>
  );
}
