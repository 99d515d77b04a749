// From a dashboard chart's series to what its card draws (a FigureSpec) and the table beside it. Pure: the
// server builds these once per card; the figure is then drawn on the server and, after a view switch, in the
// browser from the same description.
import {
  hiddenValue,
  shownValue,
  type BarsSpec,
  type ColumnsSpec,
  type FigureSpec,
  type FigureUnits,
  type FigureValue,
} from "@/components/charts/figure-spec";
import { EMPLOYER_PAID_LABELS, FREQUENCY_LABELS, KIND_LABELS } from "@/lib/survey/summary-charts";
import type { EmployerPaidSeries, FrequencySeries, YearsSeries } from "@/lib/survey/summary-answers";
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
} from "@/lib/survey/summary-shape";
import { displayCell } from "@/lib/survey/suppression";

export interface TableData {
  caption: string;
  columns: string[];
  rows: string[][];
}

export interface CardFigure {
  spec: FigureSpec;
  table: TableData;
}

export const fromMeasure = (m: Measure): FigureValue =>
  m.count.suppressed ? hiddenValue(m.count.display) : shownValue(m.count.value, m.percent);

const percentText = (percent: number | null) => (percent === null ? "" : `${percent.toFixed(1)}%`);
/** A table cell holding both views: "15 (24.6%)", or "<5". */
const bothText = (m: Measure) =>
  m.count.suppressed ? m.count.display : `${m.count.value} (${percentText(m.percent)})`;

/** The legend's words for a hatched mark, in the count's own unit. */
export function hiddenNote(k: number, unit: string, extra = ""): string {
  return `hatched: fewer than ${k} ${unit}${extra}, not shown so that nobody can be singled out`;
}

const RESPONDENTS: FigureUnits = { percent: "% of respondents", count: "respondents" };

/** One bar per row, one measure per bar: the shape of most of the dashboard's lists. */
function singleBars(
  id: string,
  label: string,
  units: FigureUnits,
  k: number,
  rows: { label: string; measure: Measure }[],
): BarsSpec {
  return {
    kind: "bars",
    id,
    label,
    units,
    hiddenNote: hiddenNote(k, "respondents"),
    layout: "single",
    series: [],
    rows: rows.map((row) => ({ label: row.label, values: [fromMeasure(row.measure)] })),
  };
}

/** One column per bin or day, one measure per column: the histograms and the timeline. */
function singleColumns(
  id: string,
  label: string,
  units: FigureUnits,
  notes: { hidden: string; zero?: string },
  axis: string,
  columns: { label: string; measure: Measure }[],
): ColumnsSpec {
  return {
    kind: "columns",
    id,
    label,
    units,
    hiddenNote: notes.hidden,
    ...(notes.zero === undefined ? {} : { zeroNote: notes.zero }),
    axis,
    columns: columns.map((column) => ({ label: column.label, value: fromMeasure(column.measure) })),
  };
}

/** A table of one measure per row: the label, any extra columns, the count and its percentage. */
const measureRows = <T extends Measure>(rows: readonly T[], cells: (row: T) => string[]) =>
  rows.map((row) => [...cells(row), displayCell(row.count), percentText(row.percent)]);

export function topProjectsFigure(series: TopProjectsSeries, k: number): CardFigure {
  return {
    spec: singleBars(
      "top-projects",
      "Bar chart of the most chosen upstream projects; the data table below has the numbers",
      { percent: "% of respondents", count: "respondents who chose the project" },
      k,
      series.rows.map((row) => ({ label: row.name, measure: row })),
    ),
    table: {
      caption: "Top upstream projects: respondents who chose each, and their share of all respondents (n)",
      columns: ["Project", "Category", "Respondents", "% of respondents"],
      rows: measureRows(series.rows, (row) => [row.name, row.category]),
    },
  };
}

export function categoriesFigure(series: CategoriesSeries, k: number): CardFigure {
  return {
    spec: singleBars(
      "categories",
      "Bar chart of respondents per upstream category; the data table below has the numbers",
      RESPONDENTS,
      k,
      series.rows.map((row) => ({ label: row.name, measure: row })),
    ),
    table: {
      caption: "Respondents contributing to at least one project in each category, and their share of n",
      columns: ["Category", "Respondents", "% of respondents"],
      rows: measureRows(series.rows, (row) => [row.name]),
    },
  };
}

export function projectsPerRespondentFigure(series: HistogramSeries, k: number): CardFigure {
  return {
    spec: singleColumns(
      "projects-per-respondent",
      "Histogram of respondents by number of upstream projects chosen; the data table below has the numbers",
      RESPONDENTS,
      { hidden: hiddenNote(k, "respondents", ", possibly none") },
      "upstream projects chosen",
      series.bins.map((bin) => ({ label: bin.label, measure: bin })),
    ),
    table: {
      caption: "Respondents by number of upstream projects chosen, and their share of n",
      columns: ["Projects chosen", "Respondents", "% of respondents"],
      rows: measureRows(series.bins, (bin) => [bin.label]),
    },
  };
}

export function responsesOverTimeFigure(series: TimelineSeries, k: number): CardFigure {
  return {
    spec: singleColumns(
      "responses-over-time",
      "Column chart of responses per day; the data table below has the numbers",
      { percent: "% of responses", count: "responses" },
      { hidden: hiddenNote(k, "responses that day", ", possibly none"), zero: `empty: none that day, or fewer than ${k}` },
      "day (UTC, month-day)",
      series.days.map((day) => ({ label: day.day.slice(5), measure: day })),
    ),
    table: {
      caption: "Responses per day (UTC), and their share of all responses (n)",
      columns: ["Day", "Responses", "% of responses"],
      rows: measureRows(series.days, (day) => [day.day]),
    },
  };
}

export function pairsFigure(series: PairsSeries, k: number): CardFigure {
  const name = (pair: PairsSeries["pairs"][number]) => `${pair.first.name} + ${pair.second.name}`;
  return {
    spec: singleBars(
      "co-contribution",
      "Bar chart of the pairs of projects most often chosen together; the data table below has the numbers",
      { percent: "% of respondents", count: "respondents who chose both" },
      k,
      series.pairs.map((pair) => ({ label: name(pair), measure: pair })),
    ),
    table: {
      caption: "Most frequent pairs of projects chosen by the same respondent, and their share of n",
      columns: ["Pair", "Respondents with both", "% of respondents"],
      rows: measureRows(series.pairs, (pair) => [name(pair)]),
    },
  };
}

export function kindsFigure(series: KindsSeries, k: number): CardFigure {
  return {
    spec: {
      kind: "bars",
      id: "kinds-per-category",
      label: "Stacked bars of the kinds of contribution named in each category; the data table below has the numbers",
      units: { percent: "% of the kinds named in the category", count: "respondents naming the kind" },
      hiddenNote: hiddenNote(k, "respondents"),
      layout: "stacked",
      series: series.kinds.map((kind) => KIND_LABELS[kind]),
      rows: series.rows.map((row) => ({
        label: `${row.name} (${displayCell(row.respondents)} respondents)`,
        values: series.kinds.map((kind) => {
          const m = row.kinds[kind];
          return m.count.suppressed ? hiddenValue(m.count.display) : shownValue(m.count.value, row.mix[kind]);
        }),
      })),
    },
    table: {
      caption:
        "Respondents naming each kind of contribution for at least one project of the category, with the kind's share of all kinds named there",
      columns: [
        "Category",
        "Respondents in category",
        ...series.kinds.map((kind) => `${KIND_LABELS[kind]}: respondents (% of kinds named)`),
      ],
      rows: series.rows.map((row) => [
        row.name,
        displayCell(row.respondents),
        ...series.kinds.map((kind) => {
          const m = row.kinds[kind];
          return m.count.suppressed ? m.count.display : `${m.count.value} (${percentText(row.mix[kind] ?? null)})`;
        }),
      ]),
    },
  };
}

export function comparisonFigure(series: ComparisonSeries, k: number): CardFigure {
  const rounds = series.rounds
    .map((round, index) => ({ ...round, index }))
    .filter((round) => !round.respondents.suppressed);
  const roundName = (round: ComparisonSeries["rounds"][number]) =>
    `${round.title} (n = ${displayCell(round.respondents)})`;
  return {
    spec: {
      kind: "bars",
      id: "round-comparison",
      label: "Grouped bars comparing the top projects between rounds; the data table below has the numbers",
      units: { percent: "% of each round's respondents", count: "respondents" },
      hiddenNote: hiddenNote(k, "respondents"),
      layout: "grouped",
      series: rounds.map(roundName),
      rows: series.projects.map((project) => ({
        label: project.name,
        values: rounds.map((round) => fromMeasure(project.byRound[round.index]!)),
      })),
    },
    table: {
      caption: "Respondents per project in each round, and their share of the round's respondents",
      columns: ["Project", ...series.rounds.map(roundName)],
      rows: series.projects.map((project) => [project.name, ...project.byRound.map(bothText)]),
    },
  };
}

export function teamCategoryFigure(series: HeatmapSeries, k: number): CardFigure {
  const rowName = (row: HeatmapSeries["rows"][number]) => `${row.name} (n = ${displayCell(row.respondents)})`;
  return {
    spec: {
      kind: "heat",
      id: "team-category",
      label: "Heatmap of OpenStack teams by upstream category; the data table below has the numbers",
      units: { percent: "% of the team's respondents", count: "respondents" },
      hiddenNote: hiddenNote(k, "respondents"),
      rows: series.rows.map(rowName),
      columns: series.categories.map((category) => category.name),
      cells: series.rows.map((row) => row.cells.map(fromMeasure)),
    },
    table: {
      caption:
        "Respondents of each OpenStack team contributing to each upstream category (% of the team's respondents)",
      columns: ["Team (respondents)", ...series.categories.map((category) => category.name)],
      rows: series.rows.map((row) => [rowName(row), ...row.cells.map(bothText)]),
    },
  };
}

export function matrixFigure(series: PairsSeries, k: number): CardFigure {
  const { projects, cells } = series.matrix;
  const names = projects.map((project) => project.name);
  return {
    spec: {
      kind: "heat",
      id: "co-contribution-matrix",
      label: "Matrix of respondents contributing to both projects; the data table below has the numbers",
      units: { percent: "% of respondents", count: "respondents who chose both" },
      hiddenNote: hiddenNote(k, "respondents"),
      rows: names,
      columns: names,
      cells: cells.map((row) => row.map(fromMeasure)),
      diagonal: true,
    },
    table: {
      caption: "Respondents who chose both projects (% of n); the diagonal: respondents who chose the project",
      columns: ["Project", ...names],
      rows: projects.map((project, i) => [project.name, ...cells[i]!.map(bothText)]),
    },
  };
}

export function frequencyFigure(series: FrequencySeries, k: number): CardFigure {
  const rowName = (row: FrequencySeries["rows"][number]) => `${row.name} (${displayCell(row.respondents)} respondents)`;
  return {
    spec: {
      kind: "bars",
      id: "frequency",
      label:
        "Stacked bars of how often respondents contribute to each of the most chosen projects; the data table below has the numbers",
      units: { percent: "% of the project's respondents", count: "respondents who chose the project, by how often" },
      hiddenNote: hiddenNote(k, "respondents"),
      layout: "stacked",
      series: series.frequencies.map((key) => FREQUENCY_LABELS[key]),
      rows: series.rows.map((row) => ({
        label: rowName(row),
        values: series.frequencies.map((key) => fromMeasure(row.frequencies[key])),
      })),
    },
    table: {
      caption:
        "Respondents who chose each project, by how often they contribute to it (% of the project's respondents)",
      columns: ["Project (respondents)", ...series.frequencies.map((key) => FREQUENCY_LABELS[key])],
      rows: series.rows.map((row) => [
        rowName(row),
        ...series.frequencies.map((key) => bothText(row.frequencies[key])),
      ]),
    },
  };
}

export function yearsFigure(series: YearsSeries, k: number): CardFigure {
  return {
    spec: singleColumns(
      "years-contributing",
      "Histogram of respondents by years contributing to OpenStack; the data table below has the numbers",
      RESPONDENTS,
      { hidden: hiddenNote(k, "respondents", ", possibly none") },
      "years (n/a: no answer)",
      series.bins.map((bin) => ({ label: bin.label, measure: bin })),
    ),
    table: {
      caption: "Respondents by years contributing to OpenStack, and their share of n",
      columns: ["Years", "Respondents", "% of respondents"],
      rows: measureRows(series.bins, (bin) => [bin.from === null ? "no answer" : bin.label]),
    },
  };
}

export function employerPaidFigure(series: EmployerPaidSeries, k: number): CardFigure {
  return {
    spec: singleBars(
      "employer-paid",
      "Bar chart of respondents by whether their employer pays for their upstream work; the data table below has the numbers",
      RESPONDENTS,
      k,
      series.rows.map((row) => ({ label: EMPLOYER_PAID_LABELS[row.answer], measure: row })),
    ),
    table: {
      caption: "Respondents by their answer to “Does your employer pay for your upstream work?”, and their share of n",
      columns: ["Answer", "Respondents", "% of respondents"],
      rows: measureRows(series.rows, (row) => [EMPLOYER_PAID_LABELS[row.answer]]),
    },
  };
}
