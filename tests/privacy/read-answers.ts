// From one API answer to observations: each published count named by what it counts (cells.ts). Written from
// the API's documented shapes (docs/api.md), defensively: a field that is missing is skipped, not guessed.
import { refine, type Catalogue, type Description } from "./cells";
import { readCell, type Crawl, type Published } from "./observations";

type Json = Record<string, unknown>;
const asList = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const asObject = (value: unknown): Json => (value && typeof value === "object" ? (value as Json) : {});
const slugOf = (value: unknown): string => String(asObject(value).slug ?? value);

/**
 * A partition withheld whole (every cell hidden because any shown one would give a small one away) says nothing
 * about its cells: "complementary" then does not mean "at least k".
 */
function withheldCell(cell: Published, withheld: boolean): Published {
  return withheld && cell.reason === "complementary" ? { ...cell, reason: "withheld" } : cell;
}

/** Descending lists of rows ordered by their count, ties by name, as the summary's charts document. */
function listRows(crawl: Crawl, where: string, keys: string[], names: string[]) {
  if (keys.length > 1) crawl.lists.push({ where, keys, names, direction: "descending" });
}

export function readSummary(crawl: Crawl, base: Description, query: string, body: unknown, catalogue: Catalogue) {
  const summary = asObject(body);
  const at = (chart: string, row: string) => `summary?${query} ${chart} ${row}`;
  crawl.observe(base, readCell(summary.respondents), at("n", ""));
  const charts = summary.charts ? asObject(summary.charts) : null;
  if (!charts) return;
  crawl.queriesWithFigures++;
  const sub = (more: Parameters<typeof refine>[1]) => refine(base, more, catalogue);

  const top = asList(asObject(charts["top-projects"]).rows);
  listRows(
    crawl,
    at("top-projects", ""),
    top.map((row) =>
      crawl.observe(sub({ projects: [slugOf(row)] }), readCell(row.count), at("top-projects", slugOf(row)), {
        listedOnlyIfAny: true,
      }),
    ),
    top.map((row) => String(row.name)),
  );

  if (top.length === Number(asObject(charts["top-projects"]).projectsChosen))
    crawl.completeLists.push({ where: at("top-projects", ""), base, dimension: "projects", listed: top.map(slugOf) });

  const categories = asList(asObject(charts.categories).rows);
  listRows(
    crawl,
    at("categories", ""),
    categories.map((row) =>
      crawl.observe(sub({ categories: [slugOf(row)] }), readCell(row.count), at("categories", slugOf(row))),
    ),
    categories.map((row) => String(row.name)),
  );

  const histogram = asObject(charts["projects-per-respondent"]);
  const bins = asList(histogram.bins);
  if (bins.length > 0) {
    const parts = bins.map((bin) =>
      crawl.observe(
        sub({ bin: Number(bin.from) }),
        withheldCell(readCell(bin.count), histogram.withheld === true),
        at("projects-per-respondent", String(bin.from)),
      ),
    );
    crawl.partitions.push({ where: at("projects-per-respondent", ""), total: crawl.remember(base), parts });
  }

  const kinds = asList(asObject(charts["kinds-per-category"]).rows);
  listRows(
    crawl,
    at("kinds-per-category", ""),
    kinds.map((row) => {
      const category = slugOf(row);
      const cells = Object.entries(asObject(row.kinds)).map(
        ([kind, measure]) => [kind, readCell(asObject(measure).count)] as const,
      );
      const withheld = cells.every(([, cell]) => cell.reason === "complementary");
      for (const [kind, cell] of cells)
        crawl.observe(
          sub({ categoryKinds: [`${category}/${kind}`] }),
          withheldCell(cell, withheld),
          at("kinds-per-category", `${category}/${kind}`),
        );
      return crawl.observe(
        sub({ categories: [category] }),
        readCell(row.respondents),
        at("kinds-per-category", category),
        {
          listedOnlyIfAny: true,
        },
      );
    }),
    kinds.map((row) => String(row.name)),
  );

  crawl.completeLists.push({
    where: at("kinds-per-category", ""),
    base,
    dimension: "categories",
    listed: kinds.map(slugOf),
  });

  const heatmap = asObject(charts["team-category"]);
  const heatCategories = asList(heatmap.categories).map(slugOf);
  const teamRows = asList(heatmap.rows);
  listRows(
    crawl,
    at("team-category", ""),
    teamRows.map((row) => {
      const team = slugOf(row);
      asList(row.cells).forEach((cell, i) => {
        const category = heatCategories[i];
        if (category)
          crawl.observe(
            sub({ teams: [team], categories: [category] }),
            readCell(cell.count),
            at("team-category", `${team}/${category}`),
          );
      });
      return crawl.observe(sub({ teams: [team] }), readCell(row.respondents), at("team-category", team), {
        listedOnlyIfAny: true,
      });
    }),
    teamRows.map((row) => String(row.name)),
  );

  const co = asObject(charts["co-contribution"]);
  const pairs = asList(co.pairs);
  listRows(
    crawl,
    at("pairs", ""),
    pairs.map((pair) => {
      const projects = [slugOf(pair.first), slugOf(pair.second)];
      return crawl.observe(sub({ projects }), readCell(pair.count), at("pairs", projects.join("+")));
    }),
    pairs.map((pair) => `${String(asObject(pair.first).name)} ${String(asObject(pair.second).name)}`),
  );
  const matrix = asObject(co.matrix);
  const matrixProjects = asList(matrix.projects).map(slugOf);
  asList(matrix.cells).forEach((cells, i) =>
    asList(cells).forEach((cell, j) => {
      const projects = [matrixProjects[i]!, matrixProjects[j]!];
      if (j >= i) crawl.observe(sub({ projects }), readCell(cell.count), at("matrix", projects.join("+")));
    }),
  );

  const comparison = asObject(charts["round-comparison"]);
  const rounds = asList(comparison.rounds).map(slugOf);
  asList(comparison.rounds).forEach((round) =>
    crawl.observe(sub({ round: slugOf(round) }), readCell(round.respondents), at("round-comparison", slugOf(round))),
  );
  for (const project of asList(comparison.projects))
    asList(project.byRound).forEach((cell, i) => {
      const round = rounds[i];
      if (round)
        crawl.observe(
          sub({ round, projects: [slugOf(project)] }),
          readCell(cell.count),
          at("round-comparison", `${round}/${slugOf(project)}`),
        );
    });

  const timeline = asObject(charts["responses-over-time"]);
  const days = asList(timeline.days);
  if (days.length > 0)
    // Not a partition of n: the axis runs from the first to the last day published as non-zero, so days at
    // either end whose answers were published as 0 are left out, and the days shown may add up to less than n.
    days.forEach((day, i) =>
      crawl.observe(
        sub({ day: String(day.day) }),
        withheldCell(readCell(day.count), timeline.withheld === true),
        at("responses-over-time", String(day.day)),
        {
          // The axis runs from the first answer's day to the last one's: both hold at least one answer.
          listedOnlyIfAny: i === 0 || i === days.length - 1,
        },
      ),
    );
}

export function readDependencies(crawl: Crawl, base: Description, query: string, body: unknown, catalogue: Catalogue) {
  const report = asObject(body);
  const at = (part: string, row: string) => `dependencies?${query} ${part} ${row}`;
  const sub = (more: Parameters<typeof refine>[1]) => refine(base, more, catalogue);
  crawl.observe(base, readCell(report.respondents), at("n", ""));
  const zero = { zeroShownAsZero: true };
  for (const row of asList(report.rows)) {
    const project = slugOf(row);
    crawl.observe(sub({ projects: [project] }), readCell(row.respondents), at("rows", project), zero);
    // Not "zero shown as zero": with the respondents hidden, maintainers show "<k" even when there are none. And
    // "hidden" here means m or r − m is small, not that m is at least k as in a partition.
    const maintainers = readCell(row.maintainers);
    crawl.observe(sub({ maintains: [project] }), { ...maintainers, reason: null }, at("maintainers", project));
  }
  const where = asObject(report.whereToHelp);
  const previous = where.previousRound ? asObject(where.previousRound) : null;
  if (previous) {
    const round = slugOf(previous);
    crawl.observe(sub({ round }), readCell(previous.respondents), at("previous-round", round));
    for (const [project, change] of Object.entries(asObject(where.changes)))
      crawl.observe(
        sub({ round, projects: [project] }),
        readCell(asObject(change).previous),
        at("previous-round", project),
        zero,
      );
  }
  if (report.whereToHelp)
    crawl.completeLists.push({
      where: at("teams", ""),
      base,
      dimension: "teams",
      listed: asList(where.teams).map(slugOf),
    });
  for (const team of asList(where.teams)) {
    const slug = slugOf(team);
    crawl.observe(sub({ teams: [slug] }), readCell(team.respondents), at("teams", slug), { listedOnlyIfAny: true });
    for (const dep of asList(team.dependencies))
      crawl.observe(
        sub({ teams: [slug], projects: [slugOf(dep)] }),
        readCell(dep.respondents),
        at("teams", `${slug}/${slugOf(dep)}`),
        zero,
      );
  }
}
