"use client";
// The dashboard's filters: a plain GET form (works without JavaScript); with JavaScript, every change
// updates the URL with router.push, so the view is shareable and reloadable either way.
import { usePathname, useRouter } from "next/navigation";
import { useRef, useTransition } from "react";
import { toSummaryQueryString, type SummaryView } from "@/lib/survey/summary-filters";
import type { EmployerPaid } from "@/lib/survey/questions";
import type { RoundFigures } from "@/lib/survey/round-figures";
import { useResultsView } from "@/components/charts/results-view";
import styles from "./results.module.css";

export interface FilterValues {
  round: string;
  team: string;
  category: string;
  employerPaid: string;
  view: SummaryView;
}

export interface ResultsFiltersProps {
  /** Newest first; rounds without figures are listed apart. */
  rounds: { slug: string; title: string; figures: RoundFigures }[];
  teams: { slug: string; name: string }[];
  categories: { slug: string; name: string }[];
  employerPaidOptions: { code: EmployerPaid; label: string }[];
  values: FilterValues;
}

export function ResultsFilters({ rounds, teams, categories, employerPaidOptions, values }: ResultsFiltersProps) {
  const router = useRouter();
  const pathname = usePathname();
  const form = useRef<HTMLFormElement>(null);
  const [isPending, startTransition] = useTransition();
  const { setView } = useResultsView();

  const navigate = () => {
    if (!form.current) return;
    const data = new FormData(form.current);
    const text = (name: string) => String(data.get(name) ?? "") || undefined;
    const chosen = {
      round: text("round"),
      team: text("team"),
      category: text("category"),
      employerPaid: text("employerPaid") as EmployerPaid | undefined,
      view: (text("view") as SummaryView | undefined) ?? "percent",
    };
    // Only the view changed: the cards redraw what they already have, no need to ask the server.
    const sameFilters = (["round", "team", "category", "employerPaid"] as const).every(
      (key) => (chosen[key] ?? "") === values[key],
    );
    if (sameFilters) {
      setView(chosen.view);
      return;
    }
    startTransition(() => router.push(`${pathname}${toSummaryQueryString(chosen)}`, { scroll: false }));
  };

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
        <label className={`${styles.field} ${styles.roundField}`}>
          <span>Round</span>
          <select name="round" defaultValue={values.round}>
            {roundGroups(rounds).map((group) =>
              group.rounds.length === 0 ? null : (
                <optgroup key={group.label} label={group.label}>
                  {group.rounds.map((round) => (
                    <option key={round.slug} value={round.slug}>
                      {round.title}
                    </option>
                  ))}
                </optgroup>
              ),
            )}
          </select>
        </label>
        <label className={styles.field}>
          <span>OpenStack team</span>
          <select name="team" defaultValue={values.team}>
            <option value="">All teams</option>
            {teams.map((team) => (
              <option key={team.slug} value={team.slug}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          <span>Upstream category</span>
          <select name="category" defaultValue={values.category}>
            <option value="">All categories</option>
            {categories.map((category) => (
              <option key={category.slug} value={category.slug}>
                {category.name}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          <span>Employer-paid</span>
          <select name="employerPaid" defaultValue={values.employerPaid}>
            <option value="">All answers</option>
            {employerPaidOptions.map((option) => (
              <option key={option.code} value={option.code}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className={styles.bottomRow}>
        <fieldset className={styles.view}>
          <legend>Show</legend>
          <div className={styles.toggle}>
            <label>
              <input type="radio" name="view" value="percent" defaultChecked={values.view === "percent"} /> % of
              respondents
            </label>
            <label>
              <input type="radio" name="view" value="count" defaultChecked={values.view === "count"} /> count
            </label>
          </div>
        </fieldset>
        <div className={styles.formActions}>
          <button type="submit" className="secondary">
            Apply
          </button>
          <a href={`${pathname}${toSummaryQueryString({ round: values.round })}`}>Clear filters</a>
          <span className={styles.pending} aria-live="polite">
            {isPending ? "Updating…" : ""}
          </span>
        </div>
      </div>
    </form>
  );
}

function roundGroups<T extends { figures: RoundFigures }>(rounds: readonly T[]) {
  return [
    { label: "Rounds with figures", rounds: rounds.filter((round) => round.figures === "available") },
    { label: "No figures yet", rounds: rounds.filter((round) => round.figures !== "available") },
  ];
}
