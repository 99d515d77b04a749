// Read-load benchmark: does counting stall the server? Through `next start` on the benchmark round:
// 1. idle probe (the baseline, same run): /api/health and a submission, timed one after the other;
// 2. the same probe while 48 clients each ask /api/v1/summary for filter sets nobody asked before: stored
//    figures are cleared first, and the clients go through every filter set of the round (3,650 with team,
//    category and employer-paid) in a seeded order before any is asked again; the result says how many were.
// Targets (issue 18): health p50 ≤ 50 ms and submission p99 ≤ 200 ms under the load. The answers submitted by the
// probe are deleted again, so the dataset keeps its size.
import { createDb } from "../../lib/db/client";
import { seededRandom } from "../../lib/survey/demo-generator";
import { EMPLOYER_PAID } from "../../lib/survey/answer-codes";
import { submissionBody } from "../../lib/survey/synthetic-answers";
import { startAppServer } from "../../tests/helpers/app-server";
import { BENCH_ROUND } from "./dataset";
import { percentile } from "./http-timing";

export interface ProbeFigures {
  healthP50: number;
  healthP99: number;
  healthCount: number;
  submitP50: number;
  submitP99: number;
  submitCount: number;
}

export interface ReadLoadResult {
  clients: number;
  seconds: number;
  idle: ProbeFigures;
  loaded: ProbeFigures;
  /** Summary requests answered during the load, their latency, and how many were older stored figures ("as of"). */
  summaries: { answered: number; p50: number; p99: number; asOf: number; failed: number; filterSets: number; askedAgain: number };
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

/** Every filter set of the round with a team or a category, and optionally employer-paid, in a seeded random order. */
async function distinctFilterSets(url: string): Promise<string[]> {
  const { db } = createDb(url);
  try {
    const [teams, categories] = await Promise.all([
      db.team.findMany({ select: { slug: true } }),
      db.category.findMany({ select: { slug: true } }),
    ]);
    const paid = [null, ...EMPLOYER_PAID];
    const sets: string[] = [];
    for (const employerPaid of paid) {
      const tail = employerPaid ? `&employerPaid=${employerPaid}` : "";
      for (const { slug } of teams) sets.push(`team=${slug}${tail}`);
      for (const { slug } of categories) sets.push(`category=${slug}${tail}`);
      for (const team of teams) for (const { slug } of categories) sets.push(`team=${team.slug}&category=${slug}${tail}`);
    }
    const random = seededRandom(18);
    for (let i = sets.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [sets[i], sets[j]] = [sets[j]!, sets[i]!];
    }
    return sets.map((set) => `round=${BENCH_ROUND}&${set}`);
  } finally {
    await db.$disconnect();
  }
}

async function clearStoredFigures(url: string): Promise<void> {
  const { db } = createDb(url);
  try {
    await db.summarySnapshot.deleteMany({});
  } finally {
    await db.$disconnect();
  }
}

/** Health and a submission, one after the other, until `until` resolves; each answer's time in ms. */
async function probe(baseUrl: string, until: Promise<void>, tokens: string[], serial: { next: number }): Promise<ProbeFigures> {
  let done = false;
  void until.then(() => (done = true));
  const health: number[] = [];
  const submit: number[] = [];
  while (!done) {
    let started = performance.now();
    const healthy = await fetch(`${baseUrl}/api/health`);
    await healthy.arrayBuffer();
    if (!healthy.ok) throw new Error(`/api/health answered ${healthy.status} under load`);
    health.push(performance.now() - started);
    const body = submissionBody(serial.next++, BENCH_ROUND);
    started = performance.now();
    const submitted = await fetch(`${baseUrl}/api/v1/responses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    await submitted.arrayBuffer();
    if (submitted.status !== 201) throw new Error(`a submission answered ${submitted.status} under load`);
    submit.push(performance.now() - started);
    tokens.push(body.token);
    // A person-paced probe, not a second load: about five of each per second.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const h = sorted(health);
  const s = sorted(submit);
  return {
    healthP50: percentile(h, 50),
    healthP99: percentile(h, 99),
    healthCount: h.length,
    submitP50: percentile(s, 50),
    submitP99: percentile(s, 99),
    submitCount: s.length,
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function benchReadLoad(url: string, options: { clients: number; seconds: number }, log: (line: string) => void): Promise<ReadLoadResult> {
  const sets = await distinctFilterSets(url);
  await clearStoredFigures(url);
  const server = await startAppServer(url, { RATE_LIMIT_SUBMISSIONS_PER_MINUTE: "0" });
  const tokens: string[] = [];
  const serial = { next: 80_000_000 };
  try {
    // Warm-up: the routes compiled, the pools and threads started, outside both measurements.
    await probe(server.url, sleep(1_000), tokens, serial);
    const warm = await fetch(`${server.url}/api/v1/summary?round=${BENCH_ROUND}&employerPaid=yes`);
    await warm.arrayBuffer();

    const idle = await probe(server.url, sleep(options.seconds * 1000), tokens, serial);
    log(`  idle: health p50 ${idle.healthP50.toFixed(1)} ms, submission p99 ${idle.submitP99.toFixed(1)} ms`);

    let next = 0;
    const latencies: number[] = [];
    let asOf = 0;
    let failed = 0;
    // Stopped by a flag, not an AbortSignal shared by every fetch: thousands of fetches each adding a listener to
    // one signal made the load generator itself the bottleneck. Each client finishes the request it is in.
    let stopped = false;
    const client = async () => {
      while (!stopped) {
        const set = sets[next++ % sets.length]!;
        const started = performance.now();
        try {
          const response = await fetch(`${server.url}/api/v1/summary?${set}`);
          const body = (await response.json()) as { asOf?: string | null };
          if (!response.ok) failed++;
          else {
            latencies.push(performance.now() - started);
            if (body.asOf) asOf++;
          }
        } catch (error) {
          failed++;
          log(`  summary request failed: ${(error as Error).message}`);
        }
      }
    };
    const clients = Array.from({ length: options.clients }, client);
    // Let the clients fill every counting slot before the probe starts.
    await sleep(2_000);
    const loaded = await probe(server.url, sleep(options.seconds * 1000), tokens, serial);
    stopped = true;
    await Promise.all(clients);
    const askedAgain = Math.max(0, next - sets.length);
    if (askedAgain > 0) log(`  note: ${next} summary requests for ${sets.length} filter sets; ${askedAgain} asked again`);
    const l = sorted(latencies);
    const summaries = { answered: l.length, p50: percentile(l, 50), p99: percentile(l, 99), asOf, failed, filterSets: sets.length, askedAgain };
    log(
      `  ${options.clients} readers: health p50 ${loaded.healthP50.toFixed(1)} ms (p99 ${loaded.healthP99.toFixed(1)}), submission p50 ${loaded.submitP50.toFixed(1)} / p99 ${loaded.submitP99.toFixed(1)} ms; ${summaries.answered} summaries answered (p50 ${summaries.p50.toFixed(0)} ms)`,
    );
    return { clients: options.clients, seconds: options.seconds, idle, loaded, summaries };
  } finally {
    try {
      for (const token of tokens) {
        const deleted = await fetch(`${server.url}/api/v1/responses/${token}`, { method: "DELETE" });
        if (!deleted.ok) throw new Error(`deleting a probe answer answered ${deleted.status}`);
      }
    } finally {
      await server.stop();
    }
  }
}

/** The result as a section of docs/benchmarks.md: the probe idle and under load, against the targets. */
export function readLoadLines(r: ReadLoadResult): string[] {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const times = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
  const verdict = (value: number, target: number) => (value <= target ? `met (≤ ${target} ms)` : `**missed** (target ${target} ms, ${times(value, target)} over)`);
  return [
    `### Reads under load: ${r.clients} clients asking for summaries of filter sets nobody asked before, ${r.seconds} s`,
    "",
    `A probe requests /api/health, then submits an answer, about five times a second: first with the server idle (the baseline), then while the clients read. Stored figures are cleared first, and the clients go through all ${r.summaries.filterSets} filter sets of the round before asking any again (${r.summaries.askedAgain} requests asked again, answered from stored figures). Figure reads wait in line at the edge (lib/http/figure-reads.ts).`,
    "",
    "| probe | idle p50 | idle p99 | under load p50 | under load p99 | load / idle (p50) | target |",
    "|---|---|---|---|---|---|---|",
    `| GET /api/health (${r.loaded.healthCount} under load) | ${ms(r.idle.healthP50)} | ${ms(r.idle.healthP99)} | ${ms(r.loaded.healthP50)} | ${ms(r.loaded.healthP99)} | ${times(r.loaded.healthP50, r.idle.healthP50)} | p50 ${verdict(r.loaded.healthP50, 50)} |`,
    `| POST /api/v1/responses (${r.loaded.submitCount} under load) | ${ms(r.idle.submitP50)} | ${ms(r.idle.submitP99)} | ${ms(r.loaded.submitP50)} | ${ms(r.loaded.submitP99)} | ${times(r.loaded.submitP50, r.idle.submitP50)} | p99 ${verdict(r.loaded.submitP99, 200)} |`,
    "",
    `Summaries answered during the load: ${r.summaries.answered} (p50 ${ms(r.summaries.p50)}, p99 ${ms(r.summaries.p99)}), ${r.summaries.asOf} of them older stored figures marked "as of", ${r.summaries.failed} failed.`,
  ];
}
