// The import's entry: layout detection and our own layouts (wide, long) and the pairs sheet, read back and
// checked by the response schema. Other tools' exports: form-tool-exports.test.ts; bad bytes: csv-records.test.ts.
import { describe, expect, it } from "vitest";
import { MAX_IMPORT_BYTES } from "./csv-records";
import { countOutcomes } from "./import-report";
import { detectImportLayout, parseImportFile } from "./import-file";
import { testCatalogue as catalogue } from "./test-catalogue";

const file = (text: string) => new TextEncoder().encode(text);
const parseText = (text: string) => parseImportFile(file(text), catalogue);
const parsedOk = (text: string) => {
  const result = parseText(text);
  if (!result.ok) throw new Error(`unexpected file error: line ${result.error.line}: ${result.error.message}`);
  return result;
};
const fileError = (text: string | Uint8Array) => {
  const result = parseImportFile(typeof text === "string" ? file(text) : text, catalogue);
  if (result.ok) throw new Error("expected a file error");
  return result.error;
};

describe("layout detection", () => {
  it.each([
    [["response_id", "round", "sqlalchemy"], "wide"],
    [["response_id", "project_slug", "kinds"], "long"],
    [["Respondent", "Project", "Teams"], "pairs"],
    [["respondent id", "project name"], "pairs"],
  ])("%j is %s", (header, layout) => {
    expect(detectImportLayout(header)).toEqual({ ok: true, layout });
  });
  it("names what it expected when it cannot tell", () => {
    expect(detectImportLayout(["name", "email", "projects"])).toMatchObject({
      ok: false,
      message: /cannot tell the layout/,
    });
  });
});

describe("pairs sheet", () => {
  const sheet = [
    "respondent,project,teams",
    "alice,SQL Alchemy,nova", // name without the space: matched through normalisation
    "alice,pypa/pip,", // alias; the teams given on another line of the respondent
    "bob,k8s,None", // alias of a project the round does not offer: matched all the same, like the web form's free text
    "bob,Kubernets,", // typo: free text, with a suggestion
    "carol,my company's fork,Glance; neutron",
    "carol,,",
    "",
    "dave,python-libvirt,cinder", // an alias (libvirt's own binding)
  ].join("\r\n");

  it("groups lines by respondent and reports what matched and what became free text", () => {
    const result = parsedOk(sheet);
    expect(result.layout).toBe("pairs");
    expect(result.responses.map((r) => r.key)).toEqual(["alice", "bob", "carol", "dave"]);
    const alice = result.responses[0]!;
    expect(alice.selections).toEqual([
      { projectId: 1, kinds: [], frequency: "unspecified" },
      { projectId: 2, kinds: [], frequency: "unspecified" },
    ]);
    expect(alice.others).toEqual([
      { rawText: "SQL Alchemy", projectId: 1 },
      { rawText: "pypa/pip", projectId: 2 },
    ]);
    expect(result.rows.map((row) => [row.line, row.key, row.status, row.matched, row.freeText])).toEqual([
      [2, "alice", "valid", [{ text: "SQL Alchemy", slug: "sqlalchemy" }], []],
      [3, "alice", "valid", [{ text: "pypa/pip", slug: "pip" }], []],
      [4, "bob", "valid", [{ text: "k8s", slug: "kubernetes" }], []],
      [5, "bob", "valid", [], [{ text: "Kubernets", suggestion: "kubernetes" }]],
      [6, "carol", "valid", [], [{ text: "my company's fork", suggestion: null }]],
      [7, "carol", "valid", [], []],
      [9, "dave", "valid", [{ text: "python-libvirt", slug: "libvirt" }], []],
    ]);
  });

  it("gives each respondent's teams, and the two “none” answers", () => {
    const result = parsedOk(sheet);
    expect(
      result.responses.map((r) => [r.key, r.teamIds, r.notOpenStackContributor, r.nothingOutsideOpenStack]),
    ).toEqual([
      ["alice", [10], false, false],
      ["bob", [], true, false],
      ["carol", [12, 11], false, false],
      ["dave", [13], false, false],
    ]);
    const nothing = parsedOk("respondent,project,teams\nerin,I contribute to nothing outside OpenStack,nova\n")
      .responses[0];
    expect(nothing).toMatchObject({ teamIds: [10], nothingOutsideOpenStack: true, selections: [], others: [] });
  });

  it("rejects a respondent whose lines leave a half of the answer blank, naming the rule", () => {
    const result = parsedOk("respondent,project,teams\nerin,pip,\nerin,tox,\nfrank,,nova\ngus,pip,Novaa\n");
    expect(result.rows.map((row) => [row.line, row.status, row.reason])).toEqual([
      [
        2,
        "rejected",
        "incomplete answer: teams: Choose at least one OpenStack team, or “None: I am not an OpenStack contributor”",
      ],
      [3, "rejected", "not imported: line 2 of the same respondent is invalid"],
      [
        4,
        "rejected",
        "incomplete answer: Choose at least one project, name one under “Other projects not listed”, or tick “I contribute to nothing outside OpenStack”",
      ],
      [5, "rejected", "teams: “Novaa” is not an OpenStack team (did you mean nova?)"],
    ]);
  });

  it("refuses a sheet without the teams column, saying why", () => {
    expect(fileError("respondent,project\nalice,pip\n")).toEqual({
      line: 1,
      message:
        "a “respondent, project” sheet needs a third column, teams: every answer must name the respondent's OpenStack teams, or “None: I am not an OpenStack contributor” (see docs/import.md)",
    });
  });

  it("rejects every line of a respondent when one of its lines is invalid", () => {
    const result = parsedOk(
      "respondent,project,teams\nerin,pip,nova\nerin,bad\u0007name,\nfrank,pip,nova\n,pip,nova\n",
    );
    expect(result.responses.map((r) => r.key)).toEqual(["frank"]);
    expect(result.rows.map((row) => [row.line, row.status, row.reason])).toEqual([
      [2, "rejected", "not imported: line 3 of the same respondent is invalid"],
      [3, "rejected", "A project name contains control characters"],
      [4, "valid", null],
      [5, "rejected", "respondent is empty"],
    ]);
    expect(countOutcomes(result.outcomes, false)).toEqual({
      responses: 3,
      imported: 0,
      alreadyImported: 0,
      rejected: 2,
      notSubmitted: 0,
    });
  });
});

describe("wide layout", () => {
  const header =
    "response_id,round,submitted_at,teams,not_openstack_contributor,years_contributing,employer_paid,sqlalchemy,sqlalchemy__frequency,pip,pip__frequency,other_1,other_2,comment";

  it("reads our own export, undoing the formula guard", () => {
    const result = parsedOk(
      `${header}\r\nr1,poll-2019,2019-05-01T10:00:00.000Z,nova|neutron,false,7,partly,code|review,regularly,,,pypa/pip,"'=HYPERLINK(""http://x"",""y"")","multi\nline, comment"\r\n`,
    );
    expect(result.responses).toEqual([
      {
        key: "r1",
        line: 2,
        createdAt: new Date("2019-05-01T10:00:00.000Z"),
        notOpenStackContributor: false,
        nothingOutsideOpenStack: false,
        yearsContributing: 7,
        employerPaid: "partly",
        comment: "multi\nline, comment",
        teamIds: [10, 11],
        // pip only as free text: matched for the report and for triage, but not a selection in a wide file.
        selections: [{ projectId: 1, kinds: ["code", "review"], frequency: "regularly" }],
        others: [
          { rawText: "pypa/pip", projectId: 2 },
          { rawText: '=HYPERLINK("http://x","y")', projectId: null },
        ],
      },
    ]);
  });

  it.each([
    ["r1,poll-2019,,nova,false,,,coding,once,,,,,", "sqlalchemy: is not a kind of contribution (“coding”)"],
    ["r1,poll-2019,,nova,false,,,code,weekly,,,,,", "sqlalchemy__frequency: Choose how often (“weekly”)"],
    ["r1,poll-2019,,nova,false,,,,once,,,,,", "sqlalchemy: Choose at least one kind of contribution"],
    ["r1,poll-2019,,swift,false,,,code,once,,,,,", "teams: “swift” is not an OpenStack team"],
    ["r1,poll-2019,,nova,maybe,,,code,once,,,,,", "not_openstack_contributor: must be true or false (“maybe”)"],
    ["r1,poll-2019,,nova,false,seven,,code,once,,,,,", "years_contributing: Enter a whole number of years"],
    ["r1,poll-2019,,nova,false,75,,code,once,,,,,", "years_contributing: Enter at most 60 years (75)"],
    ["r1,poll-2019,,nova,false,,sometimes,code,once,,,,,", "employer_paid: Choose one of the options (“sometimes”)"],
    ["r1,poll-2019,,nova,false,,,,,,,bad\u0007name,,", "other_1: A project name contains control characters"],
    ["r1,poll-2019,yesterday,nova,false,,,code,once,,,,,", "submitted_at must be an ISO 8601 date or time"],
    ["r1,other-round,,nova,false,,,code,once,,,,,", "round is “other-round” but the import is into “poll-2019”"],
    ["r1,poll-2019,,nova,true,,,code,once,,,,,", "teams: Choose teams or “not an OpenStack contributor”, not both"],
    [
      "r1,poll-2019,,,false,,,code,once,,,,,",
      "incomplete answer: teams: Choose at least one OpenStack team, or “None: I am not an OpenStack contributor”",
    ],
    [
      "r1,poll-2019,,nova,false,,,,,,,,,",
      "incomplete answer: Choose at least one project, name one under “Other projects not listed”",
    ],
    [",poll-2019,,,false,,,,,,,,,", "response_id is empty"],
    ["r1,poll-2019,,,false,,,,,", "has 10 fields but the header has 14"],
  ])("rejects %j", (row, reason) => {
    const result = parsedOk(`${header}\n${row}\n`);
    expect(result.responses).toEqual([]);
    expect(result.rows[0]?.reason).toContain(reason);
  });

  it("rejects a repeated response_id but keeps the first", () => {
    const result = parsedOk(`${header}\nr1,,,nova,,,,code,once,,,,,\nr1,,,nova,,,,,,code,once,,,\n`);
    expect(result.responses.map((r) => r.line)).toEqual([2]);
    expect(result.rows[1]).toMatchObject({
      line: 3,
      status: "rejected",
      reason: "response_id “r1” appears twice (first on line 2)",
    });
    expect(countOutcomes(result.outcomes, true)).toEqual({
      responses: 2,
      imported: 1,
      alreadyImported: 0,
      rejected: 1,
      notSubmitted: 0,
    });
  });

  it("refuses unknown columns, naming them", () => {
    expect(fileError("response_id,sqlalchemy,kubernetes,shoe_size\nr1,,,\n")).toEqual({
      line: 1,
      message: "unknown columns “kubernetes”, “shoe_size”: not a fixed column and not a project of round “poll-2019”",
    });
  });
});

describe("long layout", () => {
  const header =
    "response_id,round,submitted_at,teams,not_openstack_contributor,nothing_outside_openstack,years_contributing,employer_paid,row_type,project_slug,project_name,category,kinds,frequency,other_position,other_text,other_matched_slug";
  it("rebuilds each response from its rows, wherever they are in the file", () => {
    const result = parsedOk(
      [
        header,
        "r1,poll-2019,,nova,false,false,3,no,project,pip,pip,packaging,code,once,,,",
        "r2,poll-2019,,,true,true,,,none,,,,,,,,",
        "r1,poll-2019,,nova,false,false,3,no,project,kubernetes,Kubernetes,containers,,unspecified,,,",
        "r1,poll-2019,,nova,false,false,3,no,other,,,,,,2,my tool,",
        "r1,poll-2019,,nova,false,false,3,no,other,,,,,,1,k8s,kubernetes",
      ].join("\n"),
    );
    expect(
      result.responses.map((r) => [
        r.key,
        r.line,
        r.selections,
        r.others,
        r.notOpenStackContributor,
        r.nothingOutsideOpenStack,
      ]),
    ).toEqual([
      [
        "r1",
        2,
        [
          { projectId: 2, kinds: ["code"], frequency: "once" },
          { projectId: 3, kinds: [], frequency: "unspecified" },
        ],
        [
          { rawText: "k8s", projectId: 3 },
          { rawText: "my tool", projectId: null },
        ],
        false,
        false,
      ],
      ["r2", 3, [], [], true, true],
    ]);
  });
  it("rejects a response whose rows disagree", () => {
    const result = parsedOk(
      [
        header,
        "r1,poll-2019,,nova,false,false,3,no,project,pip,pip,,code,once,,,",
        "r1,poll-2019,,neutron,false,false,3,no,project,sqlalchemy,,,code,once,,,",
      ].join("\n"),
    );
    expect(result.responses).toEqual([]);
    expect(result.rows.map((row) => row.reason)).toEqual([
      "not imported: line 3 of the same respondent is invalid",
      "teams differs from line 2 of the same response",
    ]);
  });
  it("names the line and the rule when the rows of a response leave a half blank", () => {
    const result = parsedOk(
      [
        header,
        "r1,poll-2019,,nova,false,false,,,none,,,,,,,,",
        "r2,poll-2019,,nova,false,true,,,project,pip,,,code,once,,,",
      ].join("\n"),
    );
    expect(result.rows.map((row) => [row.line, row.reason])).toEqual([
      [
        2,
        "incomplete answer: Choose at least one project, name one under “Other projects not listed”, or tick “I contribute to nothing outside OpenStack”",
      ],
      [
        3,
        "incomplete answer: nothing_outside_openstack: Choose projects or “I contribute to nothing outside OpenStack”, not both",
      ],
    ]);
  });
  it("rejects a project with kinds that the round does not offer", () => {
    const result = parsedOk([header, "r1,poll-2019,,nova,false,false,,,project,kubernetes,,,code,once,,,"].join("\n"));
    expect(result.rows[0]?.reason).toBe("“kubernetes” is not a project of round “poll-2019”");
  });
});

describe("whole-file problems", () => {
  it("refuses a file over the size limit before reading it", () => {
    expect(fileError(new Uint8Array(MAX_IMPORT_BYTES + 1))).toMatchObject({
      line: null,
      message: /the limit is 50 MB/,
    });
  });
  it("refuses an empty file and a repeated column", () => {
    expect(fileError("")).toEqual({ line: 1, message: "the file is empty: expected a header row" });
    expect(fileError("response_id,pip,PIP\n")).toEqual({
      line: 1,
      message: "the column “pip” appears twice in the header",
    });
  });
  it("names the line of a CSV problem and of bytes that are not text", () => {
    expect(fileError('respondent,project\nalice,pip\nbob,"sqlalchemy\ncarol,pip\n')).toEqual({
      line: 3,
      message: "not valid CSV: a quoted field is never closed (unbalanced quotes)",
    });
    expect(
      fileError(new Uint8Array([...file("respondent,project\nalice,pip\nbob,caf"), 0xe9, ...file("\n")])),
    ).toMatchObject({ line: 3, message: /not UTF-8/ });
  });
});
