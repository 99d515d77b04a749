"use client";
// The dependencies page's filters: a plain GET form (works without JavaScript); with JavaScript, every change
// updates the URL with router.push, like the dashboard's filters, so the view is shareable and reloadable.
import { usePathname, useRouter } from "next/navigation";
import { useRef, useTransition } from "react";
import { toDependencyQueryString } from "@/lib/survey/dependency-shape";
import type { EmployerPaid } from "@/lib/survey/questions";
import styles from "./results.module.css";

export interface DependencyFilterValues {
  round: string;
  team: string;
  category: string;
  employerPaid: string;
  section: string;
}

export interface DependencyFiltersProps {
  rounds: { slug: string; title: string }[];
  teams: { slug: string; name: string }[];
  categories: { slug: string; name: string }[];
  employerPaidOptions: { code: EmployerPaid; label: string }[];
  sections: string[];
  values: DependencyFilterValues;
}

export function DependencyFilters({
  rounds,
  teams,
  categories,
  employerPaidOptions,
  sections,
  values,
}: DependencyFiltersProps) {
  const router = useRouter();
  const pathname = usePathname();
  const form = useRef<HTMLFormElement>(null);
  const [isPending, startTransition] = useTransition();

  const navigate = () => {
    if (!form.current) return;
    const data = new FormData(form.current);
    const text = (name: string) => String(data.get(name) ?? "");
    const query = toDependencyQueryString({
      round: text("round"),
      team: text("team"),
      category: text("category"),
      employerPaid: text("employerPaid"),
      section: text("section"),
    });
    startTransition(() => router.push(`${pathname}${query}`, { scroll: false }));
  };

  const select = (name: keyof DependencyFilterValues, label: string, all: string | null, options: { value: string; label: string }[]) => (
    <label className={styles.field}>
      <span>{label}</span>
      <select name={name} defaultValue={values[name]}>
        {all !== null ? <option value="">{all}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <form
      // Remount when the URL changes (back/forward), so the controls always show the figures' filters.
      key={JSON.stringify(values)}
      ref={form}
      method="get"
      action={pathname}
      className={styles.filters}
      aria-label="Filters"
      aria-busy={isPending}
      onChange={navigate}
      onSubmit={(event) => {
        event.preventDefault();
        navigate();
      }}
    >
      <div className={styles.selects}>
        {select("round", "Round", null, rounds.map((r) => ({ value: r.slug, label: r.title })))}
        {select("team", "OpenStack team", "All teams", teams.map((t) => ({ value: t.slug, label: t.name })))}
        {select("category", "Upstream category", "All categories", categories.map((c) => ({ value: c.slug, label: c.name })))}
        {select("employerPaid", "Employer-paid", "All answers", employerPaidOptions.map((o) => ({ value: o.code, label: o.label })))}
        {select("section", "Requirement section", "All sections", sections.map((s) => ({ value: s, label: s })))}
      </div>
      <div className={styles.bottomRow}>
        <span />
        <div className={styles.formActions}>
          <button type="submit" className="secondary">
            Apply
          </button>
          <a href={`${pathname}${toDependencyQueryString({ round: values.round })}`}>Clear filters</a>
          <span className={styles.pending} aria-live="polite">
            {isPending ? "Updating…" : ""}
          </span>
        </div>
      </div>
    </form>
  );
}
