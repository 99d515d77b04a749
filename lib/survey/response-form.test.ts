import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  echoTyped,
  emptyFormValues,
  errorSummaryTitle,
  toAsciiDigits,
  formDataToResponseInput,
  readResponseForm,
  splitOtherProjects,
  storedToAnswer,
  storedToFormValues,
  toFormErrors,
  toResponseInput,
  type StoredAnswer,
} from "./response-form";
import { responseInputSchema, toFieldErrors } from "./response-schema";

const TOKEN = "AAAAAAAAAAAAAAAAAAAAAA";

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
};

const complete = form([
  ["round", "openstack-2026"],
  ["token", TOKEN],
  ["teams", "nova"],
  ["teams", "neutron"],
  ["projects", "sqlalchemy"],
  ["kinds.sqlalchemy", "code"],
  ["kinds.sqlalchemy", "review"],
  ["frequency.sqlalchemy", "regularly"],
  ["projects", "qemu"],
  ["kinds.qemu", "bugs"],
  ["frequency.qemu", "once"],
  // Left behind in a row that was unticked again: not an answer.
  ["kinds.libvirt", "docs"],
  ["frequency.libvirt", "once"],
  ["others", "pypa/pip\r\n\n  my-own-tool  \n"],
  ["yearsContributing", " 6 "],
  ["employerPaid", "partly"],
  ["comment", "Thanks!"],
]);

describe("formDataToResponseInput", () => {
  it("turns a complete form post into the schema's input", () => {
    const input = formDataToResponseInput(complete.entries());
    expect(input).toEqual({
      round: "openstack-2026",
      token: TOKEN,
      teams: ["nova", "neutron"],
      notOpenStackContributor: false,
      projects: [
        { slug: "sqlalchemy", kinds: ["code", "review"], frequency: "regularly" },
        { slug: "qemu", kinds: ["bugs"], frequency: "once" },
      ],
      nothingOutsideOpenStack: false,
      others: ["pypa/pip", "my-own-tool"],
      yearsContributing: 6,
      employerPaid: "partly",
      comment: "Thanks!",
    });
    expect(responseInputSchema.safeParse(input).success).toBe(true);
  });

  it("makes blank optional answers null and reads both 'none' checkboxes", () => {
    const input = formDataToResponseInput(
      form([
        ["round", "r"],
        ["token", TOKEN],
        ["notOpenStackContributor", "yes"],
        ["nothingOutsideOpenStack", "yes"],
        ["yearsContributing", ""],
        ["comment", "   "],
      ]).entries(),
    );
    expect(input).toMatchObject({
      notOpenStackContributor: true,
      nothingOutsideOpenStack: true,
      teams: [],
      projects: [],
      others: [],
      yearsContributing: null,
      employerPaid: null,
      comment: null,
    });
    expect(responseInputSchema.safeParse(input).success).toBe(true);
  });

  it("passes text that is not a number to the schema, which names the problem", () => {
    const input = formDataToResponseInput(
      form([
        ["round", "r"],
        ["token", TOKEN],
        ["yearsContributing", "six"],
      ]).entries(),
    );
    expect(input.yearsContributing).toBe("six");
    const result = responseInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    if (!result.success) expect(toFieldErrors(result.error).yearsContributing).toBe("Enter a whole number of years");
  });

  it("ignores files and duplicate project ticks", () => {
    const data = form([
      ["round", "r"],
      ["token", TOKEN],
      ["projects", "qemu"],
      ["projects", "qemu"],
    ]);
    data.append("comment", new Blob(["x"]), "evil.txt");
    const values = readResponseForm(data.entries());
    expect(values.projects.map((p) => p.slug)).toEqual(["qemu"]);
    expect(values.comment).toBe("");
  });

  it("reads a missing frequency as missing, so the schema asks for it", () => {
    const input = formDataToResponseInput(
      form([
        ["round", "r"],
        ["token", TOKEN],
        ["projects", "qemu"],
      ]).entries(),
    );
    const result = responseInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    if (!result.success) {
      const errors = toFormErrors(
        toFieldErrors(result.error),
        readResponseForm(form([["projects", "qemu"]]).entries()),
      );
      expect(errors["project:qemu:kinds"]).toBe("Choose at least one kind of contribution");
      expect(errors["project:qemu:frequency"]).toBe("Choose how often");
    }
  });

  it("never throws and never pollutes prototypes, whatever the entries", () => {
    const name = fc.oneof(
      fc.constantFrom(
        "round",
        "token",
        "teams",
        "projects",
        "kinds.__proto__",
        "frequency.constructor",
        "__proto__",
        "others",
      ),
      fc.string(),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(name, fc.oneof(fc.string(), fc.constantFrom("__proto__", "constructor", "toString")))),
        (entries) => {
          const input = formDataToResponseInput(entries);
          responseInputSchema.safeParse(input);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
    );
  });
});

describe("splitOtherProjects", () => {
  it("keeps one trimmed entry per non-empty line, whatever the line ending", () => {
    expect(splitOtherProjects(" a \r\nb\rc\n\n")).toEqual(["a", "b", "c"]);
    expect(splitOtherProjects("")).toEqual([]);
  });
});

describe("toFormErrors", () => {
  const values = readResponseForm(complete.entries());
  it("keys project errors by slug, not by list position", () => {
    expect(toFormErrors({ "projects.1.kinds": "Choose", "projects.0.slug": "unknown" }, values)).toEqual({
      "project:qemu:kinds": "Choose",
      "project:sqlalchemy:slug": "unknown",
    });
  });
  it("folds list positions of teams and others into their control, naming the line", () => {
    const errors = toFormErrors(
      { "teams.1": "not a team", "others.1": "too long", token: "reload", projects: "too many" },
      values,
    );
    expect(errors).toEqual({
      teams: "not a team",
      others: "“\u2068my-own-tool\u2069”: too long",
      form: "reload",
      projects: "too many",
    });
  });
});

describe("stored answers", () => {
  const stored: StoredAnswer = {
    round: { slug: "openstack-2026" },
    notOpenStackContributor: false,
    nothingOutsideOpenStack: false,
    yearsContributing: 6,
    employerPaid: null,
    comment: null,
    teams: [{ team: { slug: "nova" } }],
    projects: [
      {
        project: { slug: "sqlalchemy" },
        frequency: "regularly",
        kindCode: true,
        kindReview: false,
        kindBugs: true,
        kindDocs: false,
        kindMaintainer: false,
      },
      // Added on save because "pypa/pip" matched: it comes back from the free text, not as a ticked row.
      {
        project: { slug: "pip" },
        frequency: "unspecified",
        kindCode: false,
        kindReview: false,
        kindBugs: false,
        kindDocs: false,
        kindMaintainer: false,
      },
    ],
    others: [{ rawText: "pypa/pip" }, { rawText: "my-tool" }],
  };

  it("round-trips through the form: what the edit page shows saves back to the same answer", () => {
    const values = storedToFormValues(stored, TOKEN);
    expect(values.projects).toEqual([{ slug: "sqlalchemy", kinds: ["code", "bugs"], frequency: "regularly" }]);
    expect(values.others).toBe("pypa/pip\nmy-tool");
    const input = responseInputSchema.parse(toResponseInput(values));
    const { token, ...rest } = input;
    expect(token).toBe(TOKEN);
    expect(rest).toEqual(storedToAnswer(stored));
  });
});

describe("errorSummaryTitle", () => {
  it("calls the chosen projects' own questions a next step, and anything else a mistake", () => {
    const step = errorSummaryTitle({
      "project:sqlalchemy:kinds": "Choose at least one kind of contribution",
      "project:pip:frequency": "Choose how often",
    });
    expect(step).toMatch(/^One more step/);
    expect(errorSummaryTitle({ "project:sqlalchemy:kinds": "…", teams: "Choose at least one OpenStack team" })).toMatch(
      /^Some answers need attention/,
    );
    expect(errorSummaryTitle({ "project:sqlalchemy:slug": "not a project of this survey" })).toMatch(
      /^Some answers need attention/,
    );
    expect(errorSummaryTitle({})).toMatch(/^Some answers need attention/);
  });
});

describe("typed text shown back", () => {
  it("reads digits typed on other keyboards as the number they are", () => {
    expect(toAsciiDigits("٣")).toBe("3");
    expect(toAsciiDigits("۱۲")).toBe("12");
    expect(toAsciiDigits("１０")).toBe("10");
    expect(toAsciiDigits("३")).toBe("3");
    expect(toAsciiDigits("3.5")).toBe("3.5");
    const values = { ...emptyFormValues("openstack-2026", "A".repeat(22)), yearsContributing: " ٣ " };
    expect(toResponseInput(values).yearsContributing).toBe(3);
  });

  it("isolates the echo and makes control characters visible, so a message cannot be reordered", () => {
    expect(echoTyped("my-lib\u202E (fork)")).toBe("\u2068my-lib\uFFFD (fork)\u2069");
    expect(echoTyped("a\u0007b")).toBe("\u2068a\uFFFDb\u2069");
    expect(echoTyped("x".repeat(100), 40)).toBe(`\u2068${"x".repeat(40)}\u2069`);
    const values = { ...emptyFormValues("openstack-2026", "A".repeat(22)), others: "ok\nmy-lib\u202E (fork)" };
    expect(toFormErrors({ "others.1": "A project name contains control characters" }, values).others).toBe(
      "“\u2068my-lib\uFFFD (fork)\u2069”: A project name contains control characters",
    );
  });
});
