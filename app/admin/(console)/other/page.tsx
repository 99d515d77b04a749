import type { Metadata } from "next";
import { connection } from "next/server";
import { ActionForm } from "@/components/admin/action-form";
import { requireOrganiser } from "@/lib/auth/guard";
import { listCatalogue } from "@/lib/db/admin-catalogue";
import { listUnmatchedOtherGroups } from "@/lib/db/admin-triage";
import { getDatabase } from "@/lib/db/client";
import { mapOtherGroupAction, promoteOtherGroupAction } from "../actions";
import styles from "../../admin.module.css";

export const metadata: Metadata = { title: "Free-text triage" };

export default async function OtherTriagePage() {
  await connection();
  await requireOrganiser("admin", "other");
  const db = getDatabase().db;
  const [groups, { categories, projects }] = await Promise.all([listUnmatchedOtherGroups(db), listCatalogue(db)]);
  const active = projects.filter((p) => p.status === "active");
  return (
    <section>
      <h1>Free-text triage</h1>
      <p className="muted">
        “Other” entries that matched no catalogue entry, grouped by their normalised text. Mapping or promoting a group
        re-codes every response that typed it and keeps the text as an alias, so later answers match at once.
      </p>
      {groups.length === 0 ? <p>Nothing left to triage.</p> : null}
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Text</th>
            <th>Entries</th>
            <th>Map to an existing project</th>
            <th>Or add to the catalogue</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.normalizedText} data-group={group.normalizedText}>
              <td>
                {group.examples.map((example) => (
                  <div key={example}>“{example}”</div>
                ))}
              </td>
              <td>{group.count}</td>
              <td>
                <ActionForm action={mapOtherGroupAction} submitLabel="Map" label={`Map ${group.examples[0] ?? group.normalizedText}`}>
                  <input type="hidden" name="normalizedText" value={group.normalizedText} />
                  <select name="projectId" aria-label="Project">
                    {active.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </ActionForm>
              </td>
              <td>
                <ActionForm action={promoteOtherGroupAction} submitLabel="Add project" label={`Promote ${group.examples[0] ?? group.normalizedText}`}>
                  <input type="hidden" name="normalizedText" value={group.normalizedText} />
                  <input name="name" aria-label="Project name" defaultValue={group.examples[0] ?? ""} size={16} required />
                  <select name="categoryId" aria-label="Category">
                    {categories.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                </ActionForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
