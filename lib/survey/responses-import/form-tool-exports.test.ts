// Google Forms and LimeSurvey exports, read from fixtures written as the tools write them
// (tests/fixtures/import/README.md), and the ways such a file or row is refused.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { MapRequest } from "./column-map";
import { parseImportFile, type ImportFileOptions } from "./import-file";
import { testCatalogue as catalogue } from "./test-catalogue";

const fixture = (name: string) => readFileSync(new URL(`../../../tests/fixtures/import/${name}`, import.meta.url));
const parsed = (bytes: Uint8Array, options: ImportFileOptions = {}) => {
  const result = parseImportFile(bytes, catalogue, options);
  if (!result.ok) throw new Error(`unexpected file error: line ${result.error.line}: ${result.error.message}`);
  return result;
};
const failure = (bytes: Uint8Array, options: ImportFileOptions = {}) => {
  const result = parseImportFile(bytes, catalogue, options);
  if (result.ok) throw new Error("expected a file error");
  return result.error;
};
const text = (value: string) => new TextEncoder().encode(value);
const ukSheetMap: MapRequest[] = [
  { text: "Which OpenStack project teams", target: "teams" },
  { text: "Upstream projects", target: "projects" },
  { text: "Years in", target: "years" },
];

describe("Google Forms download", () => {
  const result = parsed(fixture("google-forms-download.csv"));

  it("finds the columns worded as the round's questions and never reads the email address", () => {
    expect(result.layout).toBe("google-forms");
    expect(result.notes).toEqual([
      "columns read: “Timestamp” → timestamp; “Which OpenStack teams do you contribute to?” → teams; “Which projects outside OpenStack do you contrib…” → projects; “Other projects not listed” → others; “How many years have you contributed to OpenStac…” → years; “Does your employer pay for your upstream work?” → employer-paid; “Anything else? (optional)” → comment",
      "personal data, never read or stored: “Email address”",
    ]);
    expect(JSON.stringify(result.responses)).not.toMatch(/example\.org/);
  });

  it("reads each row as the web form would have stored the same choices", () => {
    const [ada, bo, cy] = result.responses;
    expect(ada).toEqual({
      key: "google-forms:2026-03-03T09:15:42Z",
      line: 2,
      createdAt: new Date("2026-03-03T09:15:42Z"),
      notOpenStackContributor: false,
      nothingOutsideOpenStack: false,
      yearsContributing: 7,
      employerPaid: "partly",
      comment: "Thanks for running this!",
      teamIds: [10, 11],
      selections: [1, 4, 5, 2].map((projectId) => ({ projectId, kinds: [], frequency: "unspecified" })),
      others: [
        { rawText: "SQLAlchemy", projectId: 1 },
        { rawText: "libvirt", projectId: 4 },
        { rawText: "QEMU", projectId: 5 },
        { rawText: "pypa/pip", projectId: 2 },
      ],
    });
    expect(bo).toMatchObject({
      notOpenStackContributor: true,
      teamIds: [],
      employerPaid: "no",
      yearsContributing: null,
      comment: null,
    });
    // Multi-line cells: free text one entry per line, the comment kept whole.
    expect(cy).toMatchObject({ line: 4, comment: "First line\nsecond line, with a comma", employerPaid: "yes" });
    expect(cy?.others.map((o) => o.rawText)).toEqual(["Ceph", "Kubernets", "my own tool", "some-internal-lib"]);
  });

  it("reports matches and typo hints, and keys two responses of the same second apart", () => {
    expect(result.rows.map((row) => [row.line, row.key, row.freeText])).toEqual([
      [2, "google-forms:2026-03-03T09:15:42Z", []],
      [3, "google-forms:2026-03-03T13:04:09Z", []],
      [
        4,
        "google-forms:2026-03-04T08:30:00Z",
        [
          { text: "Kubernets", suggestion: "kubernetes" },
          { text: "my own tool", suggestion: null },
          { text: "some-internal-lib", suggestion: null },
        ],
      ],
      [7, "google-forms:2026-03-05T10:00:00Z", []],
      [8, "google-forms:2026-03-05T10:00:00Z#2", []],
    ]);
  });
});

describe("Google Sheets download (UK locale)", () => {
  it("needs --map for its own wording, and says which columns to map", () => {
    expect(failure(fixture("google-sheets-uk.csv"))).toMatchObject({
      line: 1,
      message:
        /no column holds the projects: name it with --map "start of the question=projects" \(columns: “Timestamp”, “Email address”,/,
    });
  });

  it("reads day-first dates once a day past 12 shows the order", () => {
    const result = parsed(fixture("google-sheets-uk.csv"), { map: ukSheetMap });
    expect(
      result.responses.map((r) => [r.key, r.teamIds, r.yearsContributing, r.others.map((o) => o.rawText)]),
    ).toEqual([
      ["google-forms:2026-03-03T10:15:42Z", [10, 14], 4, ["Linux kernel", "QEMU"]],
      ["google-forms:2026-03-14T08:00:01Z", [11], 9, ["SQLAlchemy", "Django", '"Sphinx" themes']],
    ]);
  });

  it("refuses a file whose dates are both day first and month first", () => {
    const mixed = text("Timestamp,Teams,Projects\n14/03/2026 08:00:01,nova,pip\n3/15/2026 08:00:01,nova,tox\n");
    expect(failure(mixed, { map: [{ text: "Projects", target: "projects" }] })).toEqual({
      line: 3,
      message: "dates are written both day first and month first (compare line 2)",
    });
  });

  it("reads dates that cannot tell month first unless told, and says so", () => {
    const undecided = text("Timestamp,Teams,Projects\n3/4/2026 08:00:01,nova,pip\n");
    const map: MapRequest[] = [{ text: "Projects", target: "projects" }];
    expect(parsed(undecided, { map }).responses[0]?.createdAt).toEqual(new Date("2026-03-04T08:00:01Z"));
    expect(parsed(undecided, { map }).notes).toContain(
      "dates like 3/4/2026 were read month first, as Google Sheets writes them in the US; pass --date-order dmy if they are day first",
    );
    expect(parsed(undecided, { map, dateOrder: "dmy" }).responses[0]?.createdAt).toEqual(
      new Date("2026-04-03T08:00:01Z"),
    );
  });
});

describe("LimeSurvey", () => {
  it("reads full headings: option columns ticked “Yes”, the [Other] text, and leaves never-submitted responses out", () => {
    const result = parsed(fixture("limesurvey-full-headings.csv"));
    expect(result.layout).toBe("limesurvey");
    expect(result.outcomes.map((o) => [o.key, o.status])).toEqual([
      ["limesurvey:1:1846390529", "valid"],
      ["limesurvey:2:392011746", "not-submitted"],
      ["limesurvey:3:771203958", "valid"],
      ["limesurvey:4:1203389471", "valid"],
    ]);
    expect(result.rows[1]).toMatchObject({
      line: 3,
      status: "not-submitted",
      reason: "not submitted (Date submitted is empty), left out",
    });
    expect(
      result.responses.map((r) => [
        r.teamIds,
        r.notOpenStackContributor,
        r.others.map((o) => o.rawText),
        r.yearsContributing,
        r.employerPaid,
        r.comment,
      ]),
    ).toEqual([
      [[10], false, ["SQLAlchemy", "libvirt"], 5, "partly", null],
      [[11], false, ["pip", "company-ci-tools", "my-tool"], 2, "no", "Viel Erfolg!"],
      [[], true, ["libvirt"], null, "yes", null],
    ]);
  });

  it("reads question-code headings with semicolons, answer codes, LimeSurvey's undated submissions and its formula guard", () => {
    const result = parsed(fixture("limesurvey-codes.csv"), { map: [{ text: "paid", target: "employer-paid" }] });
    expect(
      result.responses.map((r) => [
        r.key,
        r.createdAt,
        r.teamIds,
        r.others.map((o) => o.rawText),
        r.employerPaid,
        r.comment,
      ]),
    ).toEqual([
      ["limesurvey:11:55012", new Date("2026-03-10T09:00:00Z"), [10, 11], ["sqlalchemy"], "partly", null],
      ["limesurvey:12:9021", null, [12], ["libvirt", "tox"], "no", "=SUM(1,2) is how I count"],
    ]);
    expect(result.outcomes.at(-1)).toEqual({ key: "limesurvey:13:77731", status: "not-submitted" });
  });
});

describe("rows refused, with the line and the rule", () => {
  const header =
    "Timestamp,Email address,Which OpenStack teams do you contribute to?,Which projects outside OpenStack do you contribute to?,How many years have you contributed to OpenStack?";
  const rows = (...lines: string[]) =>
    parsed(text([header, ...lines].join("\r\n"))).rows.map((row) => [row.line, row.status, row.reason]);

  it.each([
    [
      "3/3/2026 10:00:00,a@example.org,,pip,",
      "incomplete answer: “Which OpenStack teams do you contribute to?”: Choose at least one OpenStack team, or “None: I am not an OpenStack contributor”",
    ],
    [
      "3/3/2026 10:00:00,a@example.org,nova,,",
      "incomplete answer: “Which projects outside OpenStack do you contrib…”: Choose at least one project, name one under “Other projects not listed”, or tick “I contribute to nothing outside OpenStack”",
    ],
    [
      "3/3/2026 10:00:00,a@example.org,Novaa,pip,",
      "“Which OpenStack teams do you contribute to?”: “Novaa” is not an OpenStack team (did you mean nova?)",
    ],
    [
      "3/3/2026 10:00:00,a@example.org,nova,pip,75",
      "“How many years have you contributed to OpenStac…”: Enter at most 60 years (75)",
    ],
    [
      '3/3/2026 10:00:00,a@example.org,"nova, None: I am not an OpenStack contributor",pip,',
      "“Which OpenStack teams do you contribute to?”: Choose teams or “not an OpenStack contributor”, not both",
    ],
    [
      "soon,a@example.org,nova,pip,",
      "Timestamp “soon” is not a date and time as Google Forms writes them (2026/03/03 10:15:42 AM GMT+1, 3/3/2026 10:15:42)",
    ],
    [
      `3/3/2026 10:00:00,a@example.org,nova,"${Array.from({ length: 21 }, (_, i) => `tool-${i}`).join(", ")}",`,
      "“Which projects outside OpenStack do you contrib…”: Name at most 20 other projects",
    ],
  ])("%s", (line, reason) => {
    expect(rows(line)).toEqual([[2, "rejected", reason]]);
  });

  it("reads the two “none” answers among the teams and the projects", () => {
    const file = text(
      `${header}\r\n3/3/2026 10:00:00,a@example.org,None: I am not an OpenStack contributor,I contribute to nothing outside OpenStack,\r\n`,
    );
    expect(parsed(file).responses[0]).toMatchObject({
      teamIds: [],
      notOpenStackContributor: true,
      nothingOutsideOpenStack: true,
      others: [],
    });
  });

  it("refuses a file without a teams question before reading its rows", () => {
    expect(
      failure(text("Timestamp,Projects\r\n3/3/2026 10:00:00,pip\r\n"), {
        map: [{ text: "Projects", target: "projects" }],
      }),
    ).toEqual({
      line: 1,
      message:
        'no column holds the OpenStack teams, which every answer needs (a team, or “None: I am not an OpenStack contributor”): name it with --map "start of the question=teams" (columns: “Timestamp”, “Projects”)',
    });
  });

  it("refuses a LimeSurvey tick it cannot read", () => {
    const file = text(
      '"id","submitdate","teams","projects [pip]","projects [tox]"\r\n"1","2026-03-03 10:00:00","nova","Ja",""\r\n',
    );
    expect(parsed(file, { map: [{ text: "projects", target: "projects" }] }).rows[0]?.reason).toBe(
      "“projects [pip]”: “Ja” is not a tick (expected Y, Yes, 1 or an empty cell)",
    );
  });
});

describe("files refused before any row is read", () => {
  const file = text(
    "Timestamp,Email address,Which teams?,Which projects?\r\n3/3/2026 10:00:00,a@example.org,nova,pip\r\n",
  );
  it.each<[string, MapRequest[], string]>([
    [
      "an ambiguous --map",
      [{ text: "Which", target: "projects" }],
      '--map "Which=projects": “Which” is ambiguous: it starts 2 columns (“Which teams?”, “Which projects?”); give more of the header',
    ],
    [
      "an unknown --map",
      [{ text: "Wich projects", target: "projects" }],
      '--map "Wich projects=projects": no column starts with “Wich projects”',
    ],
    [
      "personal data mapped",
      [{ text: "Email", target: "others" }],
      '--map "Email=others": “Email address” holds personal data and is never imported',
    ],
  ])("%s", (_what, map, message) => {
    expect(failure(file, { map })).toEqual({ line: 1, message });
  });

  it("refuses --map on our own layouts, whose columns are known", () => {
    expect(failure(text("response_id,pip\nr1,code\n"), { map: [{ text: "pip", target: "projects" }] })).toMatchObject({
      line: 1,
      message: /--map is for Google Forms and LimeSurvey exports; this file is in our wide layout/,
    });
  });

  it("takes a Timestamp column of another name through --map", () => {
    const german = text("Zeitstempel,Teams,Projekte\n03.03.2026 10:15:42,nova,pip\n");
    expect(
      parsed(german, {
        map: [
          { text: "Zeitstempel", target: "timestamp" },
          { text: "Projekte", target: "projects" },
        ],
      }).responses[0]?.createdAt,
    ).toEqual(new Date("2026-03-03T10:15:42Z"));
  });
});
