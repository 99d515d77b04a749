"use client";
// Heatmaps drawn as plain SVG (so "save as SVG" works like for the Recharts charts): teams × categories,
// and the co-contribution matrix of the top projects. Colour is the share; the text is the chosen view.
import type { SummaryView } from "@/lib/survey/summary-filters";
import type { HeatmapSeries, Measure, PairsSeries } from "@/lib/survey/summary-shape";
import { displayCell } from "@/lib/survey/suppression";
import { DataTable } from "./chart-card";
import { formatPercent } from "./format";
import { heatColour, MUTED_TEXT } from "./palette";

interface GridProps {
  rowLabels: string[];
  columnLabels: string[];
  cells: Measure[][];
  view: SummaryView;
  /** Colour scale maximum, as a percentage. */
  maxPercent: number;
  label: string;
  highlightDiagonal?: boolean;
}

const HIDDEN_FILL = "#f3f4f6";

function cellText(m: Measure, view: SummaryView): string {
  if (m.count.suppressed) return m.count.display;
  return view === "percent" ? (m.percent === null ? "" : m.percent.toFixed(0)) : String(m.count.value);
}

function HeatGrid({ rowLabels, columnLabels, cells, view, maxPercent, label, highlightDiagonal }: GridProps) {
  const rowLabelWidth = 170;
  const cellWidth = 46;
  const cellHeight = 24;
  const headerHeight = 150;
  const width = rowLabelWidth + columnLabels.length * cellWidth + 8;
  const height = headerHeight + rowLabels.length * cellHeight + 8;
  const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
  return (
    <svg
      data-chart-svg
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      fontSize={11}
    >
      <rect width={width} height={height} fill="#ffffff" />
      {columnLabels.map((column, j) => (
        <text
          key={column}
          transform={`translate(${rowLabelWidth + j * cellWidth + cellWidth / 2 + 4}, ${headerHeight - 6}) rotate(-55)`}
          fill="#1b1f24"
          fontSize={11}
        >
          <title>{column}</title>
          {truncate(column, 22)}
        </text>
      ))}
      {rowLabels.map((row, i) => (
        <g key={row} transform={`translate(0, ${headerHeight + i * cellHeight})`}>
          <text x={rowLabelWidth - 8} y={cellHeight / 2 + 4} textAnchor="end" fill="#1b1f24">
            <title>{row}</title>
            {truncate(row, 26)}
          </text>
          {cells[i]!.map((m, j) => {
            const share = m.percent === null ? null : m.percent / Math.max(maxPercent, 1);
            const fill = share === null ? HIDDEN_FILL : heatColour(share);
            const dark = share !== null && share > 0.55;
            const diagonal = highlightDiagonal && i === j;
            return (
              <g key={j} transform={`translate(${rowLabelWidth + j * cellWidth}, 0)`}>
                <rect
                  width={cellWidth - 2}
                  height={cellHeight - 2}
                  rx={2}
                  fill={fill}
                  stroke={diagonal ? "#1b1f24" : "none"}
                  strokeWidth={diagonal ? 1 : 0}
                />
                <text
                  x={(cellWidth - 2) / 2}
                  y={cellHeight / 2 + 3}
                  textAnchor="middle"
                  fill={share === null ? MUTED_TEXT : dark ? "#ffffff" : "#1b1f24"}
                  fontSize={10.5}
                >
                  {cellText(m, view)}
                </text>
              </g>
            );
          })}
        </g>
      ))}
    </svg>
  );
}

const maxShownPercent = (cells: Measure[][], skipDiagonal = false) =>
  Math.max(
    0,
    ...cells.flatMap((row, i) =>
      row.flatMap((m, j) => (m.percent === null || (skipDiagonal && i === j) ? [] : [m.percent])),
    ),
  );

export function TeamCategoryHeatmap({ series, view }: { series: HeatmapSeries; view: SummaryView }) {
  const cells = series.rows.map((row) => row.cells);
  return (
    <>
      <HeatGrid
        rowLabels={series.rows.map((row) => `${row.name} (${displayCell(row.respondents)})`)}
        columnLabels={series.categories.map((c) => c.name)}
        cells={cells}
        view={view}
        maxPercent={maxShownPercent(cells)}
        label="Heatmap of OpenStack teams by upstream category"
      />
      <DataTable
        caption="Respondents of each OpenStack team contributing to each upstream category"
        columns={["Team (respondents)", ...series.categories.map((c) => c.name)]}
        rows={series.rows.map((row) => [
          `${row.name} (${displayCell(row.respondents)})`,
          ...row.cells.map((m) =>
            m.count.suppressed ? m.count.display : `${m.count.value} (${formatPercent(m.percent)})`,
          ),
        ])}
      />
    </>
  );
}

export function CoContributionMatrix({ series, view }: { series: PairsSeries; view: SummaryView }) {
  const { projects, cells } = series.matrix;
  const names = projects.map((p) => p.name);
  return (
    <>
      <HeatGrid
        rowLabels={names}
        columnLabels={names}
        cells={cells}
        view={view}
        maxPercent={maxShownPercent(cells, true)}
        label="Matrix of respondents contributing to both projects"
        highlightDiagonal
      />
      <DataTable
        caption="Respondents who chose both projects (the diagonal: respondents who chose the project)"
        columns={["Project", ...names]}
        rows={projects.map((p, i) => [
          p.name,
          ...cells[i]!.map((m) =>
            m.count.suppressed ? m.count.display : `${m.count.value} (${formatPercent(m.percent)})`,
          ),
        ])}
      />
    </>
  );
}
