// Colours that stay distinguishable with the common colour-vision deficiencies (Okabe–Ito, darkened for contrast).
export const SERIES_COLOURS = ["#0b5cad", "#d55e00", "#009e73", "#cc79a7", "#b08900", "#56b4e9"] as const;
export const BAR_COLOUR = "#0b5cad";
export const MUTED_TEXT = "#57606a";
export const GRID_COLOUR = "#e5e9ef";

export const colourAt = (index: number): string => SERIES_COLOURS[index % SERIES_COLOURS.length] ?? BAR_COLOUR;

/** Background of a heatmap cell for a share in 0..1: from near-white to the accent colour. */
export function heatColour(share: number): string {
  const t = Math.max(0, Math.min(1, share));
  const from = [240, 246, 252];
  const to = [11, 60, 130];
  const mix = from.map((f, i) => Math.round(f + (to[i]! - f) * t));
  return `rgb(${mix.join(",")})`;
}

/** Legend entries in the text colour (Recharts colours them like their series, which is hard to read). */
export const legendText = (value: string) => <span style={{ color: "#1b1f24" }}>{value}</span>;

/** Dark text on light fills, white on dark ones (WCAG relative luminance of an #rrggbb or rgb() colour). */
export function textColourOn(fill: string): string {
  const channels = fill.startsWith("#")
    ? [1, 3, 5].map((i) => parseInt(fill.slice(i, i + 2), 16))
    : (fill.match(/\d+/g) ?? []).slice(0, 3).map(Number);
  const [r, g, b] = channels.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // White wins over #1b1f24 below about 0.18 luminance.
  return luminance < 0.18 ? "#ffffff" : "#1b1f24";
}
