"use client";
// The interactive version of a bar or column figure, drawn by Recharts from the same description as the server's
// SVG and at the same size: tooltips on hover and touch, keyboard tooltips (arrow keys) once focused. This module
// is the only one that imports Recharts, and it is loaded only when a reader points at or focuses a card, so the
// page's first load carries no chart library and every card shares one copy of it.
import type { ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { NameType, ValueType } from "recharts/types/component/DefaultTooltipContent";
import {
  compactValue,
  valueIn,
  valueSentence,
  valueText,
  type BarsSpec,
  type ColumnsSpec,
  type FigureView,
} from "./figure-spec";
import { niceTicks } from "./format";
import { BAR_COLOUR, colourAt } from "./palette";
import { GRID_COLOUR, HATCH_STROKE, HIDDEN_FILL, MUTED_COLOUR, TEXT_COLOUR } from "./svg-markup";
import styles from "./charts.module.css";

export interface InteractiveFigureProps {
  spec: BarsSpec | ColumnsSpec;
  view: FigureView;
  width: number;
  height: number;
}

type Row = Record<string, number | string> & { name: string; index: number };

const tick = { fontSize: 11, fill: MUTED_COLOUR };

function Hatch({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width={6} height={6} fill={HIDDEN_FILL} />
        <line x1={1} y1={0} x2={1} y2={6} stroke={HATCH_STROKE} strokeWidth={1.5} />
      </pattern>
    </defs>
  );
}

function TooltipBox({ title, lines }: { title: string; lines: string[] }) {
  return (
    <div className={styles.tooltip} role="status">
      <strong>{title}</strong>
      {lines.map((line) => (
        <div key={line}>{line}</div>
      ))}
    </div>
  );
}

export function InteractiveFigure(props: InteractiveFigureProps) {
  return props.spec.kind === "bars" ? (
    <InteractiveBars {...props} spec={props.spec} />
  ) : (
    <InteractiveColumns {...props} spec={props.spec} />
  );
}

function InteractiveBars({ spec, view, width, height }: InteractiveFigureProps & { spec: BarsSpec }) {
  const hatchId = `${spec.id}-interactive-hatch`;
  const stacked = spec.layout === "stacked";
  const series = spec.layout === "single" ? [""] : spec.series;
  const colours = spec.layout === "single" ? [BAR_COLOUR] : spec.series.map((_, i) => colourAt(i));
  const rows: Row[] = spec.rows.map((row, index) => {
    const values = row.values.map((value) => valueIn(value, view) ?? 0);
    // As in the server's drawing, shares add up to 100: what the hidden counts hold together is hatched.
    const hiddenRest =
      stacked && view === "percent" && row.values.some((value) => value.hidden !== null)
        ? Math.max(0, 100 - values.reduce((sum, v) => sum + v, 0))
        : 0;
    return { name: row.label, index, hiddenRest, ...Object.fromEntries(values.map((v, i) => [`s${i}`, v])) };
  });
  const sizes = rows.map((row) =>
    stacked
      ? series.reduce((sum, _, i) => sum + Number(row[`s${i}`]), 0)
      : Math.max(...series.map((_, i) => Number(row[`s${i}`]))),
  );
  const ticks = stacked && view === "percent" ? [0, 25, 50, 75, 100] : niceTicks(Math.max(0, ...sizes));
  const barSize = stacked ? 18 : spec.layout === "grouped" ? 10 : 14;
  const tooltip = ({ active, payload }: TooltipContentProps<ValueType, NameType>): ReactNode => {
    const row = active ? spec.rows[Number(payload?.[0]?.payload?.index)] : undefined;
    if (!row) return null;
    if (spec.layout === "single")
      return <TooltipBox title={row.label} lines={[valueSentence(row.values[0]!, spec.units)]} />;
    const unit = `${spec.units.count} (${spec.units.percent})`;
    return (
      <TooltipBox
        title={row.label}
        lines={[...row.values.map((value, i) => `${spec.series[i]}: ${compactValue(value)}`), unit]}
      />
    );
  };
  return (
    <BarChart
      width={width}
      height={height}
      data={rows}
      layout="vertical"
      margin={{ top: 6, right: stacked ? 8 : 64, bottom: 34, left: 0 }}
      barGap={2}
      accessibilityLayer
    >
      <Hatch id={hatchId} />
      <CartesianGrid horizontal={false} stroke={GRID_COLOUR} />
      <XAxis
        type="number"
        domain={[0, ticks.at(-1)!]}
        ticks={ticks}
        tick={tick}
        interval={0}
        label={({ viewBox }: { viewBox?: { y?: number } }) => (
          <text x={0} y={Number(viewBox?.y ?? 0) + 29} fill={MUTED_COLOUR} fontSize={12}>
            {view === "percent" ? spec.units.percent : spec.units.count}
          </text>
        )}
      />
      <YAxis type="category" dataKey="name" hide />
      <Tooltip content={tooltip} cursor={{ fill: "rgba(11, 92, 173, 0.06)" }} isAnimationActive={false} />
      {series.map((name, i) => (
        <Bar
          key={name || "value"}
          dataKey={`s${i}`}
          name={name}
          fill={colours[i]}
          stackId={stacked ? "kinds" : undefined}
          barSize={barSize}
          isAnimationActive={false}
        >
          {i === 0 ? (
            <LabelList
              dataKey="name"
              content={({ x, y, value }) => (
                <text x={Number(x)} y={Number(y) - 5} fill={TEXT_COLOUR} fontSize={12}>
                  {String(value)}
                </text>
              )}
            />
          ) : null}
          {stacked ? null : (
            <LabelList
              dataKey="index"
              content={({ x, y, width: w, height: h, value }) => {
                const cell = spec.rows[Number(value)]?.values[i];
                if (!cell) return null;
                const hidden = cell.hidden !== null;
                return (
                  <g>
                    {hidden ? (
                      <rect x={Number(x)} y={Number(y)} width={8} height={Number(h)} fill={`url(#${hatchId})`} />
                    ) : null}
                    <text
                      x={Number(x) + Number(w) + (hidden ? 12 : 4)}
                      y={Number(y) + Number(h) / 2 + 4}
                      fill={hidden ? MUTED_COLOUR : TEXT_COLOUR}
                      fontSize={12}
                    >
                      {valueText(cell, view, spec.units)}
                    </text>
                  </g>
                );
              }}
            />
          )}
        </Bar>
      ))}
      {stacked ? (
        <Bar
          dataKey="hiddenRest"
          stackId="kinds"
          fill={`url(#${hatchId})`}
          barSize={barSize}
          isAnimationActive={false}
        />
      ) : null}
    </BarChart>
  );
}

function InteractiveColumns({ spec, view, width, height }: InteractiveFigureProps & { spec: ColumnsSpec }) {
  const hatchId = `${spec.id}-interactive-hatch`;
  const rows: Row[] = spec.columns.map((column, index) => ({
    name: column.label,
    index,
    value: valueIn(column.value, view) ?? 0,
  }));
  const ticks = niceTicks(Math.max(0, ...rows.map((row) => Number(row.value))), 4);
  const tooltip = ({ active, payload }: TooltipContentProps<ValueType, NameType>): ReactNode => {
    const column = active ? spec.columns[Number(payload?.[0]?.payload?.index)] : undefined;
    return column ? <TooltipBox title={column.label} lines={[valueSentence(column.value, spec.units)]} /> : null;
  };
  return (
    <BarChart
      width={width}
      height={height}
      data={rows}
      margin={{ top: 26, right: 8, bottom: 38, left: 0 }}
      barCategoryGap="12%"
      accessibilityLayer
    >
      <Hatch id={hatchId} />
      <CartesianGrid vertical={false} stroke={GRID_COLOUR} />
      <XAxis
        dataKey="name"
        tick={tick}
        interval="preserveStartEnd"
        label={{ value: spec.axis, position: "insideBottom", offset: -22, fill: MUTED_COLOUR, fontSize: 12 }}
      />
      <YAxis
        width={Math.max(32, width * 0.1)}
        domain={[0, ticks.at(-1)!]}
        ticks={ticks}
        tick={tick}
        label={{
          value: view === "percent" ? spec.units.percent : spec.units.count,
          position: "top",
          offset: 14,
          fill: MUTED_COLOUR,
          fontSize: 12,
          dx: 40,
        }}
      />
      <Tooltip content={tooltip} cursor={{ fill: "rgba(11, 92, 173, 0.06)" }} isAnimationActive={false} />
      <Bar
        dataKey="value"
        fill={BAR_COLOUR}
        isAnimationActive={false}
        shape={(shape: { x?: number; y?: number; width?: number; height?: number; index?: number }) => {
          const column = spec.columns[shape.index ?? -1];
          const bottom = Number(shape.y) + Number(shape.height);
          return column?.value.hidden !== null ? (
            <rect x={shape.x} y={bottom - 8} width={shape.width} height={8} fill={`url(#${hatchId})`} />
          ) : (
            <rect x={shape.x} y={shape.y} width={shape.width} height={shape.height} rx={2} fill={BAR_COLOUR} />
          );
        }}
      />
    </BarChart>
  );
}
