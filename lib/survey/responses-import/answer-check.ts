// Every imported answer is checked by the one response schema (../response-schema.ts) that checks the form
// and the API, so an import accepts exactly what a respondent could have submitted: the same teams rule, the
// same limits, the same text rules. A layout only reads its cells into the schema's shape (an AnswerDraft)
// and says how to name a field in its file; this module runs the schema, turns its first complaints into the
// row's reason, resolves slugs to ids and matches free text against the catalogue for the report.
import type { CatalogueIndex, MatchableProject } from "../catalogue-match";
import { matchProjectName } from "../catalogue-match";
import { COMPLETENESS_MESSAGES } from "../completeness";
import { type RoundQuestions } from "../questions";
import { CONTRIBUTION_KINDS, UNSPECIFIED_FREQUENCY, type ContributionKind } from "../answer-codes";
import { responseInputSchema } from "../response-schema";
import { FORBIDDEN_CHARACTERS } from "../response-limits";
import { suggestForTypo } from "./typo-hints";

export interface ImportCatalogue {
  roundSlug: string;
  /** The round's wording: its question labels are recognised as column headers of other tools' exports. */
  questions: RoundQuestions;
  /** slug -> id of the projects the round offers: what a wide column or a long project row may name. */
  roundProjects: ReadonlyMap<string, number>;
  /** slug -> id of every active project: free text may match a project the round does not offer. */
  catalogueProjects: ReadonlyMap<string, number>;
  /** The matcher for free text and project names (names, aliases, last path segment, python- affixes). */
  index: CatalogueIndex<MatchableProject>;
  /** slug -> id of the OpenStack teams. */
  teams: ReadonlyMap<string, number>;
  /** Teams by name and slug, for exports that name them as the form showed them ("Nova"). */
  teamIndex: CatalogueIndex<MatchableProject>;
}

export interface PlannedSelection {
  projectId: number;
  kinds: ContributionKind[];
  frequency: string;
}

/** A valid response of the file, resolved to ids, ready for the bulk write. */
export interface PlannedResponse {
  key: string;
  line: number;
  createdAt: Date | null;
  notOpenStackContributor: boolean;
  nothingOutsideOpenStack: boolean;
  yearsContributing: number | null;
  employerPaid: string | null;
  comment: string | null;
  teamIds: number[];
  selections: PlannedSelection[];
  others: { rawText: string; projectId: number | null }[];
}
export type PlannedAnswer = Omit<PlannedResponse, "key" | "line">;

/** A row's answer in the schema's terms, values as read from the file: the schema decides what is valid. */
export interface AnswerDraft {
  teams: unknown;
  notOpenStackContributor: unknown;
  nothingOutsideOpenStack: unknown;
  projects: { slug: unknown; kinds: unknown; frequency: unknown }[];
  others: unknown;
  yearsContributing: unknown;
  employerPaid: unknown;
  comment: unknown;
}

export type ImportRowStatus = "valid" | "rejected" | "already-imported" | "not-submitted";

export interface ImportRowReport {
  /** Line of the file where the row starts (1 is the header). */
  line: number;
  key: string;
  status: ImportRowStatus;
  /** Projects chosen by slug (wide columns, long project rows). */
  projects: string[];
  /** Names that matched a catalogue project. */
  matched: { text: string; slug: string }[];
  /** Names that matched nothing: stored as free text, with a close catalogue name when one exists. */
  freeText: { text: string; suggestion: string | null }[];
  reason: string | null;
}

/** A row-level problem: the row is rejected with this reason (and, in a long file, on this line). */
export class RowProblem extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}
export const problem = (message: string, line?: number): never => {
  throw new RowProblem(message, line);
};

export const emptyReport = (line: number, key: string): ImportRowReport => ({
  line,
  key,
  status: "valid",
  projects: [],
  matched: [],
  freeText: [],
  reason: null,
});

export function rejectReport(report: ImportRowReport, error: unknown): ImportRowReport {
  if (!(error instanceof RowProblem)) throw error;
  return { ...report, status: "rejected", reason: error.message };
}

/** How a layout names a field of the schema in its file: a column, and for a long file the line it is on. */
export type DescribeField = (path: readonly PropertyKey[]) => { label: string; line?: number };

export interface CheckContext {
  catalogue: ImportCatalogue;
  describe: DescribeField;
  /**
   * Whether free text that matches a project also chooses it (frequency unspecified), as on the web form.
   * Our own exports list those projects explicitly (as linked projects), so there it adds none.
   */
  namesChooseProjects: boolean;
  /** Projects the file chose without kinds (free text an organiser or the matcher linked to them): stored as given. */
  linkedProjectIds?: readonly number[];
  /** Where a free-text entry's match is reported, when entries sit on lines of their own (long files). */
  reportForName?: (text: string) => ImportRowReport;
}

const COMPLETENESS_RULES = new Set<string>(Object.values(COMPLETENESS_MESSAGES));

// The schema checks an edit token because the form and the API carry one; imported answers have no edit
// link (the stored hash is random), so this well-formed stand-in is checked and never stored.
const NO_EDIT_LINK_TOKEN = "imported-answer-nolink";

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (value, key) =>
      value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined,
    input,
  );
}

/** The value as read, when showing it helps and cannot garble the terminal. */
function shown(value: unknown): string {
  if (typeof value === "number" && !Number.isNaN(value)) return ` (${value})`;
  if (
    typeof value === "string" &&
    value.trim() &&
    value.length <= 60 &&
    !FORBIDDEN_CHARACTERS.test(value) &&
    !/[\r\n]/.test(value)
  )
    return ` (“${value.trim()}”)`;
  return "";
}

/** Check a draft with the response schema and resolve it to ids; throws RowProblem naming the field and the rule. */
export function checkAnswer(draft: AnswerDraft, context: CheckContext, report: ImportRowReport): PlannedAnswer {
  const { catalogue, describe } = context;
  const input = { round: catalogue.roundSlug, token: NO_EDIT_LINK_TOKEN, ...draft };
  const result = responseInputSchema.safeParse(input);
  if (!result.success) {
    const first = result.error.issues[0];
    const messages = [
      ...new Set(
        result.error.issues.slice(0, 3).map((issue) => {
          const { label } = describe(issue.path);
          // The completeness rule is about the answer as a whole: say so, so an empty cell is not taken for a typo.
          const rule = COMPLETENESS_RULES.has(issue.message) ? "incomplete answer: " : "";
          return `${rule}${label ? `${label}: ` : ""}${issue.message}${shown(valueAt(input, issue.path))}`;
        }),
      ),
    ];
    return problem(messages.join("; "), first ? describe(first.path).line : undefined);
  }
  const answer = result.data;
  const teamIds = answer.teams.map(
    (slug, i) =>
      catalogue.teams.get(slug) ?? problem(`${describe(["teams", i]).label}: “${slug}” is not an OpenStack team`),
  );
  const selections: PlannedSelection[] = answer.projects.map((project, i) => ({
    projectId:
      catalogue.roundProjects.get(project.slug) ??
      problem(`“${project.slug}” is not a project of round “${catalogue.roundSlug}”`, describe(["projects", i]).line),
    kinds: CONTRIBUTION_KINDS.filter((kind) => project.kinds.includes(kind)),
    frequency: project.frequency,
  }));
  for (const projectId of context.linkedProjectIds ?? []) {
    if (!selections.some((s) => s.projectId === projectId))
      selections.push({ projectId, kinds: [], frequency: UNSPECIFIED_FREQUENCY });
  }
  const others = answer.others.map((text) =>
    resolveName(text, catalogue.index, context.reportForName?.(text) ?? report),
  );
  if (context.namesChooseProjects) {
    for (const other of others) {
      if (other.projectId !== null && !selections.some((s) => s.projectId === other.projectId)) {
        selections.push({ projectId: other.projectId, kinds: [], frequency: UNSPECIFIED_FREQUENCY });
      }
    }
  }
  return {
    createdAt: null,
    notOpenStackContributor: answer.notOpenStackContributor,
    nothingOutsideOpenStack: answer.nothingOutsideOpenStack,
    yearsContributing: answer.yearsContributing,
    employerPaid: answer.employerPaid,
    comment: answer.comment || null,
    teamIds,
    selections,
    others,
  };
}

/** Match a free-text name against the catalogue, keeping the raw text; the report says what it matched. */
function resolveName(rawText: string, index: CatalogueIndex<MatchableProject>, report: ImportRowReport) {
  const project = matchProjectName(index, rawText);
  if (!project) {
    report.freeText.push({ text: rawText, suggestion: suggestForTypo(index, rawText) });
    return { rawText, projectId: null };
  }
  report.matched.push({ text: rawText, slug: project.slug });
  return { rawText, projectId: project.id };
}
