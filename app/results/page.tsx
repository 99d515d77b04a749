import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { ChartSkeleton } from "@/components/charts/chart-card";
import { ResultsFilters, type FilterValues } from "@/components/results/results-filters";
import styles from "@/components/results/results.module.css";
import { getDatabase } from "@/lib/db/client";
import { createSummaryLoader, listSummaryFilterOptions, resolveSummaryRequest } from "@/lib/db/summary-queries";
import { getEnv } from "@/lib/env";
import { DEFAULT_QUESTIONS } from "@/lib/survey/questions";
import { describeSmallCellRule, FILTER_DEFINITIONS } from "@/lib/survey/summary-charts";
import { toSummaryQueryString } from "@/lib/survey/summary-filters";
import { displayCell } from "@/lib/survey/suppression";
import { CARD_IDS, ChartCardFor, WIDE_CARDS, type CardContext } from "./chart-cards";

export const metadata: Metadata = { title: "Results" };

type SearchParams = Record<string, string | string[] | undefined>;

function toUrlSearchParams(record: SearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(record)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, item);
  }
  return params;
}

export default async function ResultsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const handle = getDatabase();
  const k = getEnv().MIN_CELL_SIZE;
  const params = toUrlSearchParams(await searchParams);
  const [options, request] = await Promise.all([
    listSummaryFilterOptions(handle.db),
    resolveSummaryRequest(handle.db, params),
  ]);
  const employerPaidOptions = DEFAULT_QUESTIONS.employerPaid.options;

  const filterForm = (values: FilterValues) => (
    <ResultsFilters
      rounds={options.rounds}
      teams={options.teams}
      categories={options.categories}
      employerPaidOptions={employerPaidOptions}
      values={values}
    />
  );
  const intro = (
    <div className={styles.intro}>
      <h1>Results</h1>
      <p className={styles.lead}>
        Where OpenStack contributors also contribute upstream: aggregate figures only, small counts suppressed.{" "}
        <a href="/results/dependencies">Dependencies that need help</a>
      </p>
    </div>
  );

  if (!request.ok) {
    return (
      <>
        {intro}
        <div role="alert" className={styles.alert}>
          <strong>These filters cannot be applied, so no figures are shown.</strong>
          <ul>
            {request.issues.map((issue) => (
              <li key={issue.parameter + issue.message}>{issue.message}</li>
            ))}
          </ul>
          <a href="/results">Show the results without filters</a>
        </div>
      </>
    );
  }
  if (!request.filters) {
    return (
      <>
        {intro}
        <p className="notice">There is no survey round yet, so there are no results.</p>
      </>
    );
  }

  const f = request.filters;
  const values: FilterValues = {
    round: f.round.slug,
    team: f.team?.slug ?? "",
    category: f.category?.slug ?? "",
    employerPaid: f.employerPaid ?? "",
    view: f.view,
  };
  const loader = createSummaryLoader(handle, f, k);
  const slugs = {
    round: f.round.slug,
    team: f.team?.slug,
    category: f.category?.slug,
    employerPaid: f.employerPaid ?? undefined,
  };
  const overview = await loader.overview();
  const chips = [
    f.team && `Team: ${f.team.name}`,
    f.category && `Category: ${f.category.name}`,
    f.employerPaid &&
      `Employer-paid: ${employerPaidOptions.find((o) => o.code === f.employerPaid)?.label ?? f.employerPaid}`,
  ].filter((chip): chip is string => Boolean(chip));

  return (
    <>
      {intro}
      {filterForm(values)}
      <div className={styles.summaryBar} data-respondents={displayCell(overview.respondents)}>
        <span className={styles.respondents}>
          {f.round.title}: n = {displayCell(overview.respondents)} respondents
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
          <span className="muted">No filters: every response of the round.</span>
        )}
      </div>
      <details className={styles.definitions}>
        <summary>How these figures are counted</summary>
        <dl>
          <dt>n</dt>
          <dd>{FILTER_DEFINITIONS.respondents}</dd>
          <dt>Team</dt>
          <dd>{FILTER_DEFINITIONS.team}</dd>
          <dt>Category</dt>
          <dd>{FILTER_DEFINITIONS.category}</dd>
          <dt>Employer-paid</dt>
          <dd>{FILTER_DEFINITIONS.employerPaid}</dd>
          <dt>Small counts</dt>
          <dd>{describeSmallCellRule(k)}</dd>
          <dt>API</dt>
          <dd>
            The same figures as JSON: <a href={`/api/v1/summary${toSummaryQueryString(slugs)}`}>/api/v1/summary</a>
          </dd>
        </dl>
      </details>
      {overview.status === "no-responses" ? (
        <p className="notice" role="status">
          This round has no responses yet. Figures appear once at least {k} people have answered.
        </p>
      ) : overview.status === "too-few" ? (
        <p className="notice" role="status">
          Fewer than {k} respondents match these filters, so no figures are shown: with so few, a respondent could be
          recognised. Widen the filters.
        </p>
      ) : (
        <ResultsGrid
          ctx={{
            loader,
            view: f.view,
            filters: slugs,
            n: overview.respondents.suppressed ? 0 : overview.respondents.value,
            k,
            caption: [f.round.title, ...chips].join(" · "),
          }}
          renderKey={JSON.stringify(values)}
        />
      )}
    </>
  );
}

function ResultsGrid({ ctx, renderKey }: { ctx: CardContext; renderKey: string }) {
  return (
    <div className={styles.grid} data-results-key={renderKey}>
      {CARD_IDS.map((id) => (
        <Suspense key={`${id}:${renderKey}`} fallback={<ChartSkeleton wide={WIDE_CARDS.has(id)} />}>
          <ChartCardFor id={id} ctx={ctx} />
        </Suspense>
      ))}
    </div>
  );
}
