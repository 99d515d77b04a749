// The charts of the questions asked about each respondent and each project beside the projects themselves: how
// often they contribute to a project, how many years they have contributed to OpenStack, and whether their
// employer pays for their upstream work. Rows as the queries return them in (each with its respondents' key
// sum), series published through the cell key method like every other chart (lib/survey/cell-key.ts). Pure: the
// page, the JSON API and the CSV downloads share these functions.
import { EMPLOYER_PAID, FREQUENCIES, type EmployerPaid, type Frequency } from "./answer-codes";
import { percentOf, rankProjects, type Measure, type Ref } from "./summary-shape";
import type { ProjectCountRow, SummaryLabels } from "./summary-rows";
import { addTallies, EMPTY_TALLY, publishTally, type Tally } from "./cell-key";
import type { Cell } from "./suppression";

// ---------------------------------------------------------------------------------------------
// Inputs

/** Respondents who chose a project with a given frequency ("once", "occasionally", "regularly", or other). */
export interface FrequencyRow {
  projectId: number;
  frequency: string;
  respondents: number;
  keySum: number;
}
/** Respondents by their answer to "how many years" (null: not answered). */
export interface YearsRow {
  years: number | null;
  respondents: number;
  keySum: number;
}
/** Respondents by their answer to "does your employer pay" (null: not answered). */
export interface EmployerPaidRow {
  answer: string | null;
  respondents: number;
  keySum: number;
}

// ---------------------------------------------------------------------------------------------
// 1. How often, per project: the most chosen projects, each split by frequency.

/** A project named only as free text and matched to the catalogue was never asked how often. */
export const NOT_ASKED = "not-asked";
export const FREQUENCY_SERIES = [...FREQUENCIES, NOT_ASKED] as const;
export type FrequencySeriesKey = (typeof FREQUENCY_SERIES)[number];
export const FREQUENCY_PROJECTS_LIMIT = 10;

export interface FrequencySeries {
  frequencies: readonly FrequencySeriesKey[];
  rows: (Ref & {
    /** The project's respondents under these filters (as in the top projects chart). */
    respondents: Cell;
    /** Per frequency: respondents who chose the project with it; percent of the project's respondents. */
    frequencies: Record<FrequencySeriesKey, Measure>;
  })[];
}

const frequencyKey = (stored: string): FrequencySeriesKey =>
  (FREQUENCIES as readonly string[]).includes(stored) ? (stored as Frequency) : NOT_ASKED;

/**
 * The projects shown as a count, most chosen first (as the top projects chart ranks them), each with its
 * respondents split by frequency. Each frequency is published on its own, so the project's figure minus the
 * shown ones is no hidden frequency's true count.
 */
export function shapeFrequency(
  projectRows: readonly ProjectCountRow[],
  rows: readonly FrequencyRow[],
  labels: SummaryLabels,
  k: number,
  limit = FREQUENCY_PROJECTS_LIMIT,
): FrequencySeries {
  const projects = new Map(labels.projects.map((project) => [project.id, project]));
  const byProject = new Map<number, Record<FrequencySeriesKey, Tally>>();
  for (const row of rows) {
    let tallies = byProject.get(row.projectId);
    if (!tallies) {
      tallies = Object.fromEntries(FREQUENCY_SERIES.map((key) => [key, EMPTY_TALLY])) as Record<FrequencySeriesKey, Tally>;
      byProject.set(row.projectId, tallies);
    }
    const key = frequencyKey(row.frequency);
    tallies[key] = addTallies(tallies[key], { count: row.respondents, keySum: row.keySum });
  }
  // The projects shown as a count (as the top projects chart publishes them), most first.
  const ranked = rankProjects(projectRows, labels, k)
    .filter((row) => !row.count.suppressed)
    .slice(0, limit);
  return {
    frequencies: FREQUENCY_SERIES,
    rows: ranked.map((row) => {
      const project = projects.get(row.projectId)!;
      const tallies = byProject.get(row.projectId);
      return {
        slug: project.slug,
        name: project.name,
        respondents: row.count,
        frequencies: Object.fromEntries(
          FREQUENCY_SERIES.map((key) => {
            const count = publishTally(tallies?.[key] ?? EMPTY_TALLY, k);
            return [key, { count, percent: percentOf(count, row.count) }];
          }),
        ) as Record<FrequencySeriesKey, Measure>,
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// 2. Years contributing to OpenStack (histogram), with the respondents who did not answer as a bin of their own.

/** Bins of whole years: labels short enough for a phone's column chart. */
export const YEARS_BINS = [
  { label: "0", from: 0, to: 0 },
  { label: "1", from: 1, to: 1 },
  { label: "2", from: 2, to: 2 },
  { label: "3–4", from: 3, to: 4 },
  { label: "5–9", from: 5, to: 9 },
  { label: "10+", from: 10, to: null },
] as const;
export const NO_ANSWER_LABEL = "n/a";

export interface YearsSeries {
  /** The bins in order, then "n/a" (no answer): together every respondent, each published on its own. */
  bins: ({ label: string; from: number | null; to: number | null } & Measure)[];
  /** Always false since every bin is perturbed: kept so readers of the API need no change. */
  withheld: boolean;
}

export const yearsBinOf = (years: number | null): number => {
  if (years === null || !Number.isFinite(years)) return YEARS_BINS.length;
  const index = YEARS_BINS.findIndex((bin) => years >= bin.from && (bin.to === null || years <= bin.to));
  // A negative number is not a valid answer; it cannot be stored, but would count as no answer.
  return index === -1 ? YEARS_BINS.length : index;
};

export function shapeYears(rows: readonly YearsRow[], n: number, k: number): YearsSeries {
  const tallies: Tally[] = Array.from({ length: YEARS_BINS.length + 1 }, () => EMPTY_TALLY);
  for (const row of rows) {
    const bin = yearsBinOf(row.years);
    tallies[bin] = addTallies(tallies[bin]!, { count: row.respondents, keySum: row.keySum });
  }
  const cells = tallies.map((tally) => publishTally(tally, k));
  const bins = [
    ...YEARS_BINS.map((bin) => ({ label: bin.label, from: bin.from, to: bin.to })),
    {
      label: NO_ANSWER_LABEL,
      from: null,
      to: null,
    },
  ];
  return {
    bins: bins.map((bin, i) => ({ ...bin, count: cells[i]!, percent: percentOf(cells[i]!, n) })),
    withheld: false,
  };
}

// ---------------------------------------------------------------------------------------------
// 3. Employer-paid: respondents by answer, with those who did not answer.

export const NO_ANSWER = "no-answer";
export type EmployerPaidKey = EmployerPaid | typeof NO_ANSWER;
export const EMPLOYER_PAID_SERIES: readonly EmployerPaidKey[] = [...EMPLOYER_PAID, NO_ANSWER];

export interface EmployerPaidSeries {
  rows: ({ answer: EmployerPaidKey } & Measure)[];
  /** Always false since every answer is perturbed: kept so readers of the API need no change. */
  withheld: boolean;
}

export function shapeEmployerPaid(rows: readonly EmployerPaidRow[], n: number, k: number): EmployerPaidSeries {
  const tallies: Tally[] = EMPLOYER_PAID_SERIES.map(() => EMPTY_TALLY);
  for (const row of rows) {
    const found = EMPLOYER_PAID_SERIES.indexOf((row.answer ?? NO_ANSWER) as EmployerPaidKey);
    const index = found === -1 ? EMPLOYER_PAID_SERIES.length - 1 : found;
    tallies[index] = addTallies(tallies[index]!, { count: row.respondents, keySum: row.keySum });
  }
  // The same respondents as the employer-paid filter selects: the same figure as that filter's n.
  const cells = tallies.map((tally) => publishTally(tally, k));
  return {
    rows: EMPLOYER_PAID_SERIES.map((answer, i) => ({ answer, count: cells[i]!, percent: percentOf(cells[i]!, n) })),
    withheld: false,
  };
}
