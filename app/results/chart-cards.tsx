// One async server component per chart card: each awaits its own figures inside its own <Suspense>,
// then hands the series to a client chart. The loader memoises shared queries within the request.
import type { SummaryLoader } from "@/lib/db/summary-queries";
import { CHART_INFO, type ChartId, type ExportId } from "@/lib/survey/summary-charts";
import { toSummaryQueryString, type SummaryFilters, type SummaryView } from "@/lib/survey/summary-filters";
import { displayCell } from "@/lib/survey/suppression";
import {
  CategoriesChart,
  HistogramChart,
  PairsChart,
  TimelineChart,
  TopProjectsChart,
} from "@/components/charts/bar-charts";
import { ChartCard, ChartMessage } from "@/components/charts/chart-card";
import { ComparisonChart } from "@/components/charts/comparison-chart";
import { CoContributionMatrix, TeamCategoryHeatmap } from "@/components/charts/heatmaps";
import { KindsChart } from "@/components/charts/kinds-chart";

export interface CardContext {
  loader: SummaryLoader;
  view: SummaryView;
  /** The filters as slugs, for download links and file names. */
  filters: Omit<SummaryFilters, "view">;
  n: number;
  k: number;
  /** "Demo 2026 · Team: Nova": round and filters for saved images. */
  caption: string;
}

export const CARD_IDS = [
  "top-projects",
  "categories",
  "projects-per-respondent",
  "co-contribution",
  "kinds-per-category",
  "round-comparison",
  "responses-over-time",
  "team-category",
  "co-contribution-matrix",
] as const;
export type CardId = (typeof CARD_IDS)[number];
// Half-width cards pair up in rows; the daily chart, the heatmap and the matrix need the full width.
export const WIDE_CARDS: ReadonlySet<CardId> = new Set([
  "responses-over-time",
  "team-category",
  "co-contribution-matrix",
]);

function cardFrame(
  ctx: CardContext,
  id: ExportId,
  chart: ChartId,
  extra: { title?: string; nText?: string; denominator?: string } = {},
) {
  const query = toSummaryQueryString(ctx.filters);
  const stem = [
    "upstream-census",
    id,
    ctx.filters.round,
    ctx.filters.team,
    ctx.filters.category,
    ctx.filters.employerPaid,
  ]
    .filter(Boolean)
    .join("_");
  return {
    id,
    title: extra.title ?? CHART_INFO[chart].title,
    nText: extra.nText ?? `n = ${ctx.n} respondents`,
    denominator: extra.denominator ?? CHART_INFO[chart].denominator,
    csvLinks: [{ href: `/api/export/aggregates/${id}${query}`, label: "Download data (CSV)" }],
    fileStem: stem,
    imageCaption: ctx.caption,
    wide: WIDE_CARDS.has(id as CardId),
  };
}

export async function ChartCardFor({ id, ctx }: { id: CardId; ctx: CardContext }) {
  const { loader, view, k } = ctx;
  switch (id) {
    case "top-projects": {
      const series = await loader.chart("top-projects");
      return (
        <ChartCard
          {...cardFrame(ctx, id, id)}
          notes={
            <p>
              The {series.rows.length} most chosen of {series.projectsChosen} projects chosen by at least one
              respondent.
            </p>
          }
        >
          {series.rows.length === 0 ? (
            <ChartMessage>No respondent chose a catalogue project.</ChartMessage>
          ) : (
            <TopProjectsChart series={series} view={view} />
          )}
        </ChartCard>
      );
    }
    case "categories": {
      const series = await loader.chart("categories");
      return (
        <ChartCard
          {...cardFrame(ctx, id, id)}
          notes={<p>A respondent can contribute to several categories, so the shares add up to more than 100%.</p>}
        >
          <CategoriesChart series={series} view={view} />
        </ChartCard>
      );
    }
    case "projects-per-respondent": {
      const series = await loader.chart("projects-per-respondent");
      return (
        <ChartCard
          {...cardFrame(ctx, id, id)}
          notes={<p>Projects named only as free text count when they matched a catalogue project.</p>}
        >
          {series.withheld ? (
            <ChartMessage>Too few respondents to show this breakdown without revealing a small count.</ChartMessage>
          ) : (
            <HistogramChart series={series} view={view} />
          )}
        </ChartCard>
      );
    }
    case "responses-over-time": {
      const series = await loader.chart("responses-over-time");
      return (
        <ChartCard
          {...cardFrame(ctx, id, id, { nText: `n = ${ctx.n} responses` })}
          notes={
            <p>
              Days with fewer than {k} responses, and any day hidden to protect them, are drawn without a bar; the data
              table marks them.
            </p>
          }
        >
          {series.withheld || series.days.length === 0 ? (
            <ChartMessage>Too few responses to show them by day without revealing a small count.</ChartMessage>
          ) : (
            <TimelineChart series={series} view={view} />
          )}
        </ChartCard>
      );
    }
    case "kinds-per-category": {
      const series = await loader.chart("kinds-per-category");
      return (
        <ChartCard
          {...cardFrame(ctx, id, id)}
          notes={
            <p>
              {view === "percent"
                ? "Each bar is 100% of the kinds named in that category (shown cells only); the data table gives % of the category's respondents."
                : "Segments overlap in people: a respondent naming code and review is in both, so a bar's length is not a number of people."}
            </p>
          }
        >
          <KindsChart series={series} view={view} />
        </ChartCard>
      );
    }
    case "round-comparison": {
      const series = await loader.chart("round-comparison");
      const rounds = series.rounds.map((round) => `${round.title}: ${displayCell(round.respondents)}`).join(" · ");
      return (
        <ChartCard
          {...cardFrame(ctx, id, id, { nText: `n per round — ${rounds}` })}
          notes={
            <p>
              The top projects of the selected round;{" "}
              {ctx.filters.round?.startsWith("demo")
                ? "demo rounds are compared only with demo rounds"
                : "demo rounds are never mixed with real ones"}
              .
            </p>
          }
        >
          {series.comparableRounds < 2 ? (
            <ChartMessage>
              A comparison needs at least two rounds with {k} or more respondents under these filters; there is{" "}
              {series.comparableRounds === 1 ? "only one" : "none"}.
            </ChartMessage>
          ) : (
            <ComparisonChart series={series} view={view} />
          )}
        </ChartCard>
      );
    }
    case "team-category": {
      const series = await loader.chart("team-category");
      return (
        <ChartCard
          {...cardFrame(ctx, id, id, { nText: `n = ${ctx.n} respondents; each team's n in brackets` })}
          notes={
            <p>
              Colour: share of the team&apos;s respondents; text:{" "}
              {view === "percent" ? "% of the team's respondents" : "respondents"}.
              {series.teamsLeftOut > 0
                ? ` ${series.teamsLeftOut} team(s) with fewer than ${k} respondents are left out.`
                : ""}
            </p>
          }
        >
          {series.rows.length === 0 ? (
            <ChartMessage>No OpenStack team has {k} or more respondents under these filters.</ChartMessage>
          ) : (
            <TeamCategoryHeatmap series={series} view={view} />
          )}
        </ChartCard>
      );
    }
    case "co-contribution": {
      const series = await loader.chart("co-contribution");
      return (
        <ChartCard
          {...cardFrame(ctx, id, id, { title: "Most frequent pairs of projects" })}
          notes={<p>Pairs chosen by fewer than {k} respondents are not listed.</p>}
        >
          {series.pairs.length === 0 ? (
            <ChartMessage>No pair of projects was chosen by {k} or more respondents.</ChartMessage>
          ) : (
            <PairsChart series={series} view={view} />
          )}
        </ChartCard>
      );
    }
    case "co-contribution-matrix": {
      const series = await loader.chart("co-contribution");
      return (
        <ChartCard
          {...cardFrame(ctx, id, "co-contribution", {
            title: `Co-contribution matrix of the top ${series.matrix.projects.length} projects`,
          })}
          notes={
            <p>
              Each cell: respondents who chose both projects; the outlined diagonal is the project&apos;s own
              respondents.
            </p>
          }
        >
          {series.matrix.projects.length < 2 ? (
            <ChartMessage>Fewer than two projects were chosen.</ChartMessage>
          ) : (
            <CoContributionMatrix series={series} view={view} />
          )}
        </ChartCard>
      );
    }
  }
}
