import { describe, expect, it } from "vitest";
import { parseBulkAddForm, suggestAliases, suggestCategory, suggestProject } from "./dependency-admin";

const CATEGORIES = [
  "web frameworks",
  "test tools",
  "docs tools",
  "databases & DB libraries",
  "security & crypto",
  "other",
];

describe("bulk-add suggestions", () => {
  it("suggests the package name, its other spellings and its python- form as aliases", () => {
    expect(suggestAliases("six")).toEqual(["python-six"]);
    expect(suggestAliases("python-dateutil")).toEqual(["dateutil"]);
    expect(suggestAliases("zope.interface")).toEqual(["python-zope-interface"]);
    expect(suggestAliases("PyNaCl")).toEqual(["python-pynacl"]);
  });

  it("suggests a category from the requirement section first, then the name, else other", () => {
    expect(suggestCategory("hypothesis", "general", CATEGORIES)).toBe("test tools");
    expect(suggestCategory("anything", "testing", CATEGORIES)).toBe("test tools");
    expect(suggestCategory("openstackdocstheme", "docs", CATEGORIES)).toBe("docs tools");
    expect(suggestCategory("django-compressor", "general", CATEGORIES)).toBe("web frameworks");
    expect(suggestCategory("python-ldap", "general", CATEGORIES)).toBe("security & crypto");
    expect(suggestCategory("six", "general", CATEGORIES)).toBe("other");
    expect(suggestProject({ id: 7, package: "PyMySQL-ext", section: "general" }, CATEGORIES)).toMatchObject({
      dependencyId: 7,
      name: "PyMySQL-ext",
      category: "databases & DB libraries",
    });
  });
});

describe("parseBulkAddForm", () => {
  const row = (i: number, fields: Record<string, string>) =>
    Object.entries(fields).map(([k, v]) => [`rows.${i}.${k}`, v] as [string, string]);

  it("takes the ticked rows, with their aliases split and trimmed", () => {
    const parsed = parseBulkAddForm([
      ...row(0, {
        add: "on",
        dependencyId: "3",
        package: "six",
        name: " six ",
        categoryId: "2",
        aliases: "python-six| six-lib |",
      }),
      ...row(1, { dependencyId: "4", package: "mock", name: "mock", categoryId: "2", aliases: "" }),
      ["$ACTION_ID_x", "ignored"],
    ]);
    expect(parsed).toEqual({
      ok: true,
      rows: [{ dependencyId: 3, name: "six", categoryId: 2, aliases: ["python-six", "six-lib"] }],
    });
  });

  it("names the package of a bad row, and refuses an empty selection", () => {
    expect(
      parseBulkAddForm(
        row(0, { add: "on", dependencyId: "3", package: "six", name: "  ", categoryId: "2", aliases: "" }),
      ),
    ).toEqual({
      ok: false,
      message: "six: Enter a project name",
    });
    expect(parseBulkAddForm(row(0, { dependencyId: "3", package: "six", name: "six", categoryId: "2" }))).toMatchObject(
      { ok: false },
    );
  });
});
