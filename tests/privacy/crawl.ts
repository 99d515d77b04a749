// The crawl: every filter combination of the chosen rounds, through the public summary and dependencies
// endpoints, as an analyst with a script would run it.
import type { PublicApi } from "./api";
import { describe, refine, type Catalogue } from "./cells";
import { Crawl } from "./observations";
import { readDependencies, readSummary } from "./read-answers";
import { readCsvExports } from "./read-csv";

export interface CrawlPlan {
  rounds: string[];
  /** null: no team filter. */
  teams: (string | null)[];
  categories: (string | null)[];
  /** Employer-paid values to filter by; default: every value the API accepts (read from its error message), and none. */
  employerPaid?: (string | null)[];
  /** Also crawl /api/v1/dependencies (default true). */
  dependencies?: boolean;
  /** Also read every aggregate CSV and the dependencies CSV of every n-th filter set that has figures (0: none). */
  csvEvery?: number;
  /** Queries in flight at once. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * The employer-paid values the API accepts, read the way an analyst would: from the answer to a value that
 * does not exist ("employerPaid must be one of yes, partly, ...").
 */
export async function discoverEmployerPaidValues(api: PublicApi, round: string): Promise<string[]> {
  const answer = await api.get(`/api/v1/summary?round=${encodeURIComponent(round)}&employerPaid=zz-probe`);
  const message = JSON.stringify(answer.body);
  const match = /must be one of ([^"\\]+)/.exec(message);
  if (!match) throw new Error(`cannot read the employer-paid values from ${message}`);
  return match[1]!
    .split(",")
    .map((value) => value.trim().replace(/[.;]$/, ""))
    .filter(Boolean);
}

export function queryString(filters: Record<string, string | null>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value !== null) params.set(name, value);
  return params.toString();
}

export async function crawlPublicApi(api: PublicApi, plan: CrawlPlan, catalogue: Catalogue): Promise<Crawl> {
  const crawl = new Crawl();
  const employerPaid = plan.employerPaid ?? [null, ...(await discoverEmployerPaidValues(api, plan.rounds[0]!))];
  crawl.employerPaidValues = employerPaid.filter((v): v is string => v !== null);
  const jobs: { round: string; team: string | null; category: string | null; employerPaid: string | null }[] = [];
  for (const round of plan.rounds)
    for (const team of plan.teams)
      for (const category of plan.categories)
        for (const paid of employerPaid) jobs.push({ round, team, category, employerPaid: paid });
  let next = 0;
  let done = 0;
  let withFigures = 0;
  let withoutFigures = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const query = queryString(job);
      const base = refine(
        describe(job.round),
        {
          teams: job.team ? [job.team] : [],
          categories: job.category ? [job.category] : [],
          employerPaid: job.employerPaid,
        },
        catalogue,
      );
      const summary = await api.get(`/api/v1/summary?${query}`);
      crawl.queries++;
      if (summary.status !== 200)
        throw new Error(`summary?${query}: ${summary.status} ${JSON.stringify(summary.body)}`);
      readSummary(crawl, base, query, summary.body, catalogue);
      const hasFigures = ((summary.body ?? {}) as { charts?: unknown }).charts != null;
      if (hasFigures && plan.csvEvery && withFigures++ % plan.csvEvery === 0)
        await readCsvExports(api, crawl, base, query, catalogue);
      // Too few respondents: the dependencies page shows no figures either; asked for one in ten, to check that.
      if (plan.dependencies !== false && (hasFigures || withoutFigures++ % 10 === 0)) {
        const dependencies = await api.get(`/api/v1/dependencies?${query}`);
        crawl.queries++;
        if (dependencies.status !== 200)
          throw new Error(`dependencies?${query}: ${dependencies.status} ${JSON.stringify(dependencies.body)}`);
        readDependencies(crawl, base, query, dependencies.body, catalogue);
      }
      plan.onProgress?.(++done, jobs.length);
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency ?? 2 }, worker));
  return crawl;
}
