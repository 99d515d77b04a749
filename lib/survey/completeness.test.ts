import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COMPLETENESS_MESSAGES, describeIncompleteLeftOut, isCompleteAnswer } from "./completeness";
import { formDataToResponseInput } from "./response-form";
import { responseInputSchema, toFieldErrors } from "./response-schema";

const TOKEN = "AAAAAAAAAAAAAAAAAAAAAA";
const base = {
  round: "openstack-2026",
  token: TOKEN,
  teams: [] as string[],
  notOpenStackContributor: false,
  projects: [] as { slug: string; kinds: string[]; frequency: string }[],
  others: [] as string[],
  yearsContributing: null,
  employerPaid: null,
  comment: null,
};
const errorsOf = (input: unknown) => {
  const result = responseInputSchema.safeParse(input);
  return result.success ? {} : toFieldErrors(result.error);
};
const sqlalchemy = { slug: "sqlalchemy", kinds: ["code"], frequency: "regularly" };

describe("the completeness rule in the response schema", () => {
  it("refuses a blank answer with a message on each of the two questions", () => {
    expect(errorsOf(base)).toEqual({ teams: COMPLETENESS_MESSAGES.teams, projects: COMPLETENESS_MESSAGES.projects });
  });

  it("asks for a team, or 'not an OpenStack contributor', when projects are given", () => {
    expect(errorsOf({ ...base, projects: [sqlalchemy] })).toEqual({ teams: COMPLETENESS_MESSAGES.teams });
    expect(errorsOf({ ...base, projects: [sqlalchemy], notOpenStackContributor: true })).toEqual({});
    expect(errorsOf({ ...base, projects: [sqlalchemy], teams: ["nova"] })).toEqual({});
  });

  it("takes a project, a free-text entry or 'nothing outside OpenStack' as the second half", () => {
    const team = { ...base, teams: ["nova"] };
    expect(errorsOf(team)).toEqual({ projects: COMPLETENESS_MESSAGES.projects });
    expect(errorsOf({ ...team, others: ["my-own-tool"] })).toEqual({});
    expect(errorsOf({ ...team, nothingOutsideOpenStack: true })).toEqual({});
    // Blank lines are not an entry.
    expect(errorsOf({ ...team, others: ["   ", ""] })).toEqual({ projects: COMPLETENESS_MESSAGES.projects });
  });

  it("refuses 'nothing outside OpenStack' together with projects or free text", () => {
    const team = { ...base, teams: ["nova"], nothingOutsideOpenStack: true };
    expect(errorsOf({ ...team, projects: [sqlalchemy] })).toEqual({
      nothingOutsideOpenStack: COMPLETENESS_MESSAGES.nothingAndProjects,
    });
    expect(errorsOf({ ...team, others: ["x"] })).toEqual({
      nothingOutsideOpenStack: COMPLETENESS_MESSAGES.nothingAndProjects,
    });
  });

  it("names the missing answers together with every other error, so a form hears everything at once", () => {
    expect(Object.keys(errorsOf({ ...base, yearsContributing: "six", employerPaid: "maybe" })).sort()).toEqual([
      "employerPaid",
      "projects",
      "teams",
      "yearsContributing",
    ]);
    // An answer that is not a list cannot be counted: only its own message until it is one.
    expect(errorsOf({ ...base, teams: "nova" })).toEqual({ teams: "must be a list" });
  });

  it("is optional for API clients written before the option: leaving it out means not ticked", () => {
    const result = responseInputSchema.safeParse({ ...base, teams: ["nova"], projects: [sqlalchemy] });
    expect(result.success && result.data.nothingOutsideOpenStack).toBe(false);
    expect(errorsOf({ ...base, teams: ["nova"], nothingOutsideOpenStack: "yes" })).toEqual({
      nothingOutsideOpenStack: "must be true or false",
    });
  });

  it("gives the same verdict as isCompleteAnswer for every combination", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), (team, none, project, other, nothing) => {
        const input = {
          ...base,
          teams: team ? ["nova"] : [],
          notOpenStackContributor: none && !team,
          projects: project ? [sqlalchemy] : [],
          others: other ? ["my-own-tool"] : [],
          nothingOutsideOpenStack: nothing && !project && !other,
        };
        const verdict = isCompleteAnswer({
          teams: input.teams.length,
          notOpenStackContributor: input.notOpenStackContributor,
          projects: input.projects.length,
          others: input.others.length,
          nothingOutsideOpenStack: input.nothingOutsideOpenStack,
        });
        expect(responseInputSchema.safeParse(input).success).toBe(verdict);
      }),
    );
  });
});

describe("the completeness rule on a form post", () => {
  const post = (entries: [string, string][]) => {
    const data = new FormData();
    for (const [name, value] of [["round", "openstack-2026"], ["token", TOKEN], ...entries] as const) data.append(name, value);
    return errorsOf(formDataToResponseInput(data.entries()));
  };

  it("refuses an empty form (what Enter in a search box used to send)", () => {
    expect(post([["yearsContributing", ""], ["comment", ""], ["others", "\n"]])).toEqual({
      teams: COMPLETENESS_MESSAGES.teams,
      projects: COMPLETENESS_MESSAGES.projects,
    });
  });

  it("accepts a team and the 'nothing outside OpenStack' checkbox", () => {
    expect(post([["teams", "nova"], ["nothingOutsideOpenStack", "yes"]])).toEqual({});
  });
});

describe("describeIncompleteLeftOut", () => {
  it("says nothing when every answer counts, and hides small numbers as every figure does", () => {
    expect(describeIncompleteLeftOut(0, 5)).toBeNull();
    expect(describeIncompleteLeftOut(1, 5)).toMatch(/^Fewer than 5 stored answers were left out/);
    expect(describeIncompleteLeftOut(4, 5)).toMatch(/^Fewer than 5 /);
    expect(describeIncompleteLeftOut(5, 5)).toMatch(/^5 stored answers were left out because they are incomplete/);
    expect(describeIncompleteLeftOut(1, 1)).toMatch(/^1 stored answer was left out/);
  });
});
