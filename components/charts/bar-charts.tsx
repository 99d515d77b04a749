"use client";
// Bar charts that draw one measure per row. Hidden (suppressed) counts are drawn as no bar with their
// "<k" label, never as a number.
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";
import type { SummaryView } from "@/lib/survey/summary-filters";
import type {
  CategoriesSeries,
  HistogramSeries,
  Measure,
  PairsSeries,
  TimelineSeries,
  TopProjectsSeries,
} from "@/lib/survey/summary-shape";
import { DataTable } from "./chart-card";
import { countText, formatPercent, measureLabel, measureValue, niceTicks } from "./format";
import { BAR_COLOUR, GRID_COLOUR, MUTED_TEXT } from "./palette";

const axisTick = { fontSize: 12, fill: MUTED_TEXT };
const valueAxisLabel = (view: SummaryView, unit: string) => (view === "percent" ? `% of ${unit}` : unit);

interface BarRow {
  name: string;
  value: number;
  label: string;
}

const toBarRow = (name: string, measure: Measure, view: SummaryView): BarRow => ({
  name,
  value: measureValue(measure, view) ?? 0,
  label: measureLabel(measure, view),
});

function HorizontalBars({
  rows,
  view,
  unit,
  labelWidth = 160,
}: {
  rows: BarRow[];
  view: SummaryView;
  unit: string;
  labelWidth?: number;
}) {
  const height = Math.max(120, rows.length * 26 + 48);
  const ticks = niceTicks(Math.max(0, ...rows.map((row) => row.value)));
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 56, bottom: 20, left: 4 }} barCategoryGap={4}>
        <CartesianGrid horizontal={false} stroke={GRID_COLOUR} />
        <XAxis
          type="number"
          tick={axisTick}
          domain={[0, ticks.at(-1)!]}
          ticks={ticks}
          label={{
            value: valueAxisLabel(view, unit),
            position: "insideBottom",
            offset: -12,
            fontSize: 12,
            fill: MUTED_TEXT,
          }}
        />
        <YAxis type="category" dataKey="name" width={labelWidth} tick={{ ...axisTick, fill: "#1b1f24" }} interval={0} />
        <Bar dataKey="value" fill={BAR_COLOUR} isAnimationActive={false} radius={[0, 3, 3, 0]}>
          <LabelList dataKey="label" position="right" fontSize={12} fill="#1b1f24" />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

export function TopProjectsChart({ series, view }: { series: TopProjectsSeries; view: SummaryView }) {
  return (
    <>
      <HorizontalBars rows={series.rows.map((row) => toBarRow(row.name, row, view))} view={view} unit="respondents" />
      <DataTable
        caption="Top upstream projects by respondents"
        columns={["Project", "Category", "Respondents", "% of respondents"]}
        rows={series.rows.map((row) => [row.name, row.category, countText(row), formatPercent(row.percent)])}
      />
    </>
  );
}

export function CategoriesChart({ series, view }: { series: CategoriesSeries; view: SummaryView }) {
  return (
    <>
      <HorizontalBars
        rows={series.rows.map((row) => toBarRow(row.name, row, view))}
        view={view}
        unit="respondents"
        labelWidth={190}
      />
      <DataTable
        caption="Respondents contributing to at least one project in each category"
        columns={["Category", "Respondents", "% of respondents"]}
        rows={series.rows.map((row) => [row.name, countText(row), formatPercent(row.percent)])}
      />
    </>
  );
}

export function PairsChart({ series, view }: { series: PairsSeries; view: SummaryView }) {
  const rows = series.pairs.map((pair) => toBarRow(`${pair.first.name} + ${pair.second.name}`, pair, view));
  return (
    <>
      <HorizontalBars rows={rows} view={view} unit="respondents" labelWidth={230} />
      <DataTable
        caption="Most frequent pairs of projects chosen by the same respondent"
        columns={["Pair", "Respondents with both", "% of respondents"]}
        rows={series.pairs.map((pair) => [
          `${pair.first.name} + ${pair.second.name}`,
          countText(pair),
          formatPercent(pair.percent),
        ])}
      />
    </>
  );
}

function ColumnBars({
  rows,
  view,
  unit,
  xLabel,
  showLabels,
}: {
  rows: BarRow[];
  view: SummaryView;
  unit: string;
  xLabel: string;
  showLabels: boolean;
}) {
  const ticks = niceTicks(Math.max(0, ...rows.map((row) => row.value)), 4);
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart
        data={rows}
        margin={{ top: 20, right: 8, bottom: 24, left: 4 }}
        barCategoryGap={rows.length > 20 ? 1 : 6}
      >
        <CartesianGrid vertical={false} stroke={GRID_COLOUR} />
        <XAxis
          dataKey="name"
          tick={axisTick}
          interval="preserveStartEnd"
          label={{ value: xLabel, position: "insideBottom", offset: -14, fontSize: 12, fill: MUTED_TEXT }}
        />
        <YAxis
          tick={axisTick}
          domain={[0, ticks.at(-1)!]}
          ticks={ticks}
          width={44}
          label={{
            value: valueAxisLabel(view, unit),
            angle: -90,
            position: "insideLeft",
            fontSize: 12,
            fill: MUTED_TEXT,
            dy: 40,
          }}
        />
        <Bar dataKey="value" fill={BAR_COLOUR} isAnimationActive={false} radius={[3, 3, 0, 0]}>
          {showLabels ? <LabelList dataKey="label" position="top" fontSize={11} fill="#1b1f24" /> : null}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

export function HistogramChart({ series, view }: { series: HistogramSeries; view: SummaryView }) {
  return (
    <>
      <ColumnBars
        rows={series.bins.map((bin) => toBarRow(bin.label, bin, view))}
        view={view}
        unit="respondents"
        xLabel="upstream projects chosen"
        showLabels
      />
      <DataTable
        caption="Respondents by number of upstream projects chosen"
        columns={["Projects chosen", "Respondents", "% of respondents"]}
        rows={series.bins.map((bin) => [bin.label, countText(bin), formatPercent(bin.percent)])}
      />
    </>
  );
}

export function TimelineChart({ series, view }: { series: TimelineSeries; view: SummaryView }) {
  const rows = series.days.map((day) => ({ ...toBarRow(day.day.slice(5), day, view) }));
  return (
    <>
      <ColumnBars
        rows={rows}
        view={view}
        unit="responses"
        xLabel="day (UTC, month-day)"
        showLabels={rows.length <= 14}
      />
      <DataTable
        caption="Responses per day (UTC)"
        columns={["Day", "Responses", "% of responses"]}
        rows={series.days.map((day) => [day.day, countText(day), formatPercent(day.percent)])}
      />
    </>
  );
}
