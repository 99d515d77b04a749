// The public aggregate CSVs (docs/csv.md) as observations, so a CSV that disagrees with the JSON for the same
// respondents counts in (c), and a small count a CSV lets through counts in (d). Rows are read by column name.
import { parse } from "csv-parse/sync";
import type { PublicApi } from "./api";
import { refine, type Catalogue, type Description, type Refinement } from "./cells";
import type { Crawl, Published } from "./observations";

type Row = Record<string, string>;

/** Per chart: which columns hold counts, and what each counts in terms of the row's other columns. */
const LAYOUTS: Record<string, { column: string; refine: (row: Row) => Refinement }[]> = {
  "top-projects": [{ column: "respondents", refine: (r) => ({ projects: [r.project_slug!] }) }],
  categories: [{ column: "respondents", refine: (r) => ({ categories: [r.category_slug!] }) }],
  "projects-per-respondent": [
    { column: "respondents", refine: (r) => ({ bin: Number.parseInt(r.projects_chosen!, 10) }) },
  ],
  "kinds-per-category": [
    { column: "respondents_in_category", refine: (r) => ({ categories: [r.category_slug!] }) },
    { column: "respondents_naming_kind", refine: (r) => ({ categoryKinds: [`${r.category_slug}/${r.kind}`] }) },
  ],
  "team-category": [
    { column: "team_respondents", refine: (r) => ({ teams: [r.team_slug!] }) },
    { column: "respondents", refine: (r) => ({ teams: [r.team_slug!], categories: [r.category_slug!] }) },
  ],
  "co-contribution": [
    { column: "respondents_with_both", refine: (r) => ({ projects: [r.first_slug!, r.second_slug!] }) },
  ],
  "co-contribution-matrix": [
    { column: "respondents_with_both", refine: (r) => ({ projects: [r.row_slug!, r.column_slug!] }) },
  ],
  "round-comparison": [
    { column: "round_respondents", refine: (r) => ({ round: r.round_slug! }) },
    { column: "respondents", refine: (r) => ({ round: r.round_slug!, projects: [r.project_slug!] }) },
  ],
  "responses-over-time": [{ column: "responses", refine: (r) => ({ day: r.day_utc! }) }],
};

const DEPENDENCY_LAYOUT: { column: string; refine: (row: Row) => Refinement }[] = [
  { column: "respondents", refine: (r) => ({ projects: [r.project_slug!] }) },
  { column: "n", refine: () => ({}) },
];

function readValue(text: string | undefined): Published | null {
  if (text === undefined || text === "") return null;
  return /^\d+$/.test(text)
    ? { value: Number(text), display: null, reason: null }
    : { value: null, display: text, reason: null };
}

function readTable(
  crawl: Crawl,
  base: Description,
  where: string,
  text: string,
  layout: (typeof LAYOUTS)[string],
  catalogue: Catalogue,
) {
  const rows = parse(text.replace(/^\uFEFF/, ""), { columns: true, skip_empty_lines: true }) as Row[];
  for (const row of rows)
    for (const { column, refine: more } of layout) {
      const published = readValue(row[column]);
      // Rows of packages not in the survey carry no count.
      if (published && !(where.startsWith("dependencies") && row.project_slug === ""))
        crawl.observe(refine(base, more(row), catalogue), published, `${where} ${column}`);
    }
}

/** Every aggregate CSV and the dependencies CSV for one filter set (a filter set with figures). */
export async function readCsvExports(
  api: PublicApi,
  crawl: Crawl,
  base: Description,
  query: string,
  catalogue: Catalogue,
): Promise<void> {
  for (const [chart, layout] of Object.entries(LAYOUTS)) {
    const answer = await api.get(`/api/export/aggregates/${chart}?${query}`);
    crawl.queries++;
    if (answer.status === 200 && typeof answer.body === "string")
      readTable(crawl, base, `csv:${chart}?${query}`, answer.body, layout, catalogue);
  }
  const dependencies = await api.get(`/api/export/dependencies.csv?${query}`);
  crawl.queries++;
  if (dependencies.status === 200 && typeof dependencies.body === "string")
    readTable(crawl, base, `dependencies.csv?${query}`, dependencies.body, DEPENDENCY_LAYOUT, catalogue);
}
