// The stable codes of the answer options, apart from the schemas that check them: the survey form in the
// browser needs the codes, and importing them from here keeps Zod out of the page's first script.
export const CONTRIBUTION_KINDS = ["code", "review", "bugs", "docs", "maintainer"] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

export const FREQUENCIES = ["once", "occasionally", "regularly"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** Stored frequency of a project the respondent only named as free text (no kinds, no frequency asked). */
export const UNSPECIFIED_FREQUENCY = "unspecified";

export const EMPLOYER_PAID = ["yes", "partly", "no", "prefer-not"] as const;
export type EmployerPaid = (typeof EMPLOYER_PAID)[number];
