import type { Metadata } from "next";
import { connection } from "next/server";
import { ResultsViewProvider } from "@/components/charts/results-view";
import { FilterForm } from "@/components/results/filter-form";
import {
  FilterProblems,
  filterChips,
  NO_ROUND_YET,
  PageIntro,
  SummaryBar,
  summaryFilterSelects,
  toUrlSearchParams,
  type SearchParams,
} from "@/components/results/results-page-parts";
import styles from "@/components/results/results.module.css";
import { getDatabase } from "@/lib/db/client";
import { getCounting } from "@/lib/db/read-pool";
import { listResultsRounds } from "@/lib/db/results-rounds";
import {
  countIncompleteResponses,
  createSummaryLoader,
  listSummaryFilterOptions,
  resolveSummaryRequest,
} from "@/lib/db/summary-queries";
import { describeIncompleteLeftOut } from "@/lib/survey/completeness";
import { describeFiguresAsOf } from "@/lib/survey/figures-as-of";
import { getEnv } from "@/lib/env";
import { DEFAULT_QUESTIONS } from "@/lib/survey/questions";
import { employerPaidFilterOptions } from "@/lib/survey/summary-filters";
import { describeMissingFigures, pickDefaultRound, type RoundChoice } from "@/lib/survey/round-figures";
import { describeSmallCellRule, FILTER_DEFINITIONS } from "@/lib/survey/summary-charts";
import { toSummaryQueryString } from "@/lib/survey/summary-filters";
import { displayCell } from "@/lib/survey/suppression";
import { CARD_IDS, ChartCardFor, type CardContext } from "./chart-cards";

export const metadata: Metadata = { title: "Results" };

export default async function ResultsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const handle = getDatabase();
  const k = getEnv().MIN_CELL_SIZE;
  const params = toUrlSearchParams(await searchParams);
  const [options, rounds] = await Promise.all([listSummaryFilterOptions(handle.db), listResultsRounds(handle.db, k)]);
  // Without a round in the URL, the page opens on the newest round with figures, and says so when that is not
  // the round currently open.
  const asked = params.get("round");
  const fallback = asked ? null : pickDefaultRound(rounds);
  if (fallback) params.set("round", fallback.slug);
  const request = await resolveSummaryRequest(handle.db, params);
  const roundsWithFigures = rounds.filter((round) => round.figures === "available");
  // "Not answered" is a value like the others (docs/privacy.md), so it is offered too.
  const employerPaidOptions = employerPaidFilterOptions(DEFAULT_QUESTIONS.employerPaid.options);

  const selects = summaryFilterSelects({
    rounds,
    teams: options.teams,
    categories: options.categories,
    employerPaidOptions,
  });
  const filterForm = (values: Record<string, string>, view: "percent" | "count") => (
    <FilterForm selects={selects} values={values} view={view} keep={["round"]} />
  );
  const intro = (
    <PageIntro title="Results">
      Where OpenStack contributors also contribute upstream: aggregate figures only, small counts suppressed.{" "}
      <a href="/results/dependencies">Dependencies that need help</a>
    </PageIntro>
  );

  if (!request.ok) {
    return (
      <>
        {intro}
        <FilterProblems
          issues={request.issues}
          reset={{ href: "/results", label: "Show the results without filters" }}
        />
      </>
    );
  }
  if (!request.filters) {
    return (
      <>
        {intro}
        <p className="notice">{NO_ROUND_YET}</p>
      </>
    );
  }

  const f = request.filters;
  const shown = rounds.find((round) => round.id === f.round.id);
  const openRound = rounds.find((round) => round.status === "open");
  const otherRounds = (
    <RoundLinks rounds={roundsWithFigures.filter((round) => round.id !== f.round.id)} label="Rounds with figures" />
  );
  const values = {
    round: f.round.slug,
    team: f.team?.slug ?? "",
    category: f.category?.slug ?? "",
    employerPaid: f.employerPaid ?? "",
  };
  const source = { ...handle, ...getCounting() };
  const loader = createSummaryLoader(source, f, k);
  const slugs = {
    round: f.round.slug,
    team: f.team?.slug,
    category: f.category?.slug,
    employerPaid: f.employerPaid ?? undefined,
  };
  if (shown && shown.figures !== "available") {
    return (
      <>
        {intro}
        {filterForm(values, f.view)}
        <div className="notice" role="status" data-no-figures={shown.figures}>
          <p>{describeMissingFigures(shown, k)}</p>
          {roundsWithFigures.length > 0 ? otherRounds : <p>No round has figures yet.</p>}
        </div>
      </>
    );
  }
  const [overview, incomplete] = await Promise.all([loader.overview(), countIncompleteResponses(source, f.round.id)]);
  const leftOut = describeIncompleteLeftOut(incomplete, k);
  const chips = filterChips(f, employerPaidOptions);

  const filtered = chips.length > 0;
  return (
    <ResultsViewProvider initialView={f.view}>
      {intro}
      {filterForm(values, f.view)}
      {fallback && openRound && openRound.id !== f.round.id && openRound.figures !== "available" ? (
        <div className="notice" role="status" data-fallback-from={openRound.slug}>
          <p>
            {describeMissingFigures(openRound, k)} Showing <strong>{f.round.title}</strong>, the latest round with
            figures{f.round.isDemo ? " (synthetic demo data, not real answers)" : ""}.
          </p>
          {otherRounds}
        </div>
      ) : null}
      <SummaryBar
        round={f.round.title}
        n={displayCell(overview.respondents)}
        chips={chips}
        unfiltered="No filters: every response of the round."
      />
      {leftOut && <p className="muted">{leftOut}</p>}
      {overview.asOf && (
        <p className="notice" role="status" data-as-of={overview.asOf}>
          {describeFiguresAsOf(overview.asOf)}
        </p>
      )}
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
      {overview.status === "after-close" ? (
        <p className="notice" role="status">
          {f.round.title} is still open: its figures appear once it has closed.
        </p>
      ) : overview.status === "no-responses" ? (
        <p className="notice" role="status">
          This round has no figures yet: they appear once at least {k} people have answered.
        </p>
      ) : overview.status === "too-few" ? (
        <p className="notice" role="status">
          {filtered
            ? `Fewer than ${k} respondents match these filters, so no figures are shown: with so few, a respondent could be recognised. Widen the filters.`
            : `This round has fewer than ${k} responses, so no figures are shown: with so few, a respondent could be recognised.`}
        </p>
      ) : (
        <ResultsGrid
          ctx={{
            loader,
            filters: slugs,
            n: overview.respondents.suppressed ? 0 : overview.respondents.value,
            k,
            caption: [f.round.title, ...chips].join(" · "),
          }}
          renderKey={JSON.stringify(values)}
        />
      )}
    </ResultsViewProvider>
  );
}

// No <Suspense> per card: a streamed card would stay a hidden placeholder without JavaScript, so the page is sent
// once every card's figures are in (stored figures are read in a few milliseconds; the loader shares queries).
function ResultsGrid({ ctx, renderKey }: { ctx: CardContext; renderKey: string }) {
  return (
    <div className={styles.grid} data-results-key={renderKey}>
      {CARD_IDS.map((id) => (
        <ChartCardFor key={`${id}:${renderKey}`} id={id} ctx={ctx} />
      ))}
    </div>
  );
}

function RoundLinks({ rounds, label }: { rounds: RoundChoice[]; label: string }) {
  if (rounds.length === 0) return null;
  return (
    <nav aria-label={label} className={styles.roundLinks}>
      {label}:{" "}
      {rounds.map((round, i) => (
        <span key={round.slug}>
          {i > 0 ? ", " : null}
          <a href={`/results${toSummaryQueryString({ round: round.slug })}`}>{round.title}</a>
        </span>
      ))}
    </nav>
  );
}
