// The organisers' searches: which responses and audit entries a query asks for, and the audit log as CSV.
// Pure: pages and the export route parse their query here, lib/db/admin-search.ts runs it.
import { z } from "zod";
import { toCsv } from "./csv";

// A GET form sends "" for an "all" option: the same as leaving the parameter out.
const blankAsAbsent = (value: unknown) => (value === "" ? undefined : value);
const optionalId = z.preprocess(blankAsAbsent, z.coerce.number().int().positive().optional());
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The start of a UTC day "YYYY-MM-DD", or null for anything that is not a real date. */
export function utcDayStart(day: string): Date | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const date = new Date(`${day}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day ? null : date;
}

const optionalDay = (label: string) =>
  z.preprocess(
    blankAsAbsent,
    z
      .string()
      .refine((value) => utcDayStart(value) !== null, { message: `${label} must be a date like 2027-03-01` })
      .optional(),
  );

export const responseSearchSchema = z
  .object({
    round: optionalId,
    team: optionalId,
    project: optionalId,
    from: optionalDay("From"),
    to: optionalDay("To"),
    page: optionalId,
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: "“From” must not be after “To”", path: ["to"] });
export type ResponseSearch = z.infer<typeof responseSearchSchema>;

/** Both ends included, whole UTC days: from 00:00 of `from` up to (not including) 00:00 after `to`. */
export function dayRange(from: string | undefined, to: string | undefined): { gte?: Date; lt?: Date } | null {
  const start = from ? utcDayStart(from) : null;
  const end = to ? utcDayStart(to) : null;
  if (!start && !end) return null;
  return { ...(start ? { gte: start } : {}), ...(end ? { lt: new Date(end.getTime() + 86_400_000) } : {}) };
}

/** "none": entries no organiser made (the schedule, sign-in attempts by unknown addresses). */
export const NO_ORGANISER = "none";

export const auditSearchSchema = z.object({
  organiser: z.preprocess(blankAsAbsent, z.union([z.literal(NO_ORGANISER), z.coerce.number().int().positive()]).optional()),
  action: z.preprocess(
    blankAsAbsent,
    z
      .string()
      .regex(/^[\w.:-]{1,100}$/, { message: "Unknown action" })
      .optional(),
  ),
  page: optionalId,
});
export type AuditSearch = z.infer<typeof auditSearchSchema>;

/** Read a page's search parameters: the first of repeated values, and the first problem as a message. */
export function parseSearch<S extends z.ZodType>(
  schema: S,
  params: Record<string, string | string[] | undefined>,
): { value: z.infer<S>; problem: string | null } {
  const raw = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { value: parsed.data, problem: null };
  // Drop the fields at fault and search with the rest, saying what was left out.
  const bad = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
  const rest = Object.fromEntries(Object.entries(raw).filter(([key]) => !bad.has(key)));
  const retry = schema.safeParse(rest);
  return { value: retry.success ? retry.data : schema.parse({}), problem: parsed.error.issues[0]?.message ?? "Check the filters" };
}

/** The same search as a query string, for links to other pages of it and to its export. */
export function toSearchQuery(search: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) if (value !== undefined && value !== "") query.set(key, String(value));
  return query.toString();
}

export const AUDIT_CSV_COLUMNS = ["at", "organiser", "action", "target", "outcome", "before", "after"] as const;

export interface AuditCsvEntry {
  at: Date;
  actorEmail: string | null;
  action: string;
  target: string | null;
  outcome: string;
  before: string | null;
  after: string | null;
}

/**
 * The audit log as CSV through the export guard of lib/survey/csv.ts: a typed sign-in address or a project name
 * starting with "=" stays text in a spreadsheet; the BOM makes Excel read UTF-8.
 */
export function auditCsv(entries: readonly AuditCsvEntry[]): string {
  return toCsv(
    AUDIT_CSV_COLUMNS,
    entries.map((entry) => [entry.at, entry.actorEmail ?? "", entry.action, entry.target ?? "", entry.outcome, entry.before ?? "", entry.after ?? ""]),
    { bom: true },
  );
}
