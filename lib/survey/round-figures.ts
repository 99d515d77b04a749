// Which rounds have figures to show, and which one the results open on. Pure: the database reads each round's
// published n, lib/db/results-rounds.ts.
import { z } from "zod";

export type RoundFigures =
  /** At least k responses and the round's figures may be published: the dashboard shows them. */
  | "available"
  /** A draft: nobody could answer yet. */
  | "not-opened"
  /** Its n is published as 0: no responses, or 1..k-1 published as 0 (docs/privacy.md), which nobody can tell apart. */
  | "no-responses"
  /** 1..k-1 responses: too few to show anything without singling someone out. */
  | "too-few"
  /** The round publishes its figures only once it has closed, and it is still open. */
  | "after-close";

export interface RoundForFigures {
  status: string;
  /** False when the round publishes its figures only after closing; absent means while open. */
  publishWhileOpen?: boolean;
}

/** `responses` may be capped at k: only whether there are none, fewer than k or enough matters. */
export function roundFigures(round: RoundForFigures, responses: number, k: number): RoundFigures {
  if (round.status === "draft") return "not-opened";
  if (round.status === "open" && round.publishWhileOpen === false) return "after-close";
  if (responses === 0) return "no-responses";
  return responses < Math.max(k, 1) ? "too-few" : "available";
}

export interface RoundChoice {
  slug: string;
  title: string;
  status: string;
  isDemo: boolean;
  figures: RoundFigures;
  /** When the round closes by itself, if scheduled: when an "after-close" round's figures will appear. */
  closesAt?: Date | null;
}

/**
 * The round the results open on: the newest real round with figures; else the newest demo round with figures (its
 * title says it is synthetic); else the open round, so the page can say why there is nothing yet; else the newest.
 * `rounds` are newest first.
 */
export function pickDefaultRound<T extends RoundChoice>(rounds: readonly T[]): T | null {
  const withFigures = rounds.filter((round) => round.figures === "available");
  return (
    withFigures.find((round) => !round.isDemo) ??
    withFigures[0] ??
    rounds.find((round) => round.status === "open") ??
    rounds[0] ??
    null
  );
}

/** One plain sentence on why a round shows no figures. */
export function describeMissingFigures(round: Pick<RoundChoice, "title" | "figures" | "closesAt">, k: number): string {
  switch (round.figures) {
    case "not-opened":
      return `${round.title} has not opened yet, so it has no figures.`;
    case "no-responses":
      return `${round.title} has no figures yet: they appear once at least ${k} people have answered.`;
    case "too-few":
      return `${round.title} has fewer than ${k} responses so far. Its figures appear once at least ${k} people have answered, so that nobody can be singled out.`;
    case "after-close":
      // Said in UTC, as the round admin schedules it (lib/survey/round-schedule.ts).
      return round.closesAt
        ? `${round.title} is still open: its figures appear when it closes, on ${round.closesAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`
        : `${round.title} is still open: its figures appear once it has closed.`;
    case "available":
      return `${round.title} has figures.`;
  }
}

/** The round admin's choice: show a round's figures while it is open ("yes") or only once it has closed ("no"). */
export const roundPublishingSchema = z.object({
  roundId: z.coerce.number().int().positive({ error: "Choose a round" }),
  publishWhileOpen: z.enum(["yes", "no"], { error: "Choose whether to publish while open" }).transform((v) => v === "yes"),
});
export type RoundPublishingInput = z.infer<typeof roundPublishingSchema>;
