// The whole attack: crawl the public API, build the attacker's constraints, solve, score against the truth.
// Used by the CI test (tests/privacy/harness.test.ts, a small crawl) and by `npm run audit:privacy` (all of it).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/sqlite/client";
import { submissionBody } from "@/lib/survey/synthetic-answers";
import type { PublicApi } from "./api";
import { crawlPublicApi, discoverEmployerPaidValues, type CrawlPlan } from "./crawl";
import { buildSystem, detectDependenciesModel, detectModel, SIGNALS, type AttackRules, type Signal } from "./equations";
import { attackOpenRound, type OpenRoundReport } from "./open-round";
import { scoreAttack, type AttackReport } from "./report";
import { solve } from "./solver";
import { readCatalogue, readGroundTruth } from "./truth";

export interface AttackTimings {
  crawlSeconds: number;
  solveSeconds: number;
}

export interface OpenRoundPlan {
  /** An open round; `baseline` answers are posted to it first, as other respondents would have. */
  round: string;
  baseline: number;
  maxTargets: number;
}

export async function runAttack(
  api: PublicApi,
  db: Db,
  plan: Omit<CrawlPlan, "teams" | "categories"> & {
    teams?: CrawlPlan["teams"];
    categories?: CrawlPlan["categories"];
    openRound?: OpenRoundPlan;
    /** Also solve once without each kind of signal, to see which one the derivations rest on. */
    ablation?: boolean;
  },
  rules: Omit<AttackRules, "model"> & { model?: AttackRules["model"] },
): Promise<{
  report: AttackReport;
  /** The posting attack on the open round as it is set up (by default: the organiser's default). */
  openRound: OpenRoundReport | null;
  /** The same with the round's publish-while-open setting switched, where rounds have that setting. */
  openRoundOtherSetting: (OpenRoundReport & { publishWhileOpen: boolean }) | null;
  /** Hidden small counts derived exactly when the attack does without one kind of signal. */
  ablation: Partial<Record<Signal, number>>;
  timings: AttackTimings;
}> {
  const catalogue = await readCatalogue(db);
  const started = Date.now();
  const crawl = await crawlPublicApi(
    api,
    {
      ...plan,
      teams: plan.teams ?? [null, ...catalogue.teams],
      categories: plan.categories ?? [null, ...catalogue.categories],
    },
    catalogue,
  );
  const crawled = Date.now();
  const model = rules.model ?? detectModel(crawl);
  const dependenciesModel = detectDependenciesModel(crawl, model);
  const system = buildSystem(crawl, catalogue, { ...rules, model, dependenciesModel });
  const solution = solve(system.problem);
  const solved = Date.now();
  const truth = await readGroundTruth(
    db,
    [...new Set(system.descriptions.map((d) => d.round))],
    crawl.employerPaidValues,
  );
  let openRound: OpenRoundReport | null = null;
  let openRoundOtherSetting: (OpenRoundReport & { publishWhileOpen: boolean }) | null = null;
  if (plan.openRound) {
    const { round, baseline, maxTargets } = plan.openRound;
    await postBaselineAnswers(api, round, baseline);
    const paid = await discoverEmployerPaidValues(api, round);
    const attack = async () =>
      attackOpenRound(api, {
        round,
        rules: { ...rules, model },
        teams: [...SYNTHETIC_TEAMS],
        employerPaid: [null, ...paid],
        maxTargets,
        catalogue,
        truth: await readGroundTruth(db, [round], paid),
      });
    openRound = await attack();
    // The organiser's other choice (publish while open, or only after closing), where the round has one.
    const setting = await readPublishWhileOpen(db, round);
    if (setting !== null) {
      await writePublishWhileOpen(db, round, !setting);
      try {
        openRoundOtherSetting = { ...(await attack()), publishWhileOpen: !setting };
      } finally {
        await writePublishWhileOpen(db, round, setting);
      }
    }
  }
  const ablation: Partial<Record<Signal, number>> = {};
  if (plan.ablation)
    for (const signal of SIGNALS) {
      const reduced = buildSystem(crawl, catalogue, { ...rules, model, dependenciesModel, without: [signal] });
      ablation[signal] = scoreAttack(crawl, reduced, solve(reduced.problem), truth, rules.k).derivedExactly;
    }
  const report = {
    ...scoreAttack(crawl, system, solution, truth, rules.k),
    model: dependenciesModel === model ? model : `${model} (dependencies: ${dependenciesModel})`,
  };
  return {
    report,
    openRound,
    openRoundOtherSetting,
    ablation,
    timings: { crawlSeconds: (crawled - started) / 1000, solveSeconds: (solved - crawled) / 1000 },
  };
}

// The teams the synthetic answers choose among (lib/survey/synthetic-answers.ts).
const SYNTHETIC_TEAMS = ["nova", "neutron", "cinder", "keystone", "glance", "swift"] as const;

/** Other people's answers to the open round, through the public API. */
async function postBaselineAnswers(api: PublicApi, round: string, count: number) {
  for (let n = 0; n < count; n++) {
    const answer = await api.send("POST", "/api/v1/responses", submissionBody(n, round));
    if (answer.status !== 201) throw new Error(`baseline answer: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}

/**
 * The round's publish-while-open setting (issue #15), or null where rounds have no such setting yet. Read and
 * written as an organiser's choice in the round admin would be, directly in the database: it is set-up, not attack.
 */
async function readPublishWhileOpen(db: Db, round: string): Promise<boolean | null> {
  try {
    const rows = await db.$queryRaw<{ value: unknown }[]>(
      Prisma.sql`SELECT "publishWhileOpen" AS "value" FROM "Round" WHERE "slug" = ${round}`,
    );
    return rows[0] ? Boolean(rows[0].value) : null;
  } catch {
    return null;
  }
}

async function writePublishWhileOpen(db: Db, round: string, value: boolean) {
  await db.$executeRaw(Prisma.sql`UPDATE "Round" SET "publishWhileOpen" = ${value} WHERE "slug" = ${round}`);
}

export interface DemoDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

/** A throwaway SQLite database with the catalogue and the two demo rounds (`npm run demo`'s data). */
export async function createDemoDatabase(options: { responses: number; seed: number }): Promise<DemoDatabase> {
  const url = `file:${join(mkdtempSync(join(tmpdir(), "census-privacy-")), "census.db")}`;
  const { prepareDatabase } = await import("@/lib/db/prepare");
  const { createDb } = await import("@/lib/db/client");
  const { fillDemoRounds } = await import("@/lib/db/demo");
  await prepareDatabase(url, { loadCatalogue: true });
  const { db } = createDb(url);
  await fillDemoRounds(db, { count: options.responses, seed: options.seed });
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      rmSync(dirname(url.slice("file:".length)), { recursive: true, force: true });
    },
  };
}
