// Posting answers to an open round to push a small cell over k, then subtracting them; and editing one's own
// answer out again to watch the cell move. Anyone can post (the form is public), so this is an attack any
// visitor can run against a round that publishes figures while it is open.
import { newEditToken } from "@/lib/survey/edit-token";
import type { PublicApi } from "./api";
import { describe, refine, type Catalogue } from "./cells";
import { queryString } from "./crawl";
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
    employerPaid: target.employerPaid ?? "no",
    comment: null,
  };
}

type Json = Record<string, unknown>;
const respondentsShown = (body: unknown): number | null => {
  const cell = ((body ?? {}) as Json).respondents as Json | null | undefined;
  return cell && cell.suppressed === false && typeof cell.value === "number" ? cell.value : null;
};

/**
 * For each filter set of one team (and one employer-paid answer) shown as too few: post k matching answers and
 * read n − k; then move one of them to another team and read n − (k − 1). Own answers are deleted afterwards.
 */
export async function attackOpenRound(
  api: PublicApi,
  options: {
    round: string;
    k: number;
    teams: string[];
    employerPaid: (string | null)[];
    maxTargets: number;
    catalogue: Catalogue;
    /** Truth as it was before the attack posted anything. */
    truth: GroundTruth;
  },
): Promise<OpenRoundReport> {
  const { round, k } = options;
  const report: OpenRoundReport = { round, publishesWhileOpen: false, targets: 0, derivedExactly: 0, examples: [] };
  const summary = async (target: Target) =>
    (await api.get(`/api/v1/summary?${queryString({ round, team: target.team, employerPaid: target.employerPaid })}`))
      .body;
  const unfiltered = await api.get(`/api/v1/summary?round=${encodeURIComponent(round)}`);
  report.publishesWhileOpen = ((unfiltered.body ?? {}) as Json).charts != null;
  for (const team of options.teams)
    for (const employerPaid of options.employerPaid) {
      if (report.targets >= options.maxTargets) return report;
      const target = { team, employerPaid };
      if (respondentsShown(await summary(target)) !== null) continue;
      report.targets++;
      const tokens = Array.from({ length: k }, () => newEditToken());
      const estimates: number[] = [];
      try {
        for (const [n, token] of tokens.entries()) {
          const posted = await api.send("POST", "/api/v1/responses", answerMatching(round, target, n, token));
          if (posted.status !== 201)
            throw new Error(`posting an answer: ${posted.status} ${JSON.stringify(posted.body)}`);
        }
        const pushed = respondentsShown(await summary(target));
        if (pushed !== null) estimates.push(pushed - k);
        // Edit one's own answer out of the cell: the count drops by one.
        const other = options.teams.find((t) => t !== team)!;
        const moved = await api.send(
          "PUT",
          `/api/v1/responses/${tokens[0]}`,
          answerMatching(round, { team: other, employerPaid }, 0, tokens[0]!),
        );
        if (moved.status !== 200) throw new Error(`editing an answer: ${moved.status} ${JSON.stringify(moved.body)}`);
        const edited = respondentsShown(await summary(target));
        if (edited !== null) estimates.push(edited - (k - 1));
      } finally {
        for (const token of tokens) await api.send("DELETE", `/api/v1/responses/${token}`);
      }
      const real = options.truth.evaluate(
        `open:${team}:${employerPaid}`,
        refine(describe(round), { teams: [team], employerPaid }, options.catalogue),
      ).count;
      const agreed = estimates.length > 0 && estimates.every((e) => e === estimates[0]);
      if (agreed && estimates[0] === real && real >= 1 && real < k) {
        report.derivedExactly++;
        if (report.examples.length < 5)
          report.examples.push(`${round} team=${team} employerPaid=${employerPaid ?? "any"}: ${real}`);
      }
    }
  return report;
}
