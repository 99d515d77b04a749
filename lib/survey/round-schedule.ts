// When a round is open, computed from its stored status and times at the moment of asking. A round opens and
// closes on time with no timer: every place that asks (submission, survey page, results) computes the same
// answer from the same row, on any instance, after any restart. The stored status catches up afterwards
// (lib/db/round-schedule.ts), so the audit log says when it happened.
import { z } from "zod";

export type RoundStatus = "draft" | "open" | "closed";
/** "scheduled": will open at opensAt; "draft": no opening time set yet. */
export type RoundPhase = "draft" | "scheduled" | "open" | "closed";

export interface ScheduledRound {
  status: string;
  opensAt: Date | null;
  closesAt: Date | null;
}

export function roundPhase(round: ScheduledRound, now: Date): RoundPhase {
  if (round.status === "closed") return "closed";
  const time = now.getTime();
  const hasOpened = round.status === "open" || (round.opensAt !== null && round.opensAt.getTime() <= time);
  if (round.closesAt !== null && round.closesAt.getTime() <= time && hasOpened) return "closed";
  if (round.opensAt !== null && round.opensAt.getTime() > time) return "scheduled";
  return hasOpened ? "open" : "draft";
}

export const isRoundOpen = (round: ScheduledRound, now: Date) => roundPhase(round, now) === "open";

/** The status a reader should see: "scheduled" reads as draft, so respondents never see a round early. */
export function effectiveStatus(round: ScheduledRound, now: Date): RoundStatus {
  const phase = roundPhase(round, now);
  return phase === "scheduled" ? "draft" : phase;
}

/** The stored status a round should move to now, or null when it is where it should be. */
export function dueTransition(round: ScheduledRound, now: Date): "open" | "closed" | null {
  const status = effectiveStatus(round, now);
  if (status === round.status) return null;
  // Only forward moves happen by the clock: a scheduled opening never reopens a closed round.
  if (status === "open" && round.status === "draft") return "open";
  if (status === "closed" && round.status !== "closed") return "closed";
  return null;
}

/** Half-open windows [opensAt, closesAt): two rounds may not be open at the same moment. */
export function windowsOverlap(a: { opensAt: Date; closesAt: Date | null }, b: { opensAt: Date; closesAt: Date | null }) {
  const aEnd = a.closesAt?.getTime() ?? Infinity;
  const bEnd = b.closesAt?.getTime() ?? Infinity;
  return a.opensAt.getTime() < bEnd && b.opensAt.getTime() < aEnd;
}

// <input type="datetime-local"> sends "2027-03-01T09:00" with no zone; the form labels it UTC, so it is read as UTC.
const UTC_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export function parseUtcInput(value: string): Date | null {
  const match = UTC_INPUT.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s));
  // Date.UTC rolls 31 February over to March; a real date reads back the same.
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 ? date : null;
}

/** The value an <input type="datetime-local"> shows for a stored time, in UTC to the minute. */
export const toUtcInput = (date: Date | null) => (date ? date.toISOString().slice(0, 16) : "");

/** "2027-03-01 09:00 UTC", how times are shown to organisers. */
export const formatUtc = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

// Absent (a disabled field is not sent) or empty: no time, the round opens or closes by hand.
const optionalUtcTime = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === "") return null;
    const date = parseUtcInput(value);
    if (!date) {
      ctx.addIssue({ code: "custom", message: "Enter a date and time like 2027-03-01T09:00 (UTC)" });
      return z.NEVER;
    }
    return date;
  });

export const roundScheduleSchema = z
  .object({
    roundId: z.coerce.number().int().positive(),
    opensAt: optionalUtcTime,
    closesAt: optionalUtcTime,
  })
  .refine((input) => !input.opensAt || !input.closesAt || input.opensAt < input.closesAt, {
    message: "The closing time must be after the opening time",
    path: ["closesAt"],
  });
export type RoundScheduleInput = z.infer<typeof roundScheduleSchema>;
