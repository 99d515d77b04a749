// The query parameters of the raw response export. The filter names are the dashboard's (round, team,
// category, employerPaid) so one link's query string works on both; unknown or repeated parameters are
// errors rather than silently ignored, because a typo would otherwise export more than the organiser meant.
import { z } from "zod";
import { EMPLOYER_PAID } from "./answer-codes";
import { EXPORT_LAYOUTS } from "./responses-csv";

/** employerPaid=unanswered selects responses that left the question empty. */
export const EMPLOYER_PAID_FILTER_VALUES = [...EMPLOYER_PAID, "unanswered"] as const;

const slugParameter = (what: string) =>
  z
    .string()
    .max(100, `${what} is too long`)
    .regex(/^[a-z0-9][a-z0-9._-]*$/, `${what} must be a slug (lower-case letters, digits, ".", "_" or "-")`);

export const exportFiltersSchema = z
  .object({
    round: slugParameter("round").optional(),
    team: slugParameter("team").optional(),
    category: slugParameter("category").optional(),
    employerPaid: z.enum(EMPLOYER_PAID_FILTER_VALUES, { error: `employerPaid must be one of ${EMPLOYER_PAID_FILTER_VALUES.join(", ")}` }).optional(),
  })
  .strict();
export type ExportFilters = z.infer<typeof exportFiltersSchema>;

export const responsesExportQuerySchema = exportFiltersSchema
  .extend({
    layout: z.enum(EXPORT_LAYOUTS, { error: `layout must be ${EXPORT_LAYOUTS.join(" or ")}` }).default("wide"),
    bom: z.enum(["0", "1"], { error: "bom must be 0 or 1" }).default("0").transform((value) => value === "1"),
  })
  .strict();
export type ResponsesExportQuery = z.infer<typeof responsesExportQuerySchema>;

export const codebookQuerySchema = z.object({ round: exportFiltersSchema.shape.round, bom: responsesExportQuerySchema.shape.bom }).strict();
export type CodebookQuery = z.infer<typeof codebookQuerySchema>;

export type ParsedQuery<T> = { ok: true; value: T } | { ok: false; message: string };

/** Parse URL search parameters with a strict schema; the message names every bad parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, params: URLSearchParams): ParsedQuery<z.infer<S>> {
  const raw: Record<string, string> = {};
  const repeated: string[] = [];
  for (const [key, value] of params) {
    if (key in raw) repeated.push(key);
    raw[key] = value;
  }
  if (repeated.length > 0) return { ok: false, message: `Give each parameter at most once: ${[...new Set(repeated)].join(", ")}.` };
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const problems = result.error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") return `unknown parameter ${issue.keys.map((key) => `“${key}”`).join(", ")}`;
    return issue.message;
  });
  return { ok: false, message: `Bad query: ${problems.join("; ")}.` };
}
