// The pieces the console's filtered lists share (audit log, responses, catalogue): a GET form's select with
// "all", the note that a bad filter was dropped, and the pager. Server-rendered, so filters work without JavaScript.
import Link from "next/link";
import styles from "@/app/admin/admin.module.css";

export interface FilterOption {
  value: string | number;
  label: string;
}

/** A filter of a GET form: "all" (the empty value) first, then the options. */
export function FilterSelect({ label, name, defaultValue, options }: { label: string; name: string; defaultValue: string | number; options: readonly FilterOption[] }) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={defaultValue}>
        <option value="">all</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Why a filter from the address was not applied; the list is shown without it. */
export function FilterProblem({ problem }: { problem: string | null }) {
  return problem ? (
    <p role="alert" className="error">
      {problem}; that filter was left out.
    </p>
  ) : null;
}

/** Links to the pages before and after this one, where there are any. */
export function Pager({ page, pageCount, href, previousLabel, nextLabel }: { page: number; pageCount: number; href: (page: number) => string; previousLabel: string; nextLabel: string }) {
  return (
    <nav className={styles.pager} aria-label="Pages">
      {page > 1 ? <Link href={href(page - 1)}>{previousLabel}</Link> : null}
      {page < pageCount ? <Link href={href(page + 1)}>{nextLabel}</Link> : null}
    </nav>
  );
}
