// "Where to help" on /results/dependencies: the ranking of most-used dependencies with the fewest OpenStack
// contributors, and per OpenStack team the dependencies its members contribute to. Draws what
// lib/db/where-to-help-queries.ts returns (already suppressed); fetches nothing.
import type { WhereToHelpResult } from "@/lib/db/where-to-help-queries";
import { displayCell } from "@/lib/survey/suppression";
import deps from "./dependencies.module.css";

export function WhereToHelp({ help, k, n }: { help: WhereToHelpResult; k: number; n: string }) {
  const withFigures = help.teams.filter((team) => team.dependencies !== null);
  const tooFew = help.teams.filter((team) => team.dependencies === null);
  return (
    <section className={deps.section} aria-labelledby="where-to-help-heading" data-testid="where-to-help">
      <h2 id="where-to-help-heading">Where to help</h2>
      <h3>Most used by OpenStack, fewest OpenStack contributors</h3>
      <p className="muted">
        Ranked by contributors among the n = {n} respondents (none first, then fewer than {k} together, then by count),
        and within that by OpenStack’s use: run-time requirements before test and documentation ones, then those listed
        in the most of the {help.loads} loaded requirement lists.
      </p>
      <div className={deps.tableWrap}>
        <table className={deps.table} data-testid="where-to-help-ranking">
          <thead>
            <tr>
              <th>#</th>
              <th>Dependency (project)</th>
              <th>OpenStack’s use</th>
              <th className={deps.number}>Respondents</th>
              <th className={deps.number}>Maintainers</th>
            </tr>
          </thead>
          <tbody>
            {help.ranking.map((row, i) => (
              <tr key={row.projectId} data-project={row.slug}>
                <td>{i + 1}</td>
                <td>
                  {row.name}
                  <div className={deps.packages}>{row.packages.join(", ")}</div>
                </td>
                <td>
                  {row.runtime ? "run time" : "tests or docs"}; listed in {row.listedIn} of {help.loads}
                </td>
                <td className={deps.number}>{displayCell(row.respondents)}</td>
                <td className={deps.number}>{displayCell(row.maintainers)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>Per OpenStack team: the dependencies its members contribute to</h3>
      <p className="muted">
        Respondents who chose the team (they may have chosen others too). Only dependencies with at least {k} of the
        team’s respondents are listed; teams with fewer than {k} respondents show no figures.
      </p>
      <ul className={deps.teams} data-testid="where-to-help-teams">
        {withFigures.map((team) => (
          <li key={team.slug} data-team={team.slug}>
            <strong>{team.name}</strong> <span className="muted">(n = {displayCell(team.respondents)})</span>:{" "}
            {team.dependencies && team.dependencies.length > 0
              ? team.dependencies.map((dep) => `${dep.name} ${displayCell(dep.respondents)}`).join(", ")
              : `no dependency with ${k} or more contributors`}
          </li>
        ))}
      </ul>
      {tooFew.length > 0 ? (
        <p className="muted">
          Fewer than {k} respondents, so no figures: {tooFew.map((team) => team.name).join(", ")}.
        </p>
      ) : null}
    </section>
  );
}
