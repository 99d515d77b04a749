// One async server component per chart card: each awaits its own figures inside its own <Suspense>, turns the
// series into what the card draws (components/results/results-figures.ts) and hands that to the card, which
// draws it as SVG on the server. The loader memoises shared queries within the request.
import type { SummaryLoader } from "@/lib/db/summary-queries";
import { CHART_INFO, type ChartId, type ExportId } from "@/lib/survey/summary-charts";
import { toSummaryQueryString, type SummaryFilters } from "@/lib/survey/summary-filters";
import { displayCell } from "@/lib/survey/suppression";
import { ChartCard, ChartMessage } from "@/components/charts/chart-card";
import { DataTable } from "@/components/charts/data-table";
import { hasShownValues } from "@/components/charts/figure-spec";
import {
  categoriesFigure,
  comparisonFigure,
  employerPaidFigure,
  frequencyFigure,
  kindsFigure,
  matrixFigure,
  pairsFigure,
  projectsPerRespondentFigure,
  responsesOverTimeFigure,
  teamCategoryFigure,
  topProjectsFigure,
  yearsFigure,
  type CardFigure,
} from "@/components/results/results-figures";
import type { ReactNode } from "react";

export interface CardContext {
  loader: SummaryLoader;
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
  "frequency",
  "years-contributing",
  "employer-paid",
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
  extra: { title?: string; nText?: string; units?: { percent: string; count: string } } = {},
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
    units: extra.units ?? { percent: CHART_INFO[chart].denominator, count: CHART_INFO[chart].countUnit },
    csvLinks: [{ href: `/api/export/aggregates/${id}${query}`, label: "Download data (CSV)" }],
    fileStem: stem,
    imageCaption: ctx.caption,
    wide: WIDE_CARDS.has(id as CardId),
  };
}

type Frame = ReturnType<typeof cardFrame>;

/**
 * A card with its figure and data table; or one short notice instead of empty axes, when there is nothing to
 * list (`empty`) or every count is too small to show under these filters.
 */
function FigureCard({
  frame,
  figure,
  notes,
  empty,
  k,
}: {
  frame: Frame;
  figure: CardFigure;
  notes?: ReactNode;
  empty?: string | null;
  k: number;
}) {
  if (empty)
    return (
      <ChartCard {...frame} notes={notes}>
        <ChartMessage>{empty}</ChartMessage>
      </ChartCard>
    );
  if (!hasShownValues(figure.spec))
    return (
      <ChartCard {...frame}>
        <ChartMessage>
          Every count in this chart is below {k} under these filters, so it is not drawn: with so few, someone could be
          singled out.
        </ChartMessage>
      </ChartCard>
    );
  return (
    <ChartCard {...frame} notes={notes} figure={figure.spec}>
      <DataTable {...figure.table} />
    </ChartCard>
  );
}

export async function ChartCardFor({ id, ctx }: { id: CardId; ctx: CardContext }) {
  const { loader, k } = ctx;
  switch (id) {
    case "top-projects": {
      const series = await loader.chart("top-projects");
      return (
        <FigureCard
          frame={cardFrame(ctx, id, id)}
          figure={topProjectsFigure(series, k)}
          k={k}
          empty={series.rows.length === 0 ? "No respondent chose a catalogue project." : null}
          notes={
            <p>
              The {series.rows.length} most chosen of {series.projectsChosen} projects chosen by at least one
              respondent.
            </p>
          }
        />
      );
    }
    case "categories": {
      const series = await loader.chart("categories");
      return (
        <FigureCard
          frame={cardFrame(ctx, id, id)}
          figure={categoriesFigure(series, k)}
          k={k}
          notes={<p>A respondent can contribute to several categories, so the shares add up to more than 100%.</p>}
        />
      );
    }
    case "projects-per-respondent": {
      const series = await loader.chart("projects-per-respondent");
      return (
        <FigureCard
          frame={cardFrame(ctx, id, id)}
          figure={projectsPerRespondentFigure(series, k)}
          k={k}
          empty={series.withheld ? "Too few respondents to show this breakdown without revealing a small count." : null}
          notes={<p>Projects named only as free text count when they matched a catalogue project.</p>}
        />
      );
    }
    case "responses-over-time": {
      const series = await loader.chart("responses-over-time");
      return (
        <FigureCard
          frame={cardFrame(ctx, id, id, { nText: `n = ${ctx.n} responses` })}
          figure={responsesOverTimeFigure(series, k)}
          k={k}
          empty={
            series.withheld || series.days.length === 0
              ? "Too few responses to show them by day without revealing a small count."
              : null
          }
          notes={<p>Every day from the first response to the last, in UTC.</p>}
        />
      );
    }
    case "kinds-per-category": {
      const series = await loader.chart("kinds-per-category");
      return (
        <FigureCard
          frame={cardFrame(ctx, id, id)}
          figure={kindsFigure(series, k)}
          k={k}
          empty={series.rows.length === 0 ? `No category has ${k} or more respondents under these filters.` : null}
          notes={
            <p>
              In % view each bar is all the kinds named in that category (100%); in count view a bar&apos;s length
              counts kinds named, not people: a respondent naming code and review is in both.
            </p>
          }
        />
      );
    }
    case "frequency": {
      const series = await loader.chart("frequency");
      return (
        <FigureCard
          frame={cardFrame(ctx, id, id)}
          figure={frequencyFigure(series, k)}
          k={k}
          empty={
            series.rows.length === 0 ? `No project was chosen by ${k} or more respondents under these filters.` : null
          }
          notes={
            <p>
              The most chosen projects; each bar is all of the project&apos;s respondents (100%). Projects named only as
              free text were not asked how often.
            </p>
          }
        />
      );
    }
    case "years-contributing": {
      const series = await loader.chart("years-contributing");
      return (
        <FigureCard
          frame={cardFrame(ctx, id, id)}
          figure={yearsFigure(series, k)}
          k={k}
          empty={series.withheld ? "Too few respondents to show this breakdown without revealing a small count." : null}
          notes={<p>Whole years, as answered; the question is optional (n/a: no answer).</p>}
        />
      );
    }
    case "employer-paid": {
      const series = await loader.chart("employer-paid");
      return (
        <FigureCard
          frame={cardFrame(ctx, id, id)}
          figure={employerPaidFigure(series, k)}
          k={k}
          empty={series.withheld ? "Too few respondents to show this breakdown without revealing a small count." : null}
          notes={<p>Answers to “Does your employer pay for your upstream work?”; each respondent gave one.</p>}
        />
      );
    }
    case "round-comparison": {
      const series = await loader.chart("round-comparison");
      const rounds = series.rounds.map((round) => `${round.title}: ${displayCell(round.respondents)}`).join(" · ");
      return (
        <FigureCard
          frame={cardFrame(ctx, id, id, { nText: `n per round — ${rounds}` })}
          figure={comparisonFigure(series, k)}
          k={k}
          empty={
            series.comparableRounds < 2
              ? `A comparison needs at least two rounds with ${k} or more respondents under these filters; there is ${
                  series.comparableRounds === 1 ? "only one" : "none"
                }.`
              : null
          }
          notes={
            <p>
              The top projects of the selected round;{" "}
              {ctx.filters.round?.startsWith("demo")
                ? "demo rounds are compared only with demo rounds"
                : "demo rounds are never mixed with real ones"}
              .
            </p>
          }
        />
      );
    }
    case "team-category": {
      const series = await loader.chart("team-category");
      return (
        <FigureCard
          frame={cardFrame(ctx, id, id, { nText: `n = ${ctx.n} respondents; each team's n beside its name` })}
          figure={teamCategoryFigure(series, k)}
          k={k}
          empty={
            series.rows.length === 0 ? `No OpenStack team has ${k} or more respondents under these filters.` : null
          }
          notes={
            series.teamsLeftOut > 0 ? (
              <p>
                {series.teamsLeftOut} team(s) with fewer than {k} respondents are left out.
              </p>
            ) : null
          }
        />
      );
    }
    case "co-contribution": {
      const series = await loader.chart("co-contribution");
      return (
        <FigureCard
          frame={cardFrame(ctx, id, id, { title: "Most frequent pairs of projects" })}
          figure={pairsFigure(series, k)}
          k={k}
          empty={series.pairs.length === 0 ? `No pair of projects was chosen by ${k} or more respondents.` : null}
          notes={<p>Pairs chosen by fewer than {k} respondents are not listed.</p>}
        />
      );
    }
    case "co-contribution-matrix": {
      const series = await loader.chart("co-contribution");
      return (
        <FigureCard
          frame={cardFrame(ctx, id, "co-contribution", {
            title: `Co-contribution matrix of the top ${series.matrix.projects.length} projects`,
            units: {
              percent: "% of respondents who chose both projects (diagonal: who chose the project)",
              count: "respondents who chose both projects (diagonal: who chose the project)",
            },
          })}
          figure={matrixFigure(series, k)}
          k={k}
          empty={series.matrix.projects.length < 2 ? "Fewer than two projects were chosen." : null}
        />
      );
    }
  }
}
