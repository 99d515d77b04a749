// Posting answers to an open round to push a small cell over k, then subtracting them; and editing one's own
// answer out again to watch the cell move. Anyone can post (the form is public), so this is an attack any
// visitor can run against a round that publishes figures while it is open.
import { newEditToken } from "@/lib/survey/edit-token";
import type { PublicApi } from "./api";
import { describe, refine, type Catalogue } from "./cells";
import { queryString } from "./crawl";
import { feasibleRange, type AttackRules } from "./equations";
import { readCell } from "./observations";
import type { GroundTruth } from "./truth";

export interface OpenRoundReport {
  round: string;
  /** Whether the open round answered any filter set with figures. */
  publishesWhileOpen: boolean;
  /** Small cells (shown as too few) the attack pushed over k. */
  targets: number;
  /** Of those with a true count of 1..k−1, how many the attack read off exactly. */
  derivedExactly: number;
  examples: string[];
}

interface Target {
  team: string;
  employerPaid: string | null;
}

function answerMatching(round: string, target: Target, n: number, token: string) {
  return {
    round,
    token,
    teams: [target.team],
    notOpenStackContributor: false,
    nothingOutsideOpenStack: false,
    projects: [{ slug: n % 2 === 0 ? "sqlalchemy" : "pip", kinds: ["code"], frequency: "occasionally" }],
    others: [],
    yearsContributing: 3,
    // "Unanswered" is a filter value, not an answer: such an answer leaves the question out.
    employerPaid:
      target.employerPaid === null ? "no" : /unanswered/.test(target.employerPaid) ? null : target.employerPaid,
    comment: null,
  };
}

type Json = Record<string, unknown>;

/** How many answers the attack adds, one reading each: every reading narrows the original count further. */
const EXTRA_ANSWERS = 4;

/**
 * For each filter set of one team (and one employer-paid answer) shown as too few: post k matching answers and
 * read n; post more, one at a time, reading n each time; then edit one of them out of the cell and read again.
 * Each reading bounds the original count (reading − own answers, within what the publication rule allows); the
 * count is derived when the bounds meet. Own answers are deleted afterwards.
 */
export async function attackOpenRound(
  api: PublicApi,
  options: {
    round: string;
    rules: Pick<AttackRules, "k" | "maxAdjustment" | "model">;
    teams: string[];
    employerPaid: (string | null)[];
    maxTargets: number;
    catalogue: Catalogue;
    /** Truth as it was before the attack posted anything. */
    truth: GroundTruth;
  },
): Promise<OpenRoundReport> {
  const { round, rules } = options;
  const { k } = rules;
  const report: OpenRoundReport = { round, publishesWhileOpen: false, targets: 0, derivedExactly: 0, examples: [] };
  const respondents = async (target: Target) => {
    const query = queryString({ round, team: target.team, employerPaid: target.employerPaid });
    return readCell(((await api.get(`/api/v1/summary?${query}`)).body as Json | null)?.respondents);
  };
  const unfiltered = await api.get(`/api/v1/summary?round=${encodeURIComponent(round)}`);
  report.publishesWhileOpen = ((unfiltered.body ?? {}) as Json).charts != null;
  for (const team of options.teams)
    for (const employerPaid of options.employerPaid) {
      if (report.targets >= options.maxTargets) return report;
      const target = { team, employerPaid };
      if ((await respondents(target)).value !== null) continue;
      report.targets++;
      const tokens: string[] = [];
      let [lo, hi] = [0, k - 1];
      const read = async (own: number) => {
        const [l, h] = feasibleRange(await respondents(target), rules);
        [lo, hi] = [Math.max(lo, l - own), Math.min(hi, h - own)];
      };
      const post = async () => {
        const token = newEditToken();
        tokens.push(token);
        const posted = await api.send("POST", "/api/v1/responses", answerMatching(round, target, tokens.length, token));
        if (posted.status !== 201)
          throw new Error(`posting an answer: ${posted.status} ${JSON.stringify(posted.body)}`);
      };
      try {
        while (tokens.length < k) await post();
        await read(tokens.length);
        while (tokens.length < k + EXTRA_ANSWERS) {
          await post();
          await read(tokens.length);
        }
        // Edit one's own answer out of the cell: the count drops by one.
        const other = options.teams.find((t) => t !== team)!;
        const moved = await api.send(
          "PUT",
          `/api/v1/responses/${tokens[0]}`,
          answerMatching(round, { team: other, employerPaid }, 0, tokens[0]!),
        );
        if (moved.status !== 200) throw new Error(`editing an answer: ${moved.status} ${JSON.stringify(moved.body)}`);
        await read(tokens.length - 1);
      } finally {
        for (const token of tokens) await api.send("DELETE", `/api/v1/responses/${token}`);
      }
      const real = options.truth.evaluate(
        `open:${team}:${employerPaid}`,
        refine(describe(round), { teams: [team], employerPaid }, options.catalogue),
      ).count;
      if (lo === hi && lo === real && real >= 1 && real < k) {
        report.derivedExactly++;
        if (report.examples.length < 5)
          report.examples.push(`${round} team=${team} employerPaid=${employerPaid ?? "any"}: ${real}`);
      }
    }
  return report;
}
