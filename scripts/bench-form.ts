// npm run bench:form [-- --rounds 3 --lighthouse-runs 5 --no-lighthouse]: how fast the survey form answers a key or a tap on a
// phone-sized screen, at normal speed and at 4x CPU slowdown (Chrome DevTools' "mid-tier mobile"), and the
// Lighthouse mobile performance score of `/`. Needs a production build (`npx next build`); serves it on a
// fresh SQLite file with the e2e data (tests/e2e/serve.ts). Writes its section of docs/benchmarks.md.
//
// What is measured: event to next paint, the way INP counts it. Chromium's Event Timing entries (a
// PerformanceObserver on "event", durationThreshold 16) give, per interaction, the time from the input to the
// next frame painted after its handlers ran. Interactions faster than 16 ms produce no entry and are counted
// as "under 16 ms".
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, loadavg, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { chromium, type Page } from "playwright-core";

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    "lighthouse-runs": { type: "string", default: "5" },
    "no-lighthouse": { type: "boolean", default: false },
  },
});
const ROUNDS = Number(args.rounds);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SECTION = "## Survey form on a phone (npm run bench:form)";
const BUDGET = { 1: 100, 4: 200 } as const;

if (!existsSync(".next/BUILD_ID")) throw new Error("run `npx next build` first");

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

async function startServer() {
  const port = await freePort();
  const child = spawn("node_modules/.bin/tsx", ["tests/e2e/serve.ts"], {
    env: { ...process.env, E2E_PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 500) {
    if (waited > 180_000) throw new Error("the server did not start");
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { url, stop: () => process.kill(-child.pid!, "SIGTERM") };
}

type Kind = "search key" | "kinds checkbox" | "frequency radio";

/** Collects Event Timing entries in the page; each interaction's duration is its longest entry. */
const OBSERVE = () => {
  const w = window as unknown as { __interactions: Map<number, number> };
  w.__interactions = new Map();
  new PerformanceObserver((list) => {
    // interactionId is not in TypeScript's DOM types yet.
    for (const entry of list.getEntries() as (PerformanceEventTiming & { interactionId: number })[]) {
      if (!entry.interactionId) continue;
      w.__interactions.set(entry.interactionId, Math.max(w.__interactions.get(entry.interactionId) ?? 0, entry.duration));
    }
  }).observe({ type: "event", buffered: true, durationThreshold: 16 } as PerformanceObserverInit);
};

async function measure(page: Page, kind: Kind, act: () => Promise<void>): Promise<number> {
  await page.evaluate(() => (window as unknown as { __interactions: Map<number, number> }).__interactions.clear());
  await act();
  // Let the frame paint and the observer report (entries arrive after the next frame).
  await page.waitForTimeout(300);
  const durations = await page.evaluate(() => [...(window as unknown as { __interactions: Map<number, number> }).__interactions.values()]);
  return durations.length === 0 ? 0 : Math.max(...durations);
}

async function runRound(url: string, rate: 1 | 4) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  await page.addInitScript(OBSERVE);
  await page.goto(url);
  await page.locator('form[data-hydrated="true"]').waitFor();
  const results: { kind: Kind; ms: number }[] = [];
  const search = page.getByRole("combobox", { name: "Find a project by name" });
  await search.tap();
  for (const key of "sqlalchemy") results.push({ kind: "search key", ms: await measure(page, "search key", () => page.keyboard.press(key)) });
  await search.press("Enter");
  await page.waitForTimeout(500);
  const row = (name: string) => page.getByRole("group", { name: `${name} (SQLAlchemy)`, exact: true });
  for (const label of ["Code", "Code review", "Documentation", "Code review", "Maintainer / core"]) {
    const box = row("How do you contribute?").getByRole("checkbox", { name: label, exact: true });
    await box.scrollIntoViewIfNeeded();
    results.push({ kind: "kinds checkbox", ms: await measure(page, "kinds checkbox", () => box.tap()) });
  }
  for (const label of ["Once", "Occasionally", "Regularly", "Once", "Regularly"]) {
    const radio = row("How often?").getByRole("radio", { name: label, exact: true });
    await radio.scrollIntoViewIfNeeded();
    results.push({ kind: "frequency radio", ms: await measure(page, "frequency radio", () => radio.tap()) });
  }
  await browser.close();
  return results;
}

interface LighthouseRun {
  score: number;
  tbt: number;
  lcp: number;
  cls: number;
}

/** One mobile Lighthouse run; it sometimes fails to record its trace (NO_NAVSTART) and says to run it again. */
function lighthouseRun(url: string): LighthouseRun | null {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const run = spawnSync(
      "node_modules/.bin/lighthouse",
      [url, "--only-categories=performance", "--form-factor=mobile", "--output=json", "--output-path=stdout", "--quiet", "--chrome-flags=--headless=new --no-sandbox"],
      { env: { ...process.env, CHROME_PATH: CHROMIUM }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    if (run.status !== 0) {
      console.error(run.stderr);
      continue;
    }
    const report = JSON.parse(run.stdout) as {
      categories: { performance: { score: number } };
      audits: Record<string, { numericValue: number }>;
    };
    return {
      score: Math.round(report.categories.performance.score * 100),
      tbt: report.audits["total-blocking-time"]!.numericValue,
      lcp: report.audits["largest-contentful-paint"]!.numericValue,
      cls: report.audits["cumulative-layout-shift"]!.numericValue,
    };
  }
  return null;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** The median of several runs (a single run moves by several points with whatever else the CPU is doing). */
function lighthouseSummary(url: string, runs: number): string {
  const done = Array.from({ length: runs }, () => lighthouseRun(url)).filter((run): run is LighthouseRun => run !== null);
  if (done.length === 0) return "not run (every Lighthouse run failed)";
  const scores = done.map((run) => run.score);
  return [
    `**${median(scores)}** median of ${done.length} runs (${Math.min(...scores)}–${Math.max(...scores)}),`,
    `TBT ${Math.round(median(done.map((run) => run.tbt)))} ms, LCP ${(median(done.map((run) => run.lcp)) / 1000).toFixed(2)} s,`,
    `CLS ${median(done.map((run) => run.cls)).toFixed(3)}`,
  ].join(" ");
}

const loadBefore = loadavg()[0] ?? 0;
const server = await startServer();
const rows: string[] = [];
const verdicts: string[] = [];
try {
  for (const rate of [1, 4] as const) {
    const all: { kind: Kind; ms: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) all.push(...(await runRound(server.url, rate)));
    for (const kind of ["search key", "kinds checkbox", "frequency radio"] as const) {
      const values = all.filter((r) => r.kind === kind).map((r) => r.ms).sort((a, b) => a - b);
      const at = (q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
      const show = (ms: number) => (ms < 16 ? "< 16 ms" : `${Math.round(ms)} ms`);
      const under16 = values.filter((ms) => ms < 16).length;
      const worst = values.at(-1) ?? 0;
      rows.push(`| ${rate}× | ${kind} | ${values.length} | ${under16} | ${show(at(0.5))} | ${show(at(0.75))} | ${show(worst)} | ${BUDGET[rate]} ms | ${worst <= BUDGET[rate] ? "met" : "missed"} |`);
      verdicts.push(`${rate}x ${kind}: worst ${Math.round(worst)} ms (budget ${BUDGET[rate]})`);
    }
  }
  const lighthouse = args["no-lighthouse"] ? "not run" : lighthouseSummary(`${server.url}/`, Number(args["lighthouse-runs"]));
  const section = [
    SECTION,
    "",
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpus().length} × ${cpus()[0]?.model.trim() ?? "CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Chromium ${spawnSync(CHROMIUM, ["--version"], { encoding: "utf8" }).stdout.trim()}.`,
    `Load average ${loadBefore.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end, on ${cpus().length} cores: above the core count, the worst cases include waits for a CPU, so p50 and p75 say more about the page than the worst.`,
    `Command: \`npm run bench:form -- --rounds ${ROUNDS}\`. A 390 × 844 touch screen; the production build on the e2e data; ${ROUNDS} fresh page loads per speed.`,
    "Each interaction: 10 key presses typing “sqlalchemy” in the project search, 5 taps on the chosen project's kinds checkboxes, 5 on its frequency radios. Event to next paint from Chromium's Event Timing entries (INP's measure); an interaction under 16 ms reports no entry.",
    "",
    "| CPU | interaction | n | under 16 ms | p50 | p75 | worst | budget | |",
    "|---|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
    `Lighthouse 12.2.3 mobile performance on \`/\` (simulated slow 4G, 4× CPU): ${lighthouse} (target ≥ 95).`,
    "",
  ].join("\n");
  const doc = readFileSync("docs/benchmarks.md", "utf8");
  const start = doc.indexOf(SECTION);
  // The section ends at the next heading or at the next generated section's marker, whichever comes first.
  const ends = ["\n## ", "\n<!-- "].map((mark) => doc.indexOf(mark, start + SECTION.length)).filter((i) => i >= 0);
  const next = start < 0 || ends.length === 0 ? -1 : Math.min(...ends);
  const updated = start < 0 ? `${doc.trimEnd()}\n\n${section}` : `${doc.slice(0, start)}${section}${next < 0 ? "" : doc.slice(next + 1)}`;
  writeFileSync("docs/benchmarks.md", updated);
  console.log([...verdicts, `Lighthouse mobile performance: ${lighthouse}`].join("\n"));
} finally {
  server.stop();
}
