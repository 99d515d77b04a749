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
