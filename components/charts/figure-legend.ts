// The legend drawn inside every figure's SVG, so a saved picture keeps it: series colours, the hatched mark of a
// hidden count, what an empty slot means, the heatmap's colour scale.
import { el, MUTED_COLOUR, text, TEXT_COLOUR, wrapText, ZERO_OUTLINE } from "./svg-markup";

export type LegendEntry =
  | { kind: "series"; colour: string; label: string }
  | { kind: "hidden"; label: string }
  | { kind: "zero"; label: string }
  | { kind: "outline"; label: string };

const LINE = 15;
const SWATCH = 10;

/** Entries one per line (a fluid figure cannot know how many fit side by side), wrapped at `wrap` characters. */
export function renderLegend(
  entries: readonly LegendEntry[],
  options: { top: number; hatchId: string; wrap: number },
): { markup: string; height: number } {
  const parts: string[] = [];
  let y = options.top;
  for (const entry of entries) {
    const swatchY = y + 2;
    const fills: Record<LegendEntry["kind"], { fill: string; stroke: string }> = {
      series: { fill: entry.kind === "series" ? entry.colour : "", stroke: "none" },
      hidden: { fill: `url(#${options.hatchId})`, stroke: MUTED_COLOUR },
      zero: { fill: "#ffffff", stroke: ZERO_OUTLINE },
      outline: { fill: "none", stroke: TEXT_COLOUR },
    };
    const { fill, stroke } = fills[entry.kind];
    // Outlined swatches sit half a pixel in, so their 1 px border is crisp and the same size as a filled one.
    const inset = stroke === "none" ? 0 : 0.5;
    parts.push(
      el("rect", {
        x: inset,
        y: swatchY + inset,
        width: SWATCH - 2 * inset,
        height: SWATCH - 2 * inset,
        rx: entry.kind === "series" ? 2 : 0,
        fill,
        stroke,
      }),
    );
    for (const line of wrapText(entry.label, options.wrap)) {
      parts.push(text({ x: SWATCH + 6, y: y + 11, fill: TEXT_COLOUR }, line));
      y += LINE;
    }
  }
  return { markup: el("g", { class: "legend" }, ...parts), height: y - options.top };
}

/** The unit of the numbers (class "unit"), or what an axis counts (class "axis"), written once. */
export function unitLine(
  content: string,
  x: number | string,
  y: number,
  anchor: "start" | "middle" | "end" = "start",
  role: "unit" | "axis" = "unit",
): string {
  return text({ x, y, fill: MUTED_COLOUR, "text-anchor": anchor, class: role }, content);
}
