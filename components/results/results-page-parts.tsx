// What /results and /results/dependencies share: reading the query, the heading, the problem with bad filters,
// the line with n and the active filters, and the filter form's fields.
import type { ReactNode } from "react";
import type { FilterIssue } from "@/lib/survey/summary-filters";
import type { RoundFigures } from "@/lib/survey/round-figures";
import type { FilterSelect } from "./filter-form";
import styles from "./results.module.css";

export type SearchParams = Record<string, string | string[] | undefined>;

/** A page's searchParams as the URLSearchParams the request parsers take, repeated parameters kept. */
export function toUrlSearchParams(record: SearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(record)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, item);
  }
  return params;
}

export function PageIntro({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className={styles.intro}>
      <h1>{title}</h1>
      <p className={styles.lead}>{children}</p>
    </div>
  );
}

export function FilterProblems({
  issues,
  reset,
}: {
  issues: readonly FilterIssue[];
  reset: { href: string; label: string };
}) {
  return (
    <div role="alert" className={styles.alert}>
      <strong>These filters cannot be applied, so no figures are shown.</strong>
      <ul>
        {issues.map((issue) => (
          <li key={issue.parameter + issue.message}>{issue.message}</li>
        ))}
      </ul>
      <a href={reset.href}>{reset.label}</a>
    </div>
  );
}

export const NO_ROUND_YET = "There is no survey round yet, so there are no results.";

interface ActiveFilters {
  team: { name: string } | null;
  category: { name: string } | null;
  employerPaid: string | null;
}

/** The active filters in words, for the chips beside n ("Team: Nova"). */
export function filterChips(
  f: ActiveFilters,
  employerPaidOptions: readonly { code: string; label: string }[],
  more: (string | null)[] = [],
): string[] {
  return [
    f.team && `Team: ${f.team.name}`,
    f.category && `Category: ${f.category.name}`,
    f.employerPaid &&
      `Employer-paid: ${employerPaidOptions.find((o) => o.code === f.employerPaid)?.label ?? f.employerPaid}`,
    ...more,
  ].filter((chip): chip is string => Boolean(chip));
}

/** "Round: n = 300 respondents" and the active filters, or what no filter means on this page. */
export function SummaryBar({
  round,
  n,
  chips,
  unfiltered,
}: {
  round: string;
  n: string;
  chips: string[];
  unfiltered: string;
}) {
  return (
    <div className={styles.summaryBar} data-respondents={n}>
      <span className={styles.respondents}>
        {round}: n = {n} respondents
      </span>
      {chips.length > 0 ? (
        <ul className={styles.chips} aria-label="Active filters">
          {chips.map((chip) => (
            <li key={chip} className={styles.chip}>
              {chip}
            </li>
          ))}
        </ul>
      ) : (
        <span className="muted">{unfiltered}</span>
      )}
    </div>
  );
}

export interface FilterChoices {
  /** Newest first; with `figures`, rounds without figures are listed apart. */
  rounds: { slug: string; title: string; figures?: RoundFigures }[];
  teams: { slug: string; name: string }[];
  categories: { slug: string; name: string }[];
  employerPaidOptions: readonly { code: string; label: string }[];
}

/** The round, team, category and employer-paid fields both pages filter by, in their URL order. */
export function summaryFilterSelects({
  rounds,
  teams,
  categories,
  employerPaidOptions,
}: FilterChoices): FilterSelect[] {
  const roundOption = (round: FilterChoices["rounds"][number]) => ({ value: round.slug, label: round.title });
  const hasFigures = rounds.some((round) => round.figures !== undefined);
  return [
    {
      name: "round",
      label: "Round",
      wide: true,
      groups: hasFigures
        ? [
            { label: "Rounds with figures", options: rounds.filter((r) => r.figures === "available").map(roundOption) },
            { label: "No figures yet", options: rounds.filter((r) => r.figures !== "available").map(roundOption) },
          ]
        : [{ options: rounds.map(roundOption) }],
    },
    {
      name: "team",
      label: "OpenStack team",
      all: "All teams",
      groups: [{ options: teams.map((team) => ({ value: team.slug, label: team.name })) }],
    },
    {
      name: "category",
      label: "Upstream category",
      all: "All categories",
      groups: [{ options: categories.map((category) => ({ value: category.slug, label: category.name })) }],
    },
    {
      name: "employerPaid",
      label: "Employer-paid",
      all: "All answers",
      groups: [{ options: employerPaidOptions.map((option) => ({ value: option.code, label: option.label })) }],
    },
  ];
}
