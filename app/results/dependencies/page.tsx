import type { Metadata } from "next";
import { connection } from "next/server";
import { Fragment } from "react";
import { FilterForm } from "@/components/results/filter-form";
import * as shared from "@/components/results/results-page-parts";
import deps from "@/components/results/dependencies.module.css";
import styles from "@/components/results/results.module.css";
import { getDatabase } from "@/lib/db/client";
import { getCounting } from "@/lib/db/read-pool";
import {
  getDependencyReport,
  listDependencySections,
  resolveDependencyRequest,
} from "@/lib/db/dependency-queries";
import { listSummaryFilterOptions } from "@/lib/db/summary-queries";
import { getWhereToHelp } from "@/lib/db/where-to-help-queries";
import { WhereToHelp } from "@/components/results/where-to-help";
import type { RoundChange } from "@/lib/survey/where-to-help";
import { getEnv } from "@/lib/env";
import {
  DEPENDENCY_DEFINITIONS,
  describeTier,
  toDependencyQueryString,
  type CoverageCell,
} from "@/lib/survey/dependency-shape";
import { DEFAULT_QUESTIONS } from "@/lib/survey/questions";
import { employerPaidFilterOptions } from "@/lib/survey/summary-filters";
import { toSummaryQueryString } from "@/lib/survey/summary-filters";
import { displayCell } from "@/lib/survey/suppression";

export const metadata: Metadata = { title: "Dependencies that need help" };

const describeChange = (change: RoundChange | undefined) =>
  !change ? "–" : change.change === null ? `was ${displayCell(change.previous)}` : change.change > 0 ? `+${change.change}` : String(change.change);
const percent = (share: number | null) => (share === null ? "–" : `${(share * 100).toFixed(1)}%`);
const coverageText = (cell: CoverageCell) =>
  `${cell.covered} of ${cell.dependencies} (${percent(cell.share)}); ${cell.inSurvey} in the survey`;

export default async function DependenciesPage({ searchParams }: { searchParams: Promise<shared.SearchParams> }) {
  await connection();
  const handle = getDatabase();
  const k = getEnv().MIN_CELL_SIZE;
  const params = shared.toUrlSearchParams(await searchParams);
  const [options, sections, request] = await Promise.all([
    listSummaryFilterOptions(handle.db),
    listDependencySections(handle.db),
    resolveDependencyRequest(handle.db, params),
  ]);
  // "Not answered" is a value like the others (docs/privacy.md), so it is offered too.
  const employerPaidOptions = employerPaidFilterOptions(DEFAULT_QUESTIONS.employerPaid.options);

  const intro = (
    <shared.PageIntro title="Dependencies that need help">
      OpenStack’s external dependencies (its global requirements) and how many respondents contribute to each: fewest
      first. Aggregates only, small counts suppressed. <a href="/results">Back to the results</a>
    </shared.PageIntro>
  );

  if (!request.ok) {
    return (
      <>
        {intro}
        <shared.FilterProblems
          issues={request.issues}
          reset={{ href: "/results/dependencies", label: "Show the dependencies without filters" }}
        />
      </>
    );
  }
  if (!request.filters) {
    return (
      <>
        {intro}
        <p className="notice">{shared.NO_ROUND_YET}</p>
      </>
    );
  }

  const f = request.filters;
  const values = {
    round: f.round.slug,
    team: f.team?.slug ?? "",
    category: f.category?.slug ?? "",
    employerPaid: f.employerPaid ?? "",
    section: request.section ?? "",
  };
  const source = { ...handle, ...getCounting() };
  const report = await getDependencyReport(source, f, request.section, k);
  const help = report.status === "ok" && report.rows ? await getWhereToHelp(source, f, report.rows, k) : null;
  const query = toDependencyQueryString(values);
  const n = displayCell(report.respondents);
  const chips = shared.filterChips(f, employerPaidOptions, [request.section && `Section: ${request.section}`]);
  // The dashboard has no per-project filter: a row links to it filtered to the project's category.
  const dashboardLink = (categorySlug: string) =>
    `/results${toSummaryQueryString({ round: f.round.slug, category: categorySlug })}`;

  return (
    <>
      {intro}
      <FilterForm
        selects={[
          ...shared.summaryFilterSelects({
            rounds: options.rounds,
            teams: options.teams,
            categories: options.categories,
            employerPaidOptions,
          }),
          {
            name: "section",
            label: "Requirement section",
            all: "All sections",
            groups: [{ options: sections.map((section) => ({ value: section, label: section })) }],
          },
        ]}
        values={values}
        keep={["round"]}
      />
      <shared.SummaryBar
        round={f.round.title}
        n={n}
        chips={chips}
        unfiltered="No filters: every response of the round, every section."
      />
      <details className={styles.definitions}>
        <summary>How these figures are counted</summary>
        <dl>
          <dt>n</dt>
          <dd>{DEPENDENCY_DEFINITIONS.respondents}</dd>
          <dt>Rows</dt>
          <dd>{DEPENDENCY_DEFINITIONS.rows}</dd>
          <dt>Contributors</dt>
          <dd>{DEPENDENCY_DEFINITIONS.contributors}</dd>
          <dt>Section</dt>
          <dd>{DEPENDENCY_DEFINITIONS.section}</dd>
          <dt>Ranking</dt>
          <dd>{DEPENDENCY_DEFINITIONS.ranking}</dd>
          <dt>Coverage</dt>
          <dd>{DEPENDENCY_DEFINITIONS.coverage}</dd>
          <dt>Small counts</dt>
          <dd>
            Counts of 1 to {k - 1} are shown as “&lt;{k}” and give no share; zero is shown as 0. Maintainers are
            “hidden” when they or the other contributors of that row number 1 to {k - 1}, since either could be worked
            out from the other. When fewer than {k} respondents match the filters, no figures are shown at all.
          </dd>
          <dt>API</dt>
          <dd>
            The same figures as JSON: <a href={`/api/v1/dependencies${query}`}>/api/v1/dependencies</a>
          </dd>
        </dl>
      </details>

      {report.status === "after-close" ? (
        <p className="notice" role="status" data-no-figures="after-close">
          {f.round.title} is still open: its figures appear once it has closed.{" "}
          <a href="/results">See the latest round with figures</a>
        </p>
      ) : report.status === "no-responses" ? (
        <p className="notice" role="status">
          This round has no figures yet: they appear once at least {k} people have answered.
        </p>
      ) : report.status === "too-few" || !report.rows || !report.coverage ? (
        <p className="notice" role="status">
          Fewer than {k} respondents match these filters, so no figures are shown: with so few, a respondent could be
          recognised. Widen the filters.
        </p>
      ) : (
        <>
          <section
            className={`${styles.panel} ${deps.coverage}`}
            aria-labelledby="coverage-heading"
            data-testid="coverage"
          >
            <div>
              <h2 id="coverage-heading">Coverage</h2>
              <div className={deps.bigFigure} data-testid="coverage-overall">
                {percent(report.coverage.overall.share)}
              </div>
              <p className="muted">
                {report.coverage.overall.covered} of all {report.coverage.overall.dependencies} external dependencies have
                at least {k} contributing respondents, of n = {n}. {report.coverage.overall.inSurvey} of them are in the
                survey (catalogue projects respondents can name); the other{" "}
                {report.coverage.overall.dependencies - report.coverage.overall.inSurvey} are not in the survey yet and
                count as not covered.
              </p>
            </div>
            <table className={deps.table} aria-label="Coverage by section">
              <thead>
                <tr>
                  <th>Section</th>
                  <th className={deps.number}>With ≥ {k} contributors</th>
                </tr>
              </thead>
              <tbody>
                {report.coverage.bySection.map((row) => (
                  <tr key={row.section}>
                    <td>{row.section}</td>
                    <td className={deps.number}>{coverageText(row)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section className={deps.section} aria-labelledby="needs-help-heading">
            <h2 id="needs-help-heading">Every external dependency: fewest contributors first</h2>
            <p className="muted">
              {report.rows.length + report.unmatched.length} external dependencies
              {request.section ? ` in section “${request.section}”` : ""}: {report.rows.length} in the survey and{" "}
              {report.unmatched.length} not in the survey yet. Percentages are of n = {n} respondents. Each name links to
              the dashboard filtered to that project’s upstream category (the dashboard has no per-project filter).
            </p>
            <div className={deps.actions}>
              <a href={`/api/export/dependencies.csv${query}`}>Download CSV</a>
              <a href={`/api/export/dependencies.csv${toDependencyQueryString(values, { bom: "1" })}`}>
                CSV for Excel (with BOM)
              </a>
            </div>
            <div className={deps.tableWrap}>
              <table className={deps.table} data-testid="needs-help">
                <thead>
                  <tr>
                    <th>Dependency (project)</th>
                    <th>Section</th>
                    <th className={deps.number}>Respondents</th>
                    <th className={deps.number}>Maintainers</th>
                    <th className={deps.number}>% of respondents</th>
                    <th className={deps.number}>
                      {help?.previousRound ? `Change since ${help.previousRound.title}` : "Change since the previous round"}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.rows.map((row, i) => (
                    <Fragment key={row.projectId}>
                      {i === 0 || report.rows?.[i - 1]?.tier !== row.tier ? (
                        <tr className={deps.tierRow}>
                          <td colSpan={6}>{describeTier(row.tier, k)}</td>
                        </tr>
                      ) : null}
                      <tr data-project={row.slug}>
                        <td>
                          <a href={dashboardLink(row.categorySlug)} title={`Dashboard filtered to ${row.categoryName}`}>
                            {row.name}
                          </a>
                          <div className={deps.packages}>
                            {row.packages.join(", ")} · {row.categoryName}
                          </div>
                        </td>
                        <td>{row.sections.join(", ")}</td>
                        <td className={deps.number}>{displayCell(row.respondents)}</td>
                        <td className={deps.number}>{displayCell(row.maintainers)}</td>
                        <td className={deps.number}>{percent(row.share)}</td>
                        <td className={deps.number}>{describeChange(help?.changes[row.slug])}</td>
                      </tr>
                    </Fragment>
                  ))}
                  {report.unmatched.length > 0 ? (
                    <tr className={deps.tierRow}>
                      <td colSpan={6}>Not in the survey yet: the form does not offer these, so nobody could name them</td>
                    </tr>
                  ) : null}
                  {report.unmatched.map((dep) => (
                    <tr key={dep.package} data-package={dep.package} data-not-in-survey="">
                      <td>{dep.package}</td>
                      <td>{dep.section}</td>
                      <td colSpan={4} className="muted">
                        not in the survey yet
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          {help ? <WhereToHelp help={help} k={k} n={n} /> : null}
        </>
      )}

      {report.status !== "ok" ? (
        <section className={deps.section} aria-labelledby="unmatched-heading">
          <h2 id="unmatched-heading">External dependencies not in the survey yet</h2>
          <p className="muted">
            {report.unmatched.length} external packages{request.section ? ` in section “${request.section}”` : ""} map to
            no catalogue entry, so respondents cannot name them on the form. Organisers can add them at{" "}
            <a href="/admin/catalogue/dependencies">/admin/catalogue/dependencies</a>.
          </p>
          <ul className={deps.unmatched} data-testid="unmatched">
            {report.unmatched.map((dep) => (
              <li key={dep.package}>
                {dep.package} <span className="muted">({dep.section})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
