import type { Metadata } from "next";
import { connection } from "next/server";
import { ActionForm } from "@/components/admin/action-form";
import { CategorySelect } from "@/components/admin/category-select";
import { ProjectSelect } from "@/components/admin/project-select";
import { TableScroll } from "@/components/admin/table-scroll";
import { requireOrganiser } from "@/lib/auth/guard";
import { listCatalogueRows } from "@/lib/db/admin-catalogue";
import { listTriageClusters } from "@/lib/db/admin-triage";
import { getDatabase } from "@/lib/db/client";
import { mapOtherGroupAction, promoteOtherGroupAction } from "../actions";
import styles from "../../admin.module.css";

export const metadata: Metadata = { title: "Free-text triage" };

const MAP_FORM = "map-ticked";

// One project select for the page (texts are ticked into it), so the page stays light with hundreds of projects.
export default async function OtherTriagePage() {
  await connection();
  await requireOrganiser("admin", "other");
  const db = getDatabase().db;
  const [clusters, { categories, projects }] = await Promise.all([listTriageClusters(db), listCatalogueRows(db)]);
  const active = projects.filter((p) => p.status === "active");
  const suggested = [...new Map(clusters.flatMap((c) => c.groups.flatMap((g) => g.suggestions)).map((s) => [s.projectId, s])).values()];
  return (
    <section>
      <h1>Free-text triage</h1>
      <p className="muted">
        “Other” entries that matched no catalogue entry, grouped by their normalised text; texts that are probably the same (one typo apart, or
        alike without a path or a python- prefix) are shown together. Suggestions come from the matcher the form and the import use. Mapping or
        promoting re-codes every response that typed the text and keeps it as an alias; the audit log can undo it.
      </p>
      {clusters.length === 0 ? <p>Nothing left to triage.</p> : null}
      {clusters.length > 0 ? (
        <ActionForm id={MAP_FORM} action={mapOtherGroupAction} submitLabel="Map ticked texts" label="Map ticked texts">
          <span>Tick texts below, then map them all to</span>
          <ProjectSelect projects={active} suggested={suggested} label="Project for the ticked texts" />
        </ActionForm>
      ) : null}
      <TableScroll label="Texts to triage (scrolls sideways)">
        <table className={styles.table}>
          <thead>
            <tr>
              <th>Map</th>
              <th>Text</th>
              <th>Entries</th>
              <th>Suggestions</th>
              <th>Or add to the catalogue</th>
            </tr>
          </thead>
          {clusters.map((cluster) => {
            const texts = cluster.groups.map((g) => g.normalizedText);
            const alike = cluster.groups.length > 1;
            const shared = [...new Map(cluster.groups.flatMap((g) => g.suggestions).map((s) => [s.projectId, s])).values()];
            return (
              <tbody key={texts[0]} className={alike ? styles.cluster : undefined}>
                {alike ? (
                  <tr>
                    <td colSpan={5}>
                      <strong>
                        {cluster.groups.length} alike texts, {cluster.count} entries
                      </strong>{" "}
                      {shared.map((s) => (
                        <ActionForm key={s.projectId} action={mapOtherGroupAction} submitLabel={`Map all ${cluster.groups.length} to ${s.name}`} label={`Map alike texts ${cluster.groups[0]?.examples[0] ?? ""} to ${s.name}`}>
                          {texts.map((text) => (
                            <input key={text} type="hidden" name="normalizedTexts" value={text} />
                          ))}
                          <input type="hidden" name="projectId" value={s.projectId} />
                        </ActionForm>
                      ))}
                    </td>
                  </tr>
                ) : null}
                {cluster.groups.map((group) => {
                  const name = group.examples[0] ?? group.normalizedText;
                  return (
                    <tr key={group.normalizedText} data-group={group.normalizedText}>
                      <td>
                        <input type="checkbox" form={MAP_FORM} name="normalizedTexts" value={group.normalizedText} aria-label={`Tick ${name}`} />
                      </td>
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
                        <ActionForm action={promoteOtherGroupAction} submitLabel="Add project" label={`Promote ${name}`}>
                          <input type="hidden" name="normalizedText" value={group.normalizedText} />
                          <input name="name" aria-label="Project name" defaultValue={group.examples[0] ?? ""} size={16} required />
                          <CategorySelect categories={categories} label="Category" />
                        </ActionForm>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            );
          })}
        </table>
      </TableScroll>
    </section>
  );
}
