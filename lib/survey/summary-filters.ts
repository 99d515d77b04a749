// The dashboard's filters and view switch, parsed strictly from a query string. Pure: the database check
// (does this round/team/category exist?) happens in lib/db/summary-queries.ts on the parsed slugs.
// Strict on purpose: an unknown parameter or value is an error, never silently dropped, because a dropped
// filter would show the unfiltered figures under a URL that looks filtered.
import { z } from "zod";
import { EMPLOYER_PAID } from "./answer-codes";

export const SUMMARY_VIEWS = ["percent", "count"] as const;
export type SummaryView = (typeof SUMMARY_VIEWS)[number];

/**
 * The employer-paid filter: each answer, and "unanswered" (no answer given). Without "unanswered", the respondents
 * who skipped the question were the one group that could only be had by subtraction (n minus the four answers),
 * outside the perturbation of any published figure.
 */
export const EMPLOYER_PAID_FILTERS = [...EMPLOYER_PAID, "unanswered"] as const;
export type EmployerPaidFilter = (typeof EMPLOYER_PAID_FILTERS)[number];

/** What the filter forms offer for employer-paid: the question's answers, then "Not answered". */
export function employerPaidFilterOptions(
  answers: readonly { code: string; label: string }[],
): { code: EmployerPaidFilter; label: string }[] {
  return [...answers.map((a) => ({ code: a.code as EmployerPaidFilter, label: a.label })), { code: "unanswered", label: "Not answered" }];
}

const SLUG = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const slug = (what: string) =>
  z.string().regex(SLUG, `must be a ${what} slug (lower-case letters, digits, ".", "_" or "-")`);

export const summaryFiltersSchema = z
  .object({
    round: slug("round").optional(),
    team: slug("team").optional(),
    category: slug("category").optional(),
    employerPaid: z
      .enum(EMPLOYER_PAID_FILTERS, { error: `must be one of ${EMPLOYER_PAID_FILTERS.join(", ")}` })
      .optional(),
    view: z.enum(SUMMARY_VIEWS, { error: `must be one of ${SUMMARY_VIEWS.join(", ")}` }).default("percent"),
  })
  .strict();

export type SummaryFilters = z.infer<typeof summaryFiltersSchema>;

/** Parameters that change the output format only (CSV downloads); they are allowed where the caller says so. */
export const FORMAT_PARAMETERS = ["bom"] as const;
export type FormatParameter = (typeof FORMAT_PARAMETERS)[number];

export interface FilterIssue {
  parameter: string;
  message: string;
}

export type ParsedSummaryQuery =
  | { ok: true; filters: SummaryFilters; format: Partial<Record<FormatParameter, string>> }
  | { ok: false; issues: FilterIssue[] };

const FILTER_KEYS = ["round", "team", "category", "employerPaid", "view"] as const;

/**
 * Parse a query string. An empty value means "no filter" (a GET form's "All" option submits `team=`);
 * a repeated parameter, an unknown parameter or an invalid value is an issue.
 */
export function parseSummaryQuery(
  params: URLSearchParams,
  options: { allowFormat?: boolean } = {},
): ParsedSummaryQuery {
  const issues: FilterIssue[] = [];
  const record: Record<string, string> = {};
  const format: Partial<Record<FormatParameter, string>> = {};
  const seen = new Set<string>();
  for (const [key, value] of params) {
    if (seen.has(key)) {
      issues.push({ parameter: key, message: `"${key}" is given more than once; give it at most once` });
      continue;
    }
    seen.add(key);
    if (options.allowFormat && (FORMAT_PARAMETERS as readonly string[]).includes(key)) {
      if (key === "bom" && value !== "" && value !== "0" && value !== "1") {
        issues.push({ parameter: key, message: `"bom" must be 0 or 1` });
      }
      format[key as FormatParameter] = value;
      continue;
    }
    if (!(FILTER_KEYS as readonly string[]).includes(key)) {
      const allowed = [...FILTER_KEYS, ...(options.allowFormat ? FORMAT_PARAMETERS : [])].join(", ");
      issues.push({ parameter: key, message: `unknown parameter "${key}"; allowed: ${allowed}` });
      continue;
    }
    const trimmed = value.trim();
    if (trimmed !== "") record[key] = trimmed;
  }
  const result = summaryFiltersSchema.safeParse(record);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const parameter = String(issue.path[0] ?? "query");
      issues.push({ parameter, message: `"${parameter}" ${issue.message.replace(/^Invalid input: /, "")}` });
    }
  }
  if (issues.length > 0 || !result.success) return { ok: false, issues };
  return { ok: true, filters: result.data, format };
}

/** The query string for a set of filters, in a fixed order, leaving out defaults: the shareable URL. */
export function toSummaryQueryString(filters: Partial<SummaryFilters>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (filters.round) params.set("round", filters.round);
  if (filters.team) params.set("team", filters.team);
  if (filters.category) params.set("category", filters.category);
  if (filters.employerPaid) params.set("employerPaid", filters.employerPaid);
  if (filters.view && filters.view !== "percent") params.set("view", filters.view);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** One sentence per issue, for the page and the API's error body. */
export function describeFilterIssues(issues: readonly FilterIssue[]): string {
  return issues.map((issue) => issue.message).join("; ");
}
