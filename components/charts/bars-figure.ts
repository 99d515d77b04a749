// Horizontal bars as SVG text, fluid in width: each row's label sits on its own line above its bar, so a label
// is never cut at any width, and bar lengths are percentages of the figure's width, so the same markup fits a
// phone and a desktop card without JavaScript. One bar per row, one per series, or the series stacked.
import {
  hasHiddenValues,
  valueIn,
  valueSentence,
  valueText,
  type BarsSpec,
  type FigureValue,
  type FigureView,
} from "./figure-spec";
import { renderLegend, unitLine, type LegendEntry } from "./figure-legend";
import { niceTicks } from "./format";
import { BAR_COLOUR, colourAt, textColourOn } from "./palette";
import { el, GRID_COLOUR, hatchPattern, MUTED_COLOUR, text, TEXT_COLOUR, title, wrapText } from "./svg-markup";

/** Characters per label line: what fits a phone's card (about 300 px) at 12 px. */
export const LABEL_WRAP = 44;
const LINE = 15;
/** The share of the width the longest bar may take; the rest holds its value label (stacked bars have none). */
const PLOT = { single: 76, grouped: 76, stacked: 97 } as const;
const BAR_HEIGHT = { single: 14, grouped: 10, stacked: 18 } as const;
const HIDDEN_MARK = 8;

function scaleTop(spec: BarsSpec, view: FigureView): number {
  if (spec.layout === "stacked" && view === "percent") return 100;
  const sizes = spec.rows.map((row) => {
    const shown = row.values.map((value) => valueIn(value, view) ?? 0);
    return spec.layout === "stacked" ? shown.reduce((sum, v) => sum + v, 0) : Math.max(0, ...shown);
  });
  return niceTicks(Math.max(0, ...sizes)).at(-1)!;
}

const pct = (value: number) => `${Math.round(value * 100) / 100}%`;

export function renderBars(spec: BarsSpec, view: FigureView): { markup: string; height: number; plotTop: number } {
  const hatchId = `${spec.id}-hatch`;
  const colours = spec.layout === "single" ? [BAR_COLOUR] : spec.series.map((_, i) => colourAt(i));
  const entries: LegendEntry[] =
    spec.layout === "single" ? [] : spec.series.map((label, i) => ({ kind: "series", colour: colours[i]!, label }));
  if (hasHiddenValues(spec)) entries.push({ kind: "hidden", label: spec.hiddenNote });
  const legend = renderLegend(entries, { top: 0, hatchId, wrap: LABEL_WRAP });

  const top = scaleTop(spec, view);
  const ticks = spec.layout === "stacked" && view === "percent" ? [0, 25, 50, 75, 100] : niceTicks(top);
  const x = (value: number) => (value / top) * PLOT[spec.layout];
  const plotTop = legend.height > 0 ? legend.height + 8 : 0;
  let y = plotTop;
  const rows: string[] = [];

  const barWithLabel = (value: FigureValue, barY: number, height: number, fill: string, tooltip: string) => {
    const shown = valueIn(value, view);
    const textY = barY + height / 2 + 4;
    if (shown === null) {
      return (
        el(
          "rect",
          { x: 0, y: barY, width: HIDDEN_MARK, height, fill: `url(#${hatchId})`, "data-hidden": "" },
          title(tooltip),
        ) + text({ x: HIDDEN_MARK + 4, y: textY, fill: MUTED_COLOUR }, valueText(value, view, spec.units))
      );
    }
    const bar =
      shown > 0 ? el("rect", { x: 0, y: barY, width: pct(x(shown)), height, rx: 2, fill }, title(tooltip)) : "";
    return bar + text({ x: pct(x(shown)), dx: 4, y: textY, fill: TEXT_COLOUR }, valueText(value, view, spec.units));
  };

  for (const row of spec.rows) {
    for (const line of wrapText(row.label, LABEL_WRAP)) {
      rows.push(text({ x: 0, y: y + 11, fill: TEXT_COLOUR }, line));
      y += LINE;
    }
    y += 2;
    if (spec.layout === "stacked") {
      rows.push(stackedBar(spec, row, view, y, { x, hatchId, colours }));
      y += BAR_HEIGHT.stacked;
    } else {
      const height = BAR_HEIGHT[spec.layout];
      row.values.forEach((value, i) => {
        const series = spec.layout === "grouped" ? `, ${spec.series[i]}` : "";
        rows.push(
          barWithLabel(value, y, height, colours[i]!, `${row.label}${series}: ${valueSentence(value, spec.units)}`),
        );
        y += height + (i < row.values.length - 1 ? 2 : 0);
      });
    }
    y += 9;
  }

  const plotBottom = y;
  const grid = ticks.map((tick) =>
    el("line", { x1: pct(x(tick)), x2: pct(x(tick)), y1: plotTop, y2: plotBottom, stroke: GRID_COLOUR }),
  );
  const tickLabels = ticks.map((tick, i) =>
    text(
      {
        x: pct(x(tick)),
        y: plotBottom + 13,
        fill: MUTED_COLOUR,
        // The first and a last tick at the edge are aligned inwards, so neither is cut.
        "text-anchor": i === 0 ? "start" : x(tick) > 90 ? "end" : "middle",
        "font-size": 11,
      },
      String(tick),
    ),
  );
  const unit = view === "percent" ? spec.units.percent : spec.units.count;
  const height = plotBottom + 34;
  return {
    markup:
      el("defs", {}, hatchPattern(hatchId)) +
      legend.markup +
      el("g", { class: "grid" }, ...grid) +
      rows.join("") +
      tickLabels.join("") +
      unitLine(unit, 0, plotBottom + 29),
    height,
    plotTop,
  };
}

function stackedBar(
  spec: BarsSpec,
  row: BarsSpec["rows"][number],
  view: FigureView,
  y: number,
  scale: { x: (value: number) => number; hatchId: string; colours: string[] },
): string {
  const height = BAR_HEIGHT.stacked;
  const parts: string[] = [];
  let start = 0;
  row.values.forEach((value, i) => {
    const shown = valueIn(value, view) ?? 0;
    if (shown <= 0) return;
    const width = scale.x(shown);
    const fill = scale.colours[i]!;
    parts.push(
      el(
        "rect",
        { x: pct(start), y, width: pct(width), height, fill },
        title(`${row.label}, ${spec.series[i]}: ${valueSentence(value, spec.units)}`),
      ),
    );
    // A segment wide enough for its number (about 30 px on a phone) carries it.
    if (width >= 11)
      parts.push(
        text(
          {
            x: pct(start + width / 2),
            y: y + height / 2 + 4,
            "text-anchor": "middle",
            fill: textColourOn(fill),
            "font-size": 11,
          },
          view === "percent" ? `${Math.round(shown)}%` : String(shown),
        ),
      );
    start += width;
  });
  // Shares add up to 100: what the hidden counts hold together is drawn hatched, never left blank like a zero.
  if (view === "percent" && row.values.some((value) => value.hidden !== null)) {
    const rest = 100 - row.values.reduce((sum, value) => sum + (valueIn(value, view) ?? 0), 0);
    if (rest > 0.05) {
      const hidden = row.values.flatMap((value, i) => (value.hidden !== null ? [spec.series[i]] : [])).join(", ");
      parts.push(
        el(
          "rect",
          { x: pct(start), y, width: pct(scale.x(rest)), height, fill: `url(#${scale.hatchId})`, "data-hidden": "" },
          title(`${row.label}: ${hidden} not shown together make ${rest.toFixed(1)}%`),
        ),
      );
    }
  }
  if (parts.length === 0) parts.push(text({ x: 0, y: y + height / 2 + 4, fill: MUTED_COLOUR }, "nothing shown"));
  return parts.join("");
}
