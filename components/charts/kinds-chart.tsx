"use client";
// Kinds of contribution per category as stacked bars: counts of respondents per kind, or, in the
// percent view, each kind's share of the category's shown kind mentions (100% stacked).
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { KIND_LABELS } from "@/lib/survey/summary-charts";
import type { SummaryView } from "@/lib/survey/summary-filters";
import type { KindsSeries } from "@/lib/survey/summary-shape";
import { displayCell } from "@/lib/survey/suppression";
import { DataTable } from "./chart-card";
import { formatPercent, niceTicks } from "./format";
import { colourAt, GRID_COLOUR, legendText, MUTED_TEXT } from "./palette";

export function KindsChart({ series, view }: { series: KindsSeries; view: SummaryView }) {
  const data = series.rows.map((row) => ({
    name: row.name,
    ...Object.fromEntries(
      series.kinds.map((kind) => [
        kind,
        view === "percent" ? (row.mix[kind] ?? 0) : row.kinds[kind].count.suppressed ? 0 : row.kinds[kind].count.value,
      ]),
    ),
  }));
  const height = Math.max(160, data.length * 28 + 90);
  const stackTotals = data.map((row) =>
    series.kinds.reduce((sum, kind) => sum + Number((row as Record<string, unknown>)[kind] ?? 0), 0),
  );
  const ticks = view === "percent" ? [0, 25, 50, 75, 100] : niceTicks(Math.max(0, ...stackTotals));
  return (
    <>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 20, left: 4 }} barCategoryGap={5}>
          <CartesianGrid horizontal={false} stroke={GRID_COLOUR} />
          <XAxis
            type="number"
            tick={{ fontSize: 12, fill: MUTED_TEXT }}
            domain={[0, ticks.at(-1)!]}
            ticks={ticks}
            label={{
              value: view === "percent" ? "% of kind mentions in the category" : "respondents × kinds",
              position: "insideBottom",
              offset: -12,
              fontSize: 12,
              fill: MUTED_TEXT,
            }}
          />
          <YAxis type="category" dataKey="name" width={190} tick={{ fontSize: 12, fill: "#1b1f24" }} interval={0} />
          <Legend
            verticalAlign="top"
            align="left"
            iconSize={10}
            itemSorter={null}
            wrapperStyle={{ fontSize: 12, paddingBottom: 10 }}
            formatter={legendText}
          />
          {series.kinds.map((kind, i) => (
            <Bar
              key={kind}
              dataKey={kind}
              name={KIND_LABELS[kind]}
              stackId="kinds"
              fill={colourAt(i)}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <DataTable
        caption="Respondents naming each kind of contribution for at least one project of the category"
        columns={[
          "Category",
          "Respondents in category",
          ...series.kinds.map((kind) => `${KIND_LABELS[kind]} (respondents, % of category)`),
        ]}
        rows={series.rows.map((row) => [
          row.name,
          displayCell(row.respondents),
          ...series.kinds.map((kind) => {
            const m = row.kinds[kind];
            return m.count.suppressed ? m.count.display : `${m.count.value} (${formatPercent(m.percent)})`;
          }),
        ])}
      />
    </>
  );
}
