// One entry point for drawing a figure: on the page (server and browser) and as a saved SVG/PNG file.
import { renderBars } from "./bars-figure";
import { renderColumns } from "./columns-figure";
import type { FigureSpec, FigureView } from "./figure-spec";
import { renderHeat } from "./heat-figure";
import { el, escapeXml, FONT_FAMILY, MUTED_COLOUR, svgRoot, text, TEXT_COLOUR, wrapText } from "./svg-markup";

interface Drawn {
  markup: string;
  height: number;
  /** Where the plot starts under the legend: the interactive layer covers the figure from there down. */
  plotTop: number;
  /** Heatmaps have a fixed width; bars and columns stretch with their card. */
  width: number | null;
}

function draw(spec: FigureSpec, view: FigureView): Drawn {
  switch (spec.kind) {
    case "bars":
      return { ...renderBars(spec, view), width: null };
    case "columns":
      return { ...renderColumns(spec, view), width: null };
    case "heat":
      return { ...renderHeat(spec, view), plotTop: 0 };
  }
}

/** The figure's height and where its plot starts, without drawing it again. */
export function figureLayout(spec: FigureSpec, view: FigureView): { height: number; plotTop: number } {
  const { height, plotTop } = draw(spec, view);
  return { height, plotTop };
}

/** The figure's <svg> element as text, for the page. */
export function renderFigure(spec: FigureSpec, view: FigureView): string {
  const drawn = draw(spec, view);
  return svgRoot({ width: drawn.width ?? "100%", height: drawn.height, label: spec.label, id: spec.id }, drawn.markup);
}

/**
 * A saved picture: the title, the round, filters, n and unit above the same figure (with its legend and colour
 * scale), as a standalone SVG document. `width` is the on-screen width, so the picture looks as it did.
 */
export function renderStandaloneFigure(
  spec: FigureSpec,
  view: FigureView,
  options: { title: string; caption: string; width: number },
): { text: string; width: number; height: number } {
  const drawn = draw(spec, view);
  const inner = drawn.width ?? Math.max(Math.round(options.width) - 16, 344);
  const width = inner + 16;
  const captionLines = wrapText(options.caption, Math.floor((width - 16) / 6.6));
  const header = 34 + captionLines.length * 16;
  const height = header + drawn.height + 8;
  const caption = captionLines.map((line, i) =>
    text({ x: 8, y: 44 + i * 16, fill: MUTED_COLOUR, "font-size": 12 }, line),
  );
  const body = el(
    "svg",
    { x: 8, y: header, width: inner, height: drawn.height, "font-size": 12, overflow: "visible" },
    drawn.markup,
  );
  const document = el(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      "font-family": FONT_FAMILY,
    },
    el("title", {}, escapeXml(options.title)),
    el("rect", { width: "100%", height: "100%", fill: "#ffffff" }),
    text({ x: 8, y: 22, fill: TEXT_COLOUR, "font-size": 16, "font-weight": 700 }, options.title),
    ...caption,
    body,
  );
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${document}`, width, height };
}
