// The counts one summary is shaped from, whichever way they are obtained: by counting the round's rows
// (lib/db/summary-queries.ts, any filter set) or by reading the totals the write transactions keep
// (lib/db/round-totals.ts, the whole round or one team). Both give the same rows for the same data, so
// lib/survey/summary-shape.ts cannot tell them apart (tests/integration/round-totals.test.ts).
import type { Tally } from "../survey/cell-key";
import type {
  BinRow,
  CategoryKindRow,
  DayRow,
  PairRow,
  ProjectCountRow,
  RoundCountRow,
  RoundProjectRow,
  TeamCategoryRow,
  TeamCountRow,
} from "../survey/summary-rows";
import type { EmployerPaidRow, FrequencyRow, YearsRow } from "../survey/summary-answers";

export interface SummaryCounts {
  /** n: the respondents the filters select, with the sum of their record keys. */
  respondents(): Promise<Tally>;
  /** Every respondent of the round, whatever the filters: tells "no responses yet" from "too few match". */
  roundRespondents(): Promise<Tally>;
  projects(): Promise<ProjectCountRow[]>;
  categoryKinds(): Promise<CategoryKindRow[]>;
  projectsPerRespondent(): Promise<BinRow[]>;
  teams(): Promise<TeamCountRow[]>;
  teamCategories(): Promise<TeamCategoryRow[]>;
  pairs(): Promise<PairRow[]>;
  responsesPerDay(): Promise<DayRow[]>;
  /** The same filters in other rounds, for the round comparison. */
  rounds(roundIds: readonly number[]): Promise<RoundCountRow[]>;
  roundProjects(roundIds: readonly number[], projectIds: readonly number[]): Promise<RoundProjectRow[]>;
  /** Respondents per project and frequency ("how often"). */
  frequencies(): Promise<FrequencyRow[]>;
  /** Respondents per answer to "how many years", and without one. */
  years(): Promise<YearsRow[]>;
  /** Respondents per answer to "does your employer pay", and without one. */
  employerPaid(): Promise<EmployerPaidRow[]>;
}

/** Each count asked for once per summary, however many charts share it. */
export function memoised(counts: SummaryCounts): SummaryCounts {
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    if (!memo.has(key)) memo.set(key, load());
    return memo.get(key) as Promise<T>;
  };
  return {
    respondents: () => once("respondents", () => counts.respondents()),
    roundRespondents: () => once("roundRespondents", () => counts.roundRespondents()),
    projects: () => once("projects", () => counts.projects()),
    categoryKinds: () => once("categoryKinds", () => counts.categoryKinds()),
    projectsPerRespondent: () => once("projectsPerRespondent", () => counts.projectsPerRespondent()),
    teams: () => once("teams", () => counts.teams()),
    teamCategories: () => once("teamCategories", () => counts.teamCategories()),
    pairs: () => once("pairs", () => counts.pairs()),
    responsesPerDay: () => once("responsesPerDay", () => counts.responsesPerDay()),
    rounds: (roundIds) => counts.rounds(roundIds),
    roundProjects: (roundIds, projectIds) => counts.roundProjects(roundIds, projectIds),
    frequencies: () => once("frequencies", () => counts.frequencies()),
    years: () => once("years", () => counts.years()),
    employerPaid: () => once("employerPaid", () => counts.employerPaid()),
  };
}
