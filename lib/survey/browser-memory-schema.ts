// Reads what this browser kept (lib/survey/browser-memory.ts says what that is). Stored text may be old, from
// another version of the survey, or edited by hand, so it is checked before use. A module of its own because
// it needs Zod: the form loads it only when the browser has kept something, not with the page.
import "./zod-config";
import { z } from "zod";
import type { Draft, RememberedAnswers } from "./browser-memory";
import { EDIT_TOKEN_PATTERN } from "./response-limits";

const text = z.string().max(20_000);
const draftSchema = z.object({
  savedAt: z.number(),
  values: z.object({
    round: text,
    teams: z.array(text).max(200),
    notOpenStackContributor: z.boolean(),
    projects: z.array(z.object({ slug: text, kinds: z.array(text).max(10), frequency: text })).max(300),
    nothingOutsideOpenStack: z.boolean(),
    others: text,
    yearsContributing: text,
    employerPaid: text,
    comment: text,
  }),
}) satisfies z.ZodType<Draft>;

const rememberedSchema = z.record(
  z.string(),
  z.object({ token: z.string().regex(EDIT_TOKEN_PATTERN), answeredAt: z.string() }),
) satisfies z.ZodType<RememberedAnswers>;

const parseJson = (stored: string | null): unknown => {
  try {
    return stored === null ? null : JSON.parse(stored);
  } catch {
    return null;
  }
};

/** A stored draft, or null for nothing stored or anything unreadable (an old format, a hand edit). */
export function parseDraft(stored: string | null): Draft | null {
  const result = draftSchema.safeParse(parseJson(stored));
  return result.success ? result.data : null;
}

export function parseRememberedAnswers(stored: string | null): RememberedAnswers {
  const result = rememberedSchema.safeParse(parseJson(stored));
  return result.success ? result.data : {};
}
