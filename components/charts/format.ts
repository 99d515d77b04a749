import type { Measure } from "@/lib/survey/summary-shape";
import type { SummaryView } from "@/lib/survey/summary-filters";
import { displayCell } from "@/lib/survey/suppression";

/** The number a chart draws for a measure in the chosen view; null (no bar) when the count is hidden. */
export function measureValue(measure: Measure, view: SummaryView): number | null {
  if (measure.count.suppressed) return null;
  return view === "percent" ? measure.percent : measure.count.value;
}

export const formatPercent = (value: number | null) => (value === null ? "" : `${value.toFixed(1)}%`);

/** The label beside a bar: "<5"/"hidden" for a hidden count, else the value in the chosen view. */
export function measureLabel(measure: Measure, view: SummaryView): string {
  if (measure.count.suppressed) return measure.count.display;
  return view === "percent" ? formatPercent(measure.percent) : String(measure.count.value);
}

export const countText = (measure: Measure) => displayCell(measure.count);
