// Vertical columns as SVG text (histograms, responses per day), fluid in width: columns are placed in percentages
// of the figure's width. A hidden count is a short hatched column, a zero is no column at all.
import { hasHiddenValues, valueIn, valueSentence, type ColumnsSpec, type FigureView } from "./figure-spec";
import { renderLegend, unitLine, type LegendEntry } from "./figure-legend";
import { niceTicks } from "./format";
import { BAR_COLOUR } from "./palette";
import { el, GRID_COLOUR, hatchPattern, MUTED_COLOUR, text, TEXT_COLOUR, textWidth, title } from "./svg-markup";
import { LABEL_WRAP } from "./bars-figure";

/** Left margin for the value axis' tick labels, in % of the width: "100" fits at 11 px on a phone. */
const GUTTER = 10;
const PLOT_HEIGHT = 170;
const HIDDEN_HEIGHT = 8;
/** The narrowest figure laid out for (a phone's card): labels are spaced so they never overlap there. */
const NARROWEST = 290;

const pct = (value: number) => `${Math.round(value * 100) / 100}%`;

export function renderColumns(
  spec: ColumnsSpec,
  view: FigureView,
): { markup: string; height: number; plotTop: number } {
  const hatchId = `${spec.id}-hatch`;
  const entries: LegendEntry[] = [];
  if (hasHiddenValues(spec)) entries.push({ kind: "hidden", label: spec.hiddenNote });
  if (spec.zeroNote && spec.columns.some((column) => column.value.hidden === null && column.value.count === 0))
    entries.push({ kind: "zero", label: spec.zeroNote });
  const legend = renderLegend(entries, { top: 0, hatchId, wrap: LABEL_WRAP });

  const unitY = legend.height > 0 ? legend.height + 14 : 11;
  const plotTop = unitY + 14;
  const plotBottom = plotTop + PLOT_HEIGHT;
  const max = Math.max(0, ...spec.columns.map((column) => valueIn(column.value, view) ?? 0));
  const ticks = niceTicks(max, 4);
  const top = ticks.at(-1)!;
  const y = (value: number) => plotBottom - (value / top) * PLOT_HEIGHT;
  // The plot ends 2% short of the right edge, so the last column's label has room to its right.
  const slot = (98 - GUTTER) / Math.max(spec.columns.length, 1);
  // Values sit above their columns, and every column has its label, when they fit the narrowest card.
  const slotPixels = (NARROWEST * slot) / 100;
  const valueLabel = (shown: number, percent: number | null) =>
    view === "percent" ? `${Math.round(percent ?? 0)}%` : String(shown);
  const labelled = spec.columns.every((column) => {
    const shown = valueIn(column.value, view);
    return shown === null || textWidth(valueLabel(shown, column.value.percent), 10) <= slotPixels - 2;
  });
  const widestLabel = Math.max(...spec.columns.map((column) => textWidth(column.label, 11)));
  const labelStep = Math.max(1, Math.ceil((widestLabel + 6) / slotPixels));

  const grid = ticks.map(
    (tick) =>
      el("line", { x1: pct(GUTTER), x2: "98%", y1: y(tick), y2: y(tick), stroke: GRID_COLOUR }) +
      text(
        { x: pct(GUTTER - 1), y: y(tick) + 4, "text-anchor": "end", fill: MUTED_COLOUR, "font-size": 11 },
        String(tick),
      ),
  );
  const columns = spec.columns.map((column, i) => {
    const left = GUTTER + i * slot + slot * 0.12;
    const width = slot * 0.76;
    const centre = pct(GUTTER + (i + 0.5) * slot);
    const shown = valueIn(column.value, view);
    const tooltip = `${column.label}: ${valueSentence(column.value, spec.units)}`;
    const parts: string[] = [];
    if (shown === null)
      parts.push(
        el(
          "rect",
          {
            x: pct(left),
            y: plotBottom - HIDDEN_HEIGHT,
            width: pct(width),
            height: HIDDEN_HEIGHT,
            fill: `url(#${hatchId})`,
            "data-hidden": "",
          },
          title(tooltip),
        ),
      );
    else if (shown > 0)
      parts.push(
        el(
          "rect",
          { x: pct(left), y: y(shown), width: pct(width), height: plotBottom - y(shown), rx: 2, fill: BAR_COLOUR },
          title(tooltip),
        ),
      );
    if (labelled && shown !== null)
      parts.push(
        text(
          { x: centre, y: y(shown) - 4, "text-anchor": "middle", fill: TEXT_COLOUR, "font-size": 10 },
          valueLabel(shown, column.value.percent),
        ),
      );
    if (i % labelStep === 0) {
      // A label centred under one of the last columns would run past the right edge on a phone: it ends at its
      // column's right edge instead.
      const centred = ((GUTTER + (i + 0.5) * slot) / 100) * NARROWEST + textWidth(column.label, 11) / 2 <= NARROWEST - 2;
      parts.push(
        text(
          {
            x: centred ? centre : pct(GUTTER + (i + 1) * slot),
            y: plotBottom + 14,
            "text-anchor": centred ? "middle" : "end",
            fill: MUTED_COLOUR,
            "font-size": 11,
          },
          column.label,
        ),
      );
    }
    return parts.join("");
  });
  const unit = view === "percent" ? spec.units.percent : spec.units.count;
  return {
    markup:
      el("defs", {}, hatchPattern(hatchId)) +
      legend.markup +
      unitLine(unit, 0, unitY) +
      grid.join("") +
      el("line", { x1: pct(GUTTER), x2: "98%", y1: plotBottom, y2: plotBottom, stroke: MUTED_COLOUR }) +
      columns.join("") +
      unitLine(spec.axis, "54%", plotBottom + 32, "middle", "axis"),
    height: plotBottom + 38,
    // The plot starts with the unit line, under the legend.
    plotTop: unitY - 12,
  };
}
