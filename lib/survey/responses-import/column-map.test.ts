import { describe, expect, it } from "vitest";
import { DEFAULT_QUESTIONS } from "../questions";
import {
  findQuestion,
  isPersonalColumn,
  parseMapArgument,
  proposeQuestions,
  resolveMapRequests,
  toMapArguments,
} from "./column-map";

const header = [
  "Timestamp",
  "Email address",
  "Which OpenStack project teams have you worked in?",
  "Which projects do you contribute to? [SQLAlchemy]",
  "Which projects do you contribute to? [pip]",
  "Which projects do you contribute to? [Other]",
  "Which programming languages do you use?",
  "Comments [optional]",
];

describe("--map arguments", () => {
  it("splits at the last = and ignores a trailing ellipsis", () => {
    expect(parseMapArgument("Which projects…=projects")).toEqual({
      ok: true,
      value: { text: "Which projects", target: "projects" },
    });
    expect(parseMapArgument("Is 1+1=2 obvious?...=comment")).toEqual({
      ok: true,
      value: { text: "Is 1+1=2 obvious?", target: "comment" },
    });
    expect(parseMapArgument("Years in OpenStack=years_contributing")).toEqual({
      ok: true,
      value: { text: "Years in OpenStack", target: "years" },
    });
    expect(parseMapArgument("Paid?=Employer_Paid")).toMatchObject({ ok: true, value: { target: "employer-paid" } });
  });

  it("refuses a missing header or an unknown target, listing the targets", () => {
    expect(parseMapArgument("projects")).toMatchObject({ ok: false, message: /expected "start of the header=target"/ });
    expect(parseMapArgument("=projects")).toMatchObject({ ok: false });
    expect(parseMapArgument("Which projects=favourites")).toEqual({
      ok: false,
      message:
        '--map "Which projects=favourites": “favourites” is not something to map; one of timestamp, teams, projects, others, years, employer-paid, comment',
    });
  });

  it("prints arguments a shell takes back unchanged", () => {
    expect(toMapArguments([{ text: "Don't know?", target: "comment" }])).toEqual([`--map 'Don'\\''t know?=comment'`]);
  });
});

describe("finding a question", () => {
  it("takes a header's start, case and spacing aside", () => {
    expect(findQuestion(header, "which  openstack PROJECT")).toEqual({
      ok: true,
      value: [{ index: 2, header: header[2], option: null }],
    });
  });

  it("takes every option column of a LimeSurvey multi-select as one question", () => {
    const found = findQuestion(header, "Which projects do you");
    expect(found).toEqual({
      ok: true,
      value: [
        { index: 3, header: header[3], option: "SQLAlchemy" },
        { index: 4, header: header[4], option: "pip" },
        { index: 5, header: header[5], option: "Other" },
      ],
    });
    // Naming one option names the question.
    expect(findQuestion(header, "Which projects do you contribute to? [pip]")).toEqual(found);
  });

  it("prefers a whole header over longer ones starting with it", () => {
    expect(findQuestion(["Comment", "Comment on the survey"], "Comment")).toMatchObject({
      ok: true,
      value: [{ index: 0 }],
    });
  });

  it("keeps a bracket without siblings as part of a plain column", () => {
    expect(findQuestion(header, "Comments")).toEqual({
      ok: true,
      value: [{ index: 7, header: "Comments [optional]", option: null }],
    });
  });

  it("says when a start is ambiguous or matches nothing", () => {
    expect(findQuestion(header, "Which")).toEqual({
      ok: false,
      message:
        "“Which” is ambiguous: it starts 5 columns (“Which OpenStack project teams have you worked in?”, “Which projects do you contribute to? [SQLAlchemy]”, “Which projects do you contribute to? [pip]”, “Which projects do you contribute to? [Other]”, “Which programming languages do you use?”); give more of the header",
    });
    expect(findQuestion(header, "Wich projects")).toEqual({
      ok: false,
      message: "no column starts with “Wich projects”",
    });
  });
});

describe("resolving --map", () => {
  it("refuses personal data, a column mapped twice and two columns for a single answer", () => {
    expect(resolveMapRequests(header, [{ text: "Email", target: "comment" }])).toEqual({
      ok: false,
      message: '--map "Email=comment": “Email address” holds personal data and is never imported',
    });
    expect(
      resolveMapRequests(header, [
        { text: "Which OpenStack", target: "teams" },
        { text: "Which OpenStack", target: "projects" },
      ]),
    ).toMatchObject({ ok: false, message: /already mapped to teams/ });
    expect(resolveMapRequests(header, [{ text: "Which projects", target: "years" }])).toMatchObject({
      ok: false,
      message: /years needs one column, but .* is 3 option columns/,
    });
    expect(
      resolveMapRequests(header, [
        { text: "Which programming", target: "comment" },
        { text: "Comments", target: "comment" },
      ]),
    ).toMatchObject({ ok: false, message: /comment is mapped twice/ });
  });

  it("allows projects from several questions", () => {
    const resolved = resolveMapRequests(header, [
      { text: "Which projects", target: "projects" },
      { text: "Which programming", target: "projects" },
    ]);
    expect(resolved).toMatchObject({
      ok: true,
      value: [
        { target: "projects", question: "Which projects do you contribute to?" },
        { target: "projects", columns: [{ index: 6 }] },
      ],
    });
  });

  it("refuses LimeSurvey option columns named by code, saying which headings to export", () => {
    expect(
      resolveMapRequests(["projects[SQ001]", "projects[SQ002]"], [{ text: "projects", target: "projects" }]),
    ).toMatchObject({
      ok: false,
      message: /names its option by code; export from LimeSurvey with “Full question text” headings/,
    });
  });
});

describe("columns found by their wording", () => {
  it("maps headers worded as the round's questions or as the targets, never personal columns", () => {
    const file = [
      "Timestamp",
      "Email address",
      "Which OpenStack teams do you contribute to?",
      `${DEFAULT_QUESTIONS.projects.label} [SQLAlchemy]`,
      `${DEFAULT_QUESTIONS.projects.label} [pip]`,
      "comment",
      "Name",
    ];
    expect(proposeQuestions(file, DEFAULT_QUESTIONS, []).map((q) => [q.target, q.columns.map((c) => c.index)])).toEqual(
      [
        ["timestamp", [0]],
        ["teams", [2]],
        ["projects", [3, 4]],
        ["comment", [5]],
      ],
    );
    expect(isPersonalColumn("E-mail")).toBe(true);
    expect(isPersonalColumn("ipaddr")).toBe(true);
  });

  it("leaves targets and columns already mapped alone", () => {
    const taken = resolveMapRequests(["Timestamp", "teams", "My teams"], [{ text: "My teams", target: "teams" }]);
    if (!taken.ok) throw new Error(taken.message);
    expect(
      proposeQuestions(["Timestamp", "teams", "My teams"], DEFAULT_QUESTIONS, taken.value).map((q) => q.target),
    ).toEqual(["timestamp"]);
  });
});
