// Figures served from the last stored count instead of a fresh one (the server was busy counting others) say
// when they were counted, in the page's words. UTC, as every other time on the results page.

/** "Figures as of 14:05 UTC" (with the date when it is not `now`'s day). */
export function describeFiguresAsOf(asOf: string, now: Date = new Date()): string {
  const time = new Date(asOf);
  const hhmm = time.toISOString().slice(11, 16);
  const sameDay = time.toISOString().slice(0, 10) === now.toISOString().slice(0, 10);
  const day = sameDay ? "" : ` on ${time.toISOString().slice(0, 10)}`;
  return `Figures as of ${hhmm} UTC${day}: the server was busy counting, so these are the last figures it stored. Reload in a moment for the current ones.`;
}
