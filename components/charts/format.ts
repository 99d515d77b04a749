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

/** Round axis ticks (0, 5, 10… or 0, 20, 40…) up to just above the largest value. */
export function niceTicks(max: number, target = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / target;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top + step / 1000; t += step) ticks.push(Math.round(t * 1000) / 1000);
  return ticks;
}
