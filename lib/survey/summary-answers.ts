// The charts of the questions asked about each respondent and each project beside the projects themselves: how
// often they contribute to a project, how many years they have contributed to OpenStack, and whether their
// employer pays for their upstream work. Rows as the queries return them in, suppressed series out, with the
// same small-cell rule as every other chart (lib/survey/suppression.ts). Pure: the page, the JSON API and the
// CSV downloads share these functions.
import { EMPLOYER_PAID, FREQUENCIES, type EmployerPaid, type Frequency } from "./questions";
import {
  percentOf,
  rankProjects,
  type Measure,
  type ProjectCountRow,
  type Ref,
  type SummaryLabels,
} from "./summary-shape";
import { shownCell, suppressPartition, type Cell } from "./suppression";

// ---------------------------------------------------------------------------------------------
// Inputs

/** Respondents who chose a project with a given frequency ("once", "occasionally", "regularly", or other). */
export interface FrequencyRow {
  projectId: number;
  frequency: string;
  respondents: number;
}
/** Respondents by their answer to "how many years" (null: not answered). */
export interface YearsRow {
  years: number | null;
  respondents: number;
}
/** Respondents by their answer to "does your employer pay" (null: not answered). */
export interface EmployerPaidRow {
  answer: string | null;
  respondents: number;
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
 * The projects chosen by at least k respondents, most chosen first (as the top projects chart ranks them), each
 * with its respondents split by frequency. The frequencies of a project add up to its respondents, which are
 * shown: a partition, so a hidden cell cannot be worked out by subtraction.
 */
export function shapeFrequency(
  projectRows: readonly ProjectCountRow[],
  rows: readonly FrequencyRow[],
  labels: SummaryLabels,
  k: number,
  limit = FREQUENCY_PROJECTS_LIMIT,
): FrequencySeries {
  const projects = new Map(labels.projects.map((project) => [project.id, project]));
  const byProject = new Map<number, Record<FrequencySeriesKey, number>>();
  for (const row of rows) {
    let counts = byProject.get(row.projectId);
    if (!counts) {
      counts = Object.fromEntries(FREQUENCY_SERIES.map((key) => [key, 0])) as Record<FrequencySeriesKey, number>;
      byProject.set(row.projectId, counts);
    }
    counts[frequencyKey(row.frequency)] += row.respondents;
  }
  const ranked = rankProjects(projectRows, labels)
    .filter((row) => k <= 1 || row.respondents >= k)
    .slice(0, limit);
  return {
    frequencies: FREQUENCY_SERIES,
    rows: ranked.map((row) => {
      const project = projects.get(row.projectId)!;
      const counts = byProject.get(row.projectId);
      const values = FREQUENCY_SERIES.map((key) => counts?.[key] ?? 0);
      const { cells } = suppressPartition(values, k, row.respondents);
      return {
        slug: project.slug,
        name: project.name,
        respondents: shownCell(row.respondents),
        frequencies: Object.fromEntries(
          FREQUENCY_SERIES.map((key, i) => [key, { count: cells[i]!, percent: percentOf(cells[i]!, row.respondents) }]),
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
  /** The bins in order, then "n/a" (no answer): together every respondent, so they add up to n. */
  bins: ({ label: string; from: number | null; to: number | null } & Measure)[];
  withheld: boolean;
}

export const yearsBinOf = (years: number | null): number => {
  if (years === null || !Number.isFinite(years)) return YEARS_BINS.length;
  const index = YEARS_BINS.findIndex((bin) => years >= bin.from && (bin.to === null || years <= bin.to));
  // A negative number is not a valid answer; it cannot be stored, but would count as no answer.
  return index === -1 ? YEARS_BINS.length : index;
};

export function shapeYears(rows: readonly YearsRow[], n: number, k: number): YearsSeries {
  const values = Array.from({ length: YEARS_BINS.length + 1 }, () => 0);
  for (const row of rows) values[yearsBinOf(row.years)]! += row.respondents;
  const { cells, withheld } = suppressPartition(values, k, n);
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
    withheld,
  };
}

// ---------------------------------------------------------------------------------------------
// 3. Employer-paid: respondents by answer, with those who did not answer.

export const NO_ANSWER = "no-answer";
export type EmployerPaidKey = EmployerPaid | typeof NO_ANSWER;
export const EMPLOYER_PAID_SERIES: readonly EmployerPaidKey[] = [...EMPLOYER_PAID, NO_ANSWER];

export interface EmployerPaidSeries {
  rows: ({ answer: EmployerPaidKey } & Measure)[];
  withheld: boolean;
}

export function shapeEmployerPaid(rows: readonly EmployerPaidRow[], n: number, k: number): EmployerPaidSeries {
  const values = EMPLOYER_PAID_SERIES.map(() => 0);
  for (const row of rows) {
    const index = EMPLOYER_PAID_SERIES.indexOf((row.answer ?? NO_ANSWER) as EmployerPaidKey);
    values[index === -1 ? EMPLOYER_PAID_SERIES.length - 1 : index]! += row.respondents;
  }
  const { cells, withheld } = suppressPartition(values, k, n);
  return {
    rows: EMPLOYER_PAID_SERIES.map((answer, i) => ({ answer, count: cells[i]!, percent: percentOf(cells[i]!, n) })),
    withheld,
  };
}
