// Timing helpers for the benchmarks: percentiles, and the peak memory of a process tree sampled while it works.
import { readFileSync, readdirSync } from "node:fs";

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

function rssKiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function treeRssKiB(pid: number): number {
  return rssKiB(pid) + childrenOf(pid).reduce((sum, child) => sum + treeRssKiB(child), 0);
}

/** Sample the resident memory of a process and its children every 25 ms; stop() returns the peak in MB. */
/** Resident size now, of a process and its children. */
export const treeRssMb = (pid: number) => treeRssKiB(pid) / 1024;

export function watchPeakRss(pid: number): { stop(): number } {
  let peak = treeRssKiB(pid);
  const timer = setInterval(() => (peak = Math.max(peak, treeRssKiB(pid))), 25);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, treeRssKiB(pid));
      return peak / 1024;
    },
  };
}
