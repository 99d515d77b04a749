"use client";
// Grouped bars: the same project ids, % of each round's respondents (or counts), one colour per round.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, XAxis, YAxis } from "recharts";
import type { SummaryView } from "@/lib/survey/summary-filters";
import type { ComparisonSeries } from "@/lib/survey/summary-shape";
import { displayCell } from "@/lib/survey/suppression";
import { DataTable } from "./chart-card";
import { formatPercent, measureValue, niceTicks } from "./format";
import { colourAt, GRID_COLOUR, legendText, MUTED_TEXT } from "./palette";

export function ComparisonChart({ series, view }: { series: ComparisonSeries; view: SummaryView }) {
  const rounds = series.rounds
    .map((round, index) => ({ ...round, index }))
    .filter((round) => !round.respondents.suppressed);
  const data = series.projects.map((project) => ({
    name: project.name,
    ...Object.fromEntries(rounds.map((round) => [round.slug, measureValue(project.byRound[round.index]!, view) ?? 0])),
  }));
  const height = Math.max(180, data.length * (rounds.length * 11 + 14) + 90);
  const ticks = niceTicks(
    Math.max(
      0,
      ...data.flatMap((row) => rounds.map((round) => Number((row as Record<string, unknown>)[round.slug] ?? 0))),
    ),
  );
  return (
    <>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 4, right: 24, bottom: 20, left: 4 }}
          barCategoryGap={6}
          barGap={1}
        >
          <CartesianGrid horizontal={false} stroke={GRID_COLOUR} />
          <XAxis
            type="number"
            tick={{ fontSize: 12, fill: MUTED_TEXT }}
            domain={[0, ticks.at(-1)!]}
            ticks={ticks}
            label={{
              value: view === "percent" ? "% of the round's respondents" : "respondents",
              position: "insideBottom",
              offset: -12,
              fontSize: 12,
              fill: MUTED_TEXT,
            }}
          />
          <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 12, fill: "#1b1f24" }} interval={0} />
          <Legend
            verticalAlign="top"
            align="left"
            iconSize={10}
            itemSorter={null}
            wrapperStyle={{ fontSize: 12, paddingBottom: 10 }}
            formatter={legendText}
          />
          {rounds.map((round, i) => (
            <Bar
              key={round.slug}
              dataKey={round.slug}
              name={`${round.title} (n = ${displayCell(round.respondents)})`}
              fill={colourAt(i)}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <DataTable
        caption="Respondents per project in each round"
        columns={["Project", ...series.rounds.map((round) => `${round.title} (n = ${displayCell(round.respondents)})`)]}
        rows={series.projects.map((project) => [
          project.name,
          ...project.byRound.map((m) =>
            m.count.suppressed ? m.count.display : `${m.count.value} (${formatPercent(m.percent)})`,
          ),
        ])}
      />
    </>
  );
}
