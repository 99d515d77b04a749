// What a chart draws, independent of how: a plain, serialisable description built on the server from a chart's
// series. The SVG renderers (bars-figure.ts, columns-figure.ts, heat-figure.ts) and the interactive layer read it.
import type { SummaryView } from "@/lib/survey/summary-filters";

export type FigureView = SummaryView;

export interface FigureValue {
  /** The shown count; null when it is hidden. */
  count: number | null;
  /** The share in the figure's percent unit (0–100); null when hidden or without a denominator. */
  percent: number | null;
  /** Why the value is not shown, as the tables write it ("<5", "hidden"); null when shown. */
  hidden: string | null;
}

/** The unit of a number in each view: "% of respondents" and "respondents". */
export interface FigureUnits {
  percent: string;
  count: string;
}

interface FigureBase {
  /** Unique on the page: prefixes the ids inside the SVG. */
  id: string;
  /** What the picture shows, for screen readers (the data table has the numbers). */
  label: string;
  units: FigureUnits;
  /** What a hatched (hidden) mark means, written in the legend whenever one is drawn. */
  hiddenNote: string;
}

export interface BarsSpec extends FigureBase {
  kind: "bars";
  /** One bar per row; several per row (one per series); or the series stacked in one bar. */
  layout: "single" | "grouped" | "stacked";
  /** Series names, for the legend (empty for a single series). */
  series: string[];
  rows: { label: string; values: FigureValue[] }[];
}

export interface ColumnsSpec extends FigureBase {
  kind: "columns";
  /** What the horizontal axis counts ("upstream projects chosen", "day (UTC)"). */
  axis: string;
  columns: { label: string; value: FigureValue }[];
  /** Written in the legend when a column is 0, so an empty slot is not read as hidden. */
  zeroNote?: string;
}

export interface HeatSpec extends FigureBase {
  kind: "heat";
  rows: string[];
  columns: string[];
  /** cells[row][column] */
  cells: FigureValue[][];
  /** The matrix's diagonal is outlined (a project with itself: its own respondents). */
  diagonal?: boolean;
}

export type FigureSpec = BarsSpec | ColumnsSpec | HeatSpec;

export const shownValue = (count: number, percent: number | null): FigureValue => ({ count, percent, hidden: null });
export const hiddenValue = (display: string): FigureValue => ({ count: null, percent: null, hidden: display });

/** The number drawn in a view, or null when hidden. */
export function valueIn(value: FigureValue, view: FigureView): number | null {
  if (value.hidden !== null) return null;
  return view === "percent" ? value.percent : value.count;
}

export const formatPercentValue = (percent: number) => `${percent.toFixed(1)}%`;

/** A value as written beside its mark: "24.6%" or "15"; a hidden one as "<5 respondents" or "hidden". */
export function valueText(value: FigureValue, view: FigureView, units: FigureUnits): string {
  // In % view a bare "<5" would read as a percentage: it says what it counts.
  if (value.hidden !== null)
    return view === "percent" && value.hidden.startsWith("<") ? `${value.hidden} ${units.count}` : value.hidden;
  if (view === "count") return String(value.count ?? "");
  return value.percent === null ? "" : formatPercentValue(value.percent);
}

/** Both views in one phrase, for tooltips: "15 respondents (24.6% of respondents)". */
export function valueSentence(value: FigureValue, units: FigureUnits): string {
  if (value.hidden !== null) return `${value.hidden} ${units.count} (not shown)`;
  const count = `${value.count} ${units.count}`;
  return value.percent === null
    ? count
    : `${count} (${formatPercentValue(value.percent)} ${units.percent.replace(/^% /, "")})`;
}

/** Both views in a few characters, for tooltips listing several series: "40 (34.5%)" or "<5". */
export function compactValue(value: FigureValue): string {
  if (value.hidden !== null) return value.hidden;
  return value.percent === null ? String(value.count) : `${value.count} (${formatPercentValue(value.percent)})`;
}

function allValues(spec: FigureSpec): FigureValue[] {
  switch (spec.kind) {
    case "bars":
      return spec.rows.flatMap((row) => row.values);
    case "columns":
      return spec.columns.map((column) => column.value);
    case "heat":
      return spec.cells.flat();
  }
}

/** False when every count is hidden or zero: the card says so in one line instead of drawing empty axes. */
export function hasShownValues(spec: FigureSpec): boolean {
  return allValues(spec).some((value) => value.hidden === null && (value.count ?? 0) > 0);
}

export function hasHiddenValues(spec: FigureSpec): boolean {
  return allValues(spec).some((value) => value.hidden !== null);
}
