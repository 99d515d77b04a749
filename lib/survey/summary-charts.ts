// The dashboard's charts by id: titles, what their numbers are counted over, and their CSV rows.
// Pure: the page, the JSON API and /api/export/aggregates/[chart] share these definitions.
import { MAX_ADJUSTMENT } from "./perturbation-table";
import { DEFAULT_QUESTIONS } from "./questions";
import { CONTRIBUTION_KINDS, type ContributionKind, type EmployerPaid, type Frequency } from "./answer-codes";
import {
  NO_ANSWER,
  NOT_ASKED,
  type EmployerPaidKey,
  type EmployerPaidSeries,
  type FrequencySeries,
  type FrequencySeriesKey,
  type YearsSeries,
} from "./summary-answers";
import type {
  CategoriesSeries,
  ComparisonSeries,
  HeatmapSeries,
  HistogramSeries,
  KindsSeries,
  Measure,
  PairsSeries,
  TimelineSeries,
  TopProjectsSeries,
} from "./summary-shape";
import { displayCell } from "./suppression";

export const CHART_IDS = [
  "top-projects",
  "categories",
  "projects-per-respondent",
  "kinds-per-category",
  "team-category",
  "co-contribution",
  "round-comparison",
  "responses-over-time",
  "frequency",
  "years-contributing",
  "employer-paid",
] as const;
export type ChartId = (typeof CHART_IDS)[number];

/** Downloads: one CSV per chart, and the co-contribution matrix as its own tidy table. */
export const EXPORT_IDS = [...CHART_IDS, "co-contribution-matrix"] as const;
export type ExportId = (typeof EXPORT_IDS)[number];
export const exportChart = (id: ExportId): ChartId => (id === "co-contribution-matrix" ? "co-contribution" : id);

export interface SummaryChartSeries {
  "top-projects": TopProjectsSeries;
  categories: CategoriesSeries;
  "projects-per-respondent": HistogramSeries;
  "kinds-per-category": KindsSeries;
  "team-category": HeatmapSeries;
  "co-contribution": PairsSeries;
  "round-comparison": ComparisonSeries;
  "responses-over-time": TimelineSeries;
  frequency: FrequencySeries;
  "years-contributing": YearsSeries;
  "employer-paid": EmployerPaidSeries;
}

export interface ChartInfo {
  title: string;
  /** The unit of the percentage view: what the chart's percentages are of; n is written beside it. */
  denominator: string;
  /** The unit of the count view: what each count counts. */
  countUnit: string;
}

export const CHART_INFO: Record<ChartId, ChartInfo> = {
  "top-projects": {
    title: "Top upstream projects",
    denominator: "% of respondents who chose the project",
    countUnit: "respondents who chose the project",
  },
  categories: {
    title: "Upstream categories",
    denominator: "% of respondents contributing to at least one project in the category",
    countUnit: "respondents contributing to at least one project in the category",
  },
  "projects-per-respondent": {
    title: "Upstream projects per respondent",
    denominator: "% of respondents, by number of projects chosen; each respondent counted once",
    countUnit: "respondents, by number of projects chosen; each respondent counted once",
  },
  "kinds-per-category": {
    title: "Kinds of contribution per category",
    denominator: "% of all the kinds named in the category",
    countUnit:
      "respondents naming each kind for at least one project of the category; a respondent naming several kinds counts in each",
  },
  "team-category": {
    title: "OpenStack team × upstream category",
    denominator: "% of each team's respondents contributing to the category",
    countUnit: "respondents of each team contributing to the category",
  },
  "co-contribution": {
    title: "Projects contributed to together",
    denominator: "% of respondents who chose both projects",
    countUnit: "respondents who chose both projects",
  },
  "round-comparison": {
    title: "Comparison between rounds",
    denominator: "% of each round's respondents, same filters, same project ids",
    countUnit: "respondents in each round, same filters, same project ids",
  },
  "responses-over-time": {
    title: "Responses over time",
    denominator: "% of responses, per day (UTC)",
    countUnit: "responses per day (UTC)",
  },
  frequency: {
    title: "How often respondents contribute, per project",
    denominator: "% of the project's respondents",
    countUnit: "respondents who chose the project, by how often",
  },
  "years-contributing": {
    title: "Years contributing to OpenStack",
    denominator: "% of respondents, by years contributing; each respondent counted once",
    countUnit: "respondents, by years contributing; each respondent counted once",
  },
  "employer-paid": {
    title: "Upstream work paid by the employer",
    denominator: "% of respondents, by answer; each respondent counted once",
    countUnit: "respondents, by answer; each respondent counted once",
  },
};

export const FREQUENCY_LABELS: Record<FrequencySeriesKey, string> = {
  ...(Object.fromEntries(DEFAULT_QUESTIONS.frequency.options.map((option) => [option.code, option.label])) as Record<
    Frequency,
    string
  >),
  [NOT_ASKED]: "Not asked (named as free text)",
};

export const EMPLOYER_PAID_LABELS: Record<EmployerPaidKey, string> = {
  ...(Object.fromEntries(DEFAULT_QUESTIONS.employerPaid.options.map((option) => [option.code, option.label])) as Record<
    EmployerPaid,
    string
  >),
  [NO_ANSWER]: "No answer",
};

export const KIND_LABELS: Record<ContributionKind, string> = Object.fromEntries(
  DEFAULT_QUESTIONS.kinds.options.map((option) => [option.code, option.label]),
) as Record<ContributionKind, string>;

export interface CsvTable {
  header: string[];
  rows: (string | number)[][];
}

const pct = (value: number | null) => (value === null ? "" : value.toFixed(1));
const measureCells = (m: Measure) => [displayCell(m.count), pct(m.percent)];

/** The CSV of one chart: the same cells the chart shows, "<k" ones as "<k", no derived sums. */
export function chartToCsv(id: ExportId, series: SummaryChartSeries[ChartId]): CsvTable {
  switch (id) {
    case "top-projects": {
      const s = series as TopProjectsSeries;
      return {
        header: ["rank", "project_slug", "project", "category", "respondents", "percent_of_respondents"],
        rows: s.rows.map((row, i) => [i + 1, row.slug, row.name, row.category, ...measureCells(row)]),
      };
    }
    case "categories": {
      const s = series as CategoriesSeries;
      return {
        header: ["category_slug", "category", "respondents", "percent_of_respondents"],
        rows: s.rows.map((row) => [row.slug, row.name, ...measureCells(row)]),
      };
    }
    case "projects-per-respondent": {
      const s = series as HistogramSeries;
      return {
        header: ["projects_chosen", "respondents", "percent_of_respondents"],
        rows: s.withheld ? [] : s.bins.map((bin) => [bin.label, ...measureCells(bin)]),
      };
    }
    case "kinds-per-category": {
      const s = series as KindsSeries;
      return {
        header: [
          "category_slug",
          "category",
          "respondents_in_category",
          "kind",
          "respondents_naming_kind",
          "percent_of_category_respondents",
          "percent_of_kinds_named",
        ],
        rows: s.rows.flatMap((row) =>
          CONTRIBUTION_KINDS.map((kind) => [
            row.slug,
            row.name,
            displayCell(row.respondents),
            kind,
            ...measureCells(row.kinds[kind]),
            pct(row.mix[kind]),
          ]),
        ),
      };
    }
    case "team-category": {
      const s = series as HeatmapSeries;
      return {
        header: [
          "team_slug",
          "team",
          "team_respondents",
          "category_slug",
          "category",
          "respondents",
          "percent_of_team_respondents",
        ],
        rows: s.rows.flatMap((row) =>
          row.cells.map((cell, i) => [
            row.slug,
            row.name,
            displayCell(row.respondents),
            s.categories[i]!.slug,
            s.categories[i]!.name,
            ...measureCells(cell),
          ]),
        ),
      };
    }
    case "co-contribution": {
      const s = series as PairsSeries;
      return {
        header: [
          "rank",
          "first_slug",
          "first",
          "second_slug",
          "second",
          "respondents_with_both",
          "percent_of_respondents",
        ],
        rows: s.pairs.map((pair, i) => [
          i + 1,
          pair.first.slug,
          pair.first.name,
          pair.second.slug,
          pair.second.name,
          ...measureCells(pair),
        ]),
      };
    }
    case "co-contribution-matrix": {
      const s = series as PairsSeries;
      const { projects, cells } = s.matrix;
      return {
        header: ["row_slug", "row", "column_slug", "column", "respondents_with_both", "percent_of_respondents"],
        rows: projects.flatMap((row, i) =>
          projects.map((column, j) => [row.slug, row.name, column.slug, column.name, ...measureCells(cells[i]![j]!)]),
        ),
      };
    }
    case "round-comparison": {
      const s = series as ComparisonSeries;
      return {
        header: [
          "project_slug",
          "project",
          "round_slug",
          "round",
          "round_respondents",
          "respondents",
          "percent_of_round_respondents",
        ],
        rows: s.projects.flatMap((project) =>
          project.byRound.map((m, i) => [
            project.slug,
            project.name,
            s.rounds[i]!.slug,
            s.rounds[i]!.title,
            displayCell(s.rounds[i]!.respondents),
            ...measureCells(m),
          ]),
        ),
      };
    }
    case "responses-over-time": {
      const s = series as TimelineSeries;
      return {
        header: ["day_utc", "responses", "percent_of_responses"],
        rows: s.withheld ? [] : s.days.map((day) => [day.day, ...measureCells(day)]),
      };
    }
    case "frequency": {
      const s = series as FrequencySeries;
      return {
        header: [
          "project_slug",
          "project",
          "project_respondents",
          "frequency",
          "respondents",
          "percent_of_project_respondents",
        ],
        rows: s.rows.flatMap((row) =>
          s.frequencies.map((key) => [
            row.slug,
            row.name,
            displayCell(row.respondents),
            key,
            ...measureCells(row.frequencies[key]),
          ]),
        ),
      };
    }
    case "years-contributing": {
      const s = series as YearsSeries;
      return {
        header: ["years_contributing", "respondents", "percent_of_respondents"],
        rows: s.withheld
          ? []
          : s.bins.map((bin) => [bin.from === null ? "no answer" : bin.label, ...measureCells(bin)]),
      };
    }
    case "employer-paid": {
      const s = series as EmployerPaidSeries;
      return {
        header: ["answer", "answer_label", "respondents", "percent_of_respondents"],
        rows: s.withheld
          ? []
          : s.rows.map((row) => [row.answer, EMPLOYER_PAID_LABELS[row.answer], ...measureCells(row)]),
      };
    }
  }
  throw new Error(`unknown chart ${String(id)}`);
}

/** What each filter means; shown on the page and returned by the API. */
export const FILTER_DEFINITIONS = {
  respondents:
    "n is the number of responses in the round that match every filter; percentages are of n unless a chart says otherwise.",
  round: "Responses submitted to that survey round.",
  team: "Respondents who chose that OpenStack team (they may have chosen others too).",
  category:
    "Respondents with at least one project in that upstream category; their other projects still count in every chart.",
  employerPaid:
    "Respondents who gave that answer to “Does your employer pay for your upstream work?”; “unanswered”: those who did not answer it.",
  smallCells: `Every count is adjusted a little so that nobody can be singled out, even by comparing figures (the cell key method, docs/privacy.md): a count of k (MIN_CELL_SIZE) or more is shown changed by at most ${MAX_ADJUSTMENT}, a count of 1 to k−1 as “<k” or as 0, and 0 as 0. The same respondents always get the same figure, in every chart, filter, CSV and API answer. Percentages are of the shown figures; “<k” gives none. Parts may add up to a little more or less than their total. Fewer than k respondents: no figures at all.`,
} as const;

export function describeSmallCellRule(k: number): string {
  return `Small numbers are adjusted so that nobody can be singled out, even by comparing one view with another. Every count of ${k} or more is shown changed by at most ${MAX_ADJUSTMENT} (up or down), and never below ${k}; a count from 1 to ${k - 1} is shown as 0 or, now and then, as ${k}. So a 0 means “fewer than ${k}, perhaps none”, and a ${k} may stand for as few as 1. The same group of respondents always gets the same adjustment, wherever it appears, so asking again or filtering differently does not undo it. Percentages are worked out from the adjusted figures, and because each figure is adjusted on its own, parts may add up to a few more or less than their total (the top projects to more or less than n, for instance). When the number of respondents matching the filters is shown as 0, no figures are shown at all.`;
}
