// Heatmaps as SVG text: rows × columns of cells coloured by the value of the chosen view (share or count), with a
// colour scale in the figure. Every cell of a grid is in one unit; a hidden cell is hatched and carries no number,
// a zero is white with an outline. The grid has a fixed size; labels get the room their full text needs.
import { hasHiddenValues, valueIn, valueSentence, type FigureView, type HeatSpec } from "./figure-spec";
import { renderLegend, type LegendEntry } from "./figure-legend";
import { heatColour, textColourOn } from "./palette";
import {
  el,
  escapeXml,
  hatchPattern,
  MUTED_COLOUR,
  text,
  TEXT_COLOUR,
  textWidth,
  title,
  ZERO_OUTLINE,
} from "./svg-markup";

const CELL_WIDTH = 46;
const CELL_HEIGHT = 26;
const FONT = 11;
const COS45 = Math.SQRT1_2;
const SCALE_WIDTH = 180;

const cellNumber = (value: number, view: FigureView) =>
  view === "count" ? String(value) : value >= 10 || value === 0 ? String(Math.round(value)) : value.toFixed(1);

export function renderHeat(spec: HeatSpec, view: FigureView): { markup: string; height: number; width: number } {
  const hatchId = `${spec.id}-hatch`;
  const gradientId = `${spec.id}-scale`;
  const unit = view === "percent" ? spec.units.percent : spec.units.count;
  const rowLabelWidth = Math.max(60, ...spec.rows.map((row) => textWidth(row, FONT))) + 10;
  const columnLabelLength = Math.max(0, ...spec.columns.map((column) => textWidth(column, FONT)));
  const gridWidth = spec.columns.length * CELL_WIDTH;
  // Column labels run up-right at 45°: the last one may reach past the grid's right edge.
  const overhang = Math.max(0, columnLabelLength * COS45 - CELL_WIDTH / 2);
  const scaleTitle = `Colour: ${unit}${spec.diagonal ? " (diagonal outlined, not coloured by scale)" : ""}`;
  // A grid of few columns is narrower than the scale's title: the figure takes the title's width then.
  const width = Math.ceil(
    Math.max(rowLabelWidth + gridWidth + overhang + 8, SCALE_WIDTH + 140, textWidth(scaleTitle, 12) + 8),
  );

  const cells = spec.cells.flatMap((row, i) => row.map((value, j) => ({ value, i, j })));
  const colourValues = cells
    .filter((cell) => !(spec.diagonal && cell.i === cell.j))
    .map((cell) => valueIn(cell.value, view) ?? 0);
  const max = Math.max(0, ...colourValues);

  // Legend: the colour scale in the view's unit, then what the other marks mean.
  const scaleTop = 4;
  const scale =
    text({ x: 0, y: scaleTop + 11, fill: TEXT_COLOUR }, scaleTitle) +
    el(
      "defs",
      {},
      hatchPattern(hatchId),
      el(
        "linearGradient",
        { id: gradientId, x1: 0, x2: 1, y1: 0, y2: 0 },
        el("stop", { offset: 0, "stop-color": heatColour(0) }),
        el("stop", { offset: 1, "stop-color": heatColour(1) }),
      ),
    ) +
    el("rect", {
      x: 0,
      y: scaleTop + 18,
      width: SCALE_WIDTH,
      height: 10,
      fill: `url(#${gradientId})`,
      stroke: ZERO_OUTLINE,
      "stroke-width": 0.5,
    }) +
    text({ x: 0, y: scaleTop + 41, fill: MUTED_COLOUR, "font-size": FONT }, "0") +
    text(
      { x: SCALE_WIDTH, y: scaleTop + 41, fill: MUTED_COLOUR, "font-size": FONT, "text-anchor": "end" },
      cellNumber(max, view),
    );
  const entries: LegendEntry[] = [];
  if (cells.some((cell) => valueIn(cell.value, view) === 0)) entries.push({ kind: "zero", label: "0: none, or too few to show" });
  if (hasHiddenValues(spec)) entries.push({ kind: "hidden", label: spec.hiddenNote });
  if (spec.diagonal) entries.push({ kind: "outline", label: "diagonal: the project's own respondents" });
  const legend = renderLegend(entries, { top: scaleTop + 48, hatchId, wrap: Math.floor((width - 20) / 6.5) });

  const headerTop = scaleTop + 48 + legend.height + 8;
  const gridTop = headerTop + Math.ceil(columnLabelLength * COS45) + 12;
  const columnLabels = spec.columns.map((column, j) => {
    const x = rowLabelWidth + j * CELL_WIDTH + CELL_WIDTH / 2;
    return el(
      "text",
      { transform: `translate(${x}, ${gridTop - 6}) rotate(-45)`, fill: TEXT_COLOUR, "font-size": FONT },
      escapeXml(column),
    );
  });
  const rows = spec.rows.map((row, i) => {
    const y = gridTop + i * CELL_HEIGHT;
    const label = text(
      { x: rowLabelWidth - 8, y: y + CELL_HEIGHT / 2 + 4, "text-anchor": "end", fill: TEXT_COLOUR, "font-size": FONT },
      row,
    );
    // A run of hidden cells in a row is one hatched rectangle: the same picture, a fraction of the elements
    // (a phone lays out and paints every one of them).
    const hiddenRuns: string[] = [];
    let runStart = -1;
    spec.cells[i]!.forEach((value, j) => {
      const hidden = valueIn(value, view) === null;
      if (hidden && runStart < 0) runStart = j;
      const last = j === spec.cells[i]!.length - 1;
      if (runStart >= 0 && (!hidden || last)) {
        const end = hidden ? j + 1 : j;
        hiddenRuns.push(
          el("rect", {
            x: rowLabelWidth + runStart * CELL_WIDTH + 1,
            y: y + 1,
            width: (end - runStart) * CELL_WIDTH - 2,
            height: CELL_HEIGHT - 2,
            rx: 2,
            fill: `url(#${hatchId})`,
            "data-hidden": "",
          }),
        );
        runStart = -1;
      }
    });
    const rowCells = spec.cells[i]!.map((value, j) => {
      const x = rowLabelWidth + j * CELL_WIDTH;
      const shown = valueIn(value, view);
      if (shown === null) return "";
      const diagonal = spec.diagonal && i === j;
      const tooltip = `${row} × ${spec.columns[j]}: ${valueSentence(value, spec.units)}`;
      const fill = shown === 0 ? "#ffffff" : heatColour(max > 0 ? Math.min(1, shown / max) : 0);
      const rect = el(
        "rect",
        {
          x: x + 1,
          y: y + 1,
          width: CELL_WIDTH - 2,
          height: CELL_HEIGHT - 2,
          rx: 2,
          fill: diagonal && shown > 0 ? "#ffffff" : fill,
          stroke: diagonal ? TEXT_COLOUR : shown === 0 ? ZERO_OUTLINE : "none",
          "stroke-width": diagonal ? 1.5 : 1,
        },
        title(tooltip),
      );
      const label = text(
        {
          x: x + CELL_WIDTH / 2,
          y: y + CELL_HEIGHT / 2 + 4,
          "text-anchor": "middle",
          "font-size": 10.5,
          fill: diagonal || shown === 0 ? TEXT_COLOUR : textColourOn(fill),
          "pointer-events": "none",
        },
        cellNumber(shown, view),
      );
      return rect + label;
    });
    return label + hiddenRuns.join("") + rowCells.join("");
  });
  const height = gridTop + spec.rows.length * CELL_HEIGHT + 8;
  return { markup: scale + legend.markup + columnLabels.join("") + rows.join(""), height, width };
}
