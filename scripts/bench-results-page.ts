// npm run bench:results-page [-- --runs 5 --changes 12 --out docs/benchmarks.md --smoke]
// The results page as a phone and a reader meet it, on the demo rounds (the e2e seed: 300 responses each):
// - Lighthouse 12 mobile performance (its default: simulated slow 4G and a 4× slower CPU), median of --runs;
// - a filter change through the form, from the select's change event to the new figures on screen, against a full
//   load of the same filtered URL in the same browser (the baseline), and the %/count switch.
// Requires `next build` first. Writes its own section of docs/benchmarks.md (between its markers), unless --smoke.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Page } from "playwright-core";
import { prepareDatabase } from "../lib/db/prepare";
import { startAppServer } from "../tests/helpers/app-server";
import { seedE2eData } from "../tests/e2e/seed";
import { percentile } from "./bench/http-timing";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    changes: { type: "string", default: "12" },
    out: { type: "string", default: "docs/benchmarks.md" },
    smoke: { type: "boolean", default: false },
  },
});
const runs = values.smoke ? 1 : Number(values.runs);
const changes = values.smoke ? 2 : Number(values.changes);
const chromePath = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PAGES = ["/results?round=demo-2026", "/results?round=demo-2025"];
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

interface LighthouseRun {
  score: number;
  tbt: number;
  lcp: number;
  fcp: number;
  cls: number;
  speedIndex: number;
  scriptKiB: number;
}

/** Lighthouse sometimes fails to record its trace (NO_NAVSTART) and says to run it again: up to three tries. */
function lighthouse(url: string, tries = 3): LighthouseRun {
  try {
    return lighthouseOnce(url);
  } catch (error) {
    if (tries <= 1 || !String(error).includes("Please run Lighthouse again")) throw error;
    return lighthouse(url, tries - 1);
  }
}

function lighthouseOnce(url: string): LighthouseRun {
  const output = join(mkdtempSync(join(tmpdir(), "census-lh-")), "report.json");
  const run = spawnSync(
    "node_modules/.bin/lighthouse",
    [
      url,
      "--only-categories=performance",
      "--output=json",
      `--output-path=${output}`,
      "--quiet",
      "--chrome-flags=--headless=new --no-sandbox",
    ],
    { env: { ...process.env, CHROME_PATH: chromePath }, encoding: "utf8", timeout: 180_000 },
  );
  if (run.status !== 0 || !existsSync(output)) throw new Error(`lighthouse failed: ${run.stderr}`);
  const report = JSON.parse(readFileSync(output, "utf8"));
  const audit = (id: string) => Number(report.audits[id].numericValue);
  const requests: { resourceType: string; transferSize: number }[] = report.audits["network-requests"].details.items;
  return {
    score: Math.round(report.categories.performance.score * 100),
    tbt: audit("total-blocking-time"),
    lcp: audit("largest-contentful-paint"),
    fcp: audit("first-contentful-paint"),
    cls: audit("cumulative-layout-shift"),
    speedIndex: audit("speed-index"),
    scriptKiB: requests.filter((r) => r.resourceType === "Script").reduce((sum, r) => sum + r.transferSize, 0) / 1024,
  };
}

/** Milliseconds from the change event of a control to the frame after the cards show the new figures. */
async function timeChange(page: Page, change: () => Promise<void>, done: string): Promise<number> {
  await page.evaluate(`document.addEventListener("change", () => (window.changedAt = performance.now()), { capture: true, once: true })`);
  await change();
  // A string, not a function: the script runner's helpers (esbuild's __name) do not exist in the page.
  return page.evaluate(`(async () => {
    const isDone = () => ${done};
    await new Promise((resolve) => { const check = () => (isDone() ? resolve() : requestAnimationFrame(check)); check(); });
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return performance.now() - window.changedAt;
  })()`);
}

async function filterTimings(base: string) {
  const browser = await chromium.launch({ executablePath: chromePath, args: ["--no-sandbox"] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const filterChange: number[] = [];
  const fullLoad: number[] = [];
  const viewSwitch: number[] = [];
  try {
    const targets = [
      ...["yes", "partly", "no"].map((v) => ({ name: "employerPaid", value: v })),
      ...["databases-and-db-libraries", "packaging-and-distribution", "virtualization"].map((v) => ({
        name: "category",
        value: v,
      })),
    ];
    const categories = await (await fetch(`${base}/api/v1/summary?round=demo-2026`)).json();
    const known = new Set(categories.charts.categories.rows.map((row: { slug: string }) => row.slug));
    const usable = targets.filter((t) => t.name !== "category" || known.has(t.value));
    for (let i = 0; i < changes; i++) {
      const target = usable[i % usable.length]!;
      const start = "/results?round=demo-2026";
      await page.goto(base + start, { waitUntil: "networkidle" });
      const key = await page.locator("[data-results-key]").getAttribute("data-results-key");
      filterChange.push(
        await timeChange(
          page,
          async () => void (await page.locator(`select[name=${target.name}]`).selectOption(target.value)),
          `(() => { const g = document.querySelector("[data-results-key]"); return g && g.getAttribute("data-results-key") !== ${JSON.stringify(key)}; })()`,
        ),
      );
      // The baseline: the same figures by loading the filtered URL afresh (the view the change lands on).
      const filtered = `${start}&${target.name}=${target.value}`;
      await page.goto(base + filtered, { waitUntil: "networkidle" });
      await page.goto("about:blank");
      const t0 = Date.now();
      await page.goto(base + filtered, { waitUntil: "load" });
      await page.locator("[data-chart]").first().waitFor();
      fullLoad.push(Date.now() - t0);
      await page.locator('input[name="view"][value="count"]').waitFor();
      viewSwitch.push(
        await timeChange(
          page,
          () => page.locator('input[name="view"][value="count"]').check(),
          `document.querySelector('[data-chart] [data-unit]')?.getAttribute("data-unit")?.startsWith("%") === false`,
        ),
      );
    }
  } finally {
    await browser.close();
  }
  return { filterChange, fullLoad, viewSwitch };
}

const url = `file:${join(mkdtempSync(join(tmpdir(), "census-bench-page-")), "census.db")}`;
await prepareDatabase(url);
await seedE2eData(url);
const server = await startAppServer(url);
const load = () => loadavg()[0]!.toFixed(1);
const loadBefore = load();
try {
  const lighthouseRuns = new Map<string, LighthouseRun[]>();
  for (const path of PAGES) {
    // One unmeasured visit first, so every measured run finds stored figures, as a reader after the first one does.
    // Lighthouse runs in spawnSync, which blocks this event loop: let it see the sockets the server closed in the
    // meantime, or fetch picks a dead kept-alive one ("other side closed").
    await new Promise((resolve) => setTimeout(resolve, 100));
    await fetch(server.url + path);
    const results: LighthouseRun[] = [];
    for (let i = 0; i < runs; i++) {
      results.push(lighthouse(server.url + path));
      console.log(`${path} run ${i + 1}: score ${results.at(-1)!.score}, TBT ${Math.round(results.at(-1)!.tbt)} ms`);
    }
    lighthouseRuns.set(path, results);
  }
  const timings = await filterTimings(server.url);
  const loadAfter = load();

  const rows = [...lighthouseRuns].map(([path, results]) => {
    const m = (pick: (r: LighthouseRun) => number) => median(results.map(pick));
    const range = (pick: (r: LighthouseRun) => number) =>
      `${Math.round(Math.min(...results.map(pick)))}–${Math.round(Math.max(...results.map(pick)))}`;
    return `| \`${path}\` | **${m((r) => r.score)}** (${range((r) => r.score)}) | **${Math.round(m((r) => r.tbt))} ms** (${range((r) => r.tbt)}) | ${(m((r) => r.lcp) / 1000).toFixed(2)} s | ${(m((r) => r.fcp) / 1000).toFixed(2)} s | ${m((r) => r.cls).toFixed(3)} | ${Math.round(m((r) => r.scriptKiB))} KiB |`;
  });
  const stat = (xs: number[]) =>
    `${Math.round(median(xs))} ms (p90 ${Math.round(
      percentile(
        [...xs].sort((a, b) => a - b),
        90,
      ),
    )} ms)`;
  const ratio = median(timings.filterChange) / median(timings.fullLoad);
  const section = [
    "## Results page: Lighthouse and filter changes",
    "",
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpus().length} × ${cpus()[0]?.model.trim() ?? "CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${loadBefore} before, ${loadAfter} after (the machine is shared: Lighthouse's simulated times scale with the CPU time it observes).`,
    `Command: \`npm run bench:results-page -- --runs ${runs} --changes ${changes}\` on the e2e seed (demo rounds of 300 responses, \`next start\`).`,
    "",
    `Lighthouse 12 mobile (simulated slow 4G, 4× CPU slowdown), median of ${runs} runs (range):`,
    "",
    "| page | performance | TBT | LCP | FCP | CLS | JS transferred |",
    "|---|---|---|---|---|---|---|",
    ...rows,
    "",
    `Filter change at normal speed (Chromium, 1280 px, no throttling), ${changes} changes of employer-paid or category:`,
    "",
    "| what | median (p90) |",
    "|---|---|",
    `| filter change: change event → new figures on screen | **${stat(timings.filterChange)}** |`,
    `| baseline: full load of the same filtered URL → first card | ${stat(timings.fullLoad)} |`,
    `| ratio, filter change / full load | ${ratio.toFixed(2)}× |`,
    `| %/count switch: change event → redrawn cards (no request) | ${stat(timings.viewSwitch)} |`,
    "",
  ].join("\n");
  console.log(section);
  if (!values.smoke) {
    const begin = "<!-- results-page: begin -->";
    const end = "<!-- results-page: end -->";
    const previous = existsSync(values.out) ? readFileSync(values.out, "utf8") : "";
    const block = `${begin}\n${section}${end}`;
    const next =
      previous.includes(begin) && previous.includes(end)
        ? previous.slice(0, previous.indexOf(begin)) + block + previous.slice(previous.indexOf(end) + end.length)
        : `${previous.trimEnd()}\n\n${block}\n`;
    writeFileSync(values.out, next);
  }
} finally {
  await server.stop();
}
