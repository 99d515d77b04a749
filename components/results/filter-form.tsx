"use client";
// The filters of the results pages (/results and /results/dependencies): a plain GET form, so every filter works
// without JavaScript. With it, a change loads the new figures at once (router.push, the URL stays shareable), and
// the dashboard's %/count switch redraws the cards in place without asking the server.
import { usePathname, useRouter } from "next/navigation";
import { useRef, useTransition } from "react";
import { useResultsView } from "@/components/charts/results-view";
import styles from "./results.module.css";

export interface FilterOption {
  value: string;
  label: string;
}

export interface FilterSelect {
  /** The query parameter. */
  name: string;
  label: string;
  /** The "no filter" option's text; absent when a value is required (the round). */
  all?: string;
  /** Options, in groups when they have a label (rounds with figures, rounds without). */
  groups: { label?: string; options: FilterOption[] }[];
  /** A long value (a round's full title) gets a row of its own. */
  wide?: boolean;
}

export interface FilterFormProps {
  /** In the order their parameters appear in the URL. */
  selects: FilterSelect[];
  values: Record<string, string>;
  /** The dashboard's %/count switch. */
  view?: "percent" | "count";
  /** Parameters "Clear filters" keeps (the round). */
  keep: string[];
}

/** The query string of the chosen filters: empty ones left out, in the selects' order, the view last. */
function queryOf(selects: readonly FilterSelect[], chosen: Record<string, string>, view?: string): string {
  const params = new URLSearchParams();
  for (const select of selects) if (chosen[select.name]) params.set(select.name, chosen[select.name]!);
  if (view === "count") params.set("view", view);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function FilterForm({ selects, values, view, keep }: FilterFormProps) {
  const router = useRouter();
  const pathname = usePathname();
  const form = useRef<HTMLFormElement>(null);
  const [isPending, startTransition] = useTransition();
  const { setView } = useResultsView();

  const navigate = () => {
    if (!form.current) return;
    const data = new FormData(form.current);
    const chosen = Object.fromEntries(selects.map((select) => [select.name, String(data.get(select.name) ?? "")]));
    const chosenView = view ? (String(data.get("view") ?? "percent") as "percent" | "count") : undefined;
    // Only the view changed: the cards redraw what they already have.
    if (chosenView && selects.every((select) => chosen[select.name] === (values[select.name] ?? ""))) {
      setView(chosenView);
      return;
    }
    startTransition(() => router.push(`${pathname}${queryOf(selects, chosen, chosenView)}`, { scroll: false }));
  };

  const cleared = Object.fromEntries(keep.map((name) => [name, values[name] ?? ""]));
  return (
    <form
      // Remount when the URL changes (back/forward), so the controls always show the figures' filters.
      key={JSON.stringify(values)}
      ref={form}
      method="get"
      action={pathname}
      className={`${styles.panel} ${styles.filters}`}
      aria-label="Filters"
      aria-busy={isPending}
      onChange={navigate}
      onSubmit={(event) => {
        event.preventDefault();
        navigate();
      }}
    >
      <div className={styles.selects}>
        {selects.map((select) => (
          <div key={select.name} className={`${styles.field} ${select.wide ? styles.roundField : ""}`}>
            <label htmlFor={`filter-${select.name}`}>{select.label}</label>
            <select id={`filter-${select.name}`} name={select.name} defaultValue={values[select.name] ?? ""}>
              {select.all !== undefined ? <option value="">{select.all}</option> : null}
              {select.groups.map((group, i) =>
                group.options.length === 0 ? null : group.label ? (
                  <optgroup key={group.label} label={group.label}>
                    {group.options.map((option) => (
                      <option key={option.value} value={option.value}>
                        {option.label}
                      </option>
                    ))}
                  </optgroup>
                ) : (
                  group.options.map((option) => (
                    <option key={`${i}:${option.value}`} value={option.value}>
                      {option.label}
                    </option>
                  ))
                ),
              )}
            </select>
          </div>
        ))}
      </div>
      <div className={styles.bottomRow}>
        {view ? (
          <fieldset className={styles.view}>
            <legend>Show</legend>
            <div className={styles.toggle}>
              <label>
                <input type="radio" name="view" value="percent" defaultChecked={view === "percent"} /> % of respondents
              </label>
              <label>
                <input type="radio" name="view" value="count" defaultChecked={view === "count"} /> count
              </label>
            </div>
          </fieldset>
        ) : (
          <span />
        )}
        <div className={styles.formActions}>
          <button type="submit" className="secondary">
            Apply
          </button>
          <a href={`${pathname}${queryOf(selects, cleared)}`}>Clear filters</a>
          <span className={styles.pending} aria-live="polite">
            {isPending ? "Updating…" : ""}
          </span>
        </div>
      </div>
    </form>
  );
}
