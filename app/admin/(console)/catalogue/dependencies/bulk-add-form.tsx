// The reviewed bulk add: every external dependency not in the survey yet, with a suggested project name,
// category and aliases that the organiser checks and edits before saving. Nothing is saved until "Add".
import { ActionForm } from "@/components/admin/action-form";
import { TableScroll } from "@/components/admin/table-scroll";
import type { listBulkAddSuggestions } from "@/lib/db/admin-dependencies";
import { addDependencyProjectsAction } from "./actions";
import styles from "../../../admin.module.css";

type Suggestions = Awaited<ReturnType<typeof listBulkAddSuggestions>>;

export function BulkAddForm({ suggestions, categories }: Suggestions) {
  if (suggestions.length === 0) {
    return <p className="notice">Every external dependency of the current list is in the survey.</p>;
  }
  return (
    <ActionForm
      action={addDependencyProjectsAction}
      submitLabel={`Add the ticked packages as projects`}
      label="Add dependencies as projects"
    >
      <TableScroll label="Packages to add (scrolls sideways)">
        <table className={styles.table} data-testid="bulk-add">
          <thead>
            <tr>
              <th>Add</th>
              <th>Package (section)</th>
              <th>Project name</th>
              <th>Category</th>
              <th>Aliases (separated by |)</th>
            </tr>
          </thead>
          <tbody>
            {suggestions.map((s, i) => (
              <tr key={s.dependencyId} data-package={s.package}>
                <td>
                  <input type="checkbox" name={`rows.${i}.add`} defaultChecked aria-label={`Add ${s.package}`} />
                  <input type="hidden" name={`rows.${i}.dependencyId`} value={s.dependencyId} />
                  <input type="hidden" name={`rows.${i}.package`} value={s.package} />
                </td>
                <td>
                  {s.package} <span className="muted">({s.section})</span>
                </td>
                <td>
                  <input
                    name={`rows.${i}.name`}
                    defaultValue={s.name}
                    aria-label={`Project name for ${s.package}`}
                    required
                  />
                </td>
                <td>
                  <select
                    name={`rows.${i}.categoryId`}
                    defaultValue={categories.find((c) => c.name === s.category)?.id}
                    aria-label={`Category for ${s.package}`}
                  >
                    {categories.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    name={`rows.${i}.aliases`}
                    defaultValue={s.aliases.join("|")}
                    aria-label={`Aliases for ${s.package}`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </ActionForm>
  );
}
