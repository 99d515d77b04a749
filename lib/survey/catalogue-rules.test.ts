import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FREQUENCIES } from "./answer-codes";
import { addProjectSchema, findNameCollision, mergeSelections, moreFrequent, slugify, type SelectionFlags } from "./catalogue-rules";

const flags = (overrides: Partial<SelectionFlags> = {}): SelectionFlags => ({
  kindCode: false,
  kindReview: false,
  kindBugs: false,
  kindDocs: false,
  kindMaintainer: false,
  frequency: "once",
  ...overrides,
});

describe("catalogue rules", () => {
  it("makes url-safe slugs", () => {
    expect(slugify("SQL Alchemy")).toBe("sql-alchemy");
    expect(slugify("  Ünïcode / Tools!! ")).toBe("unicode-tools");
    expect(slugify("日本")).toBe("project");
    fc.assert(fc.property(fc.string(), (name) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(slugify(name))));
  });

  it("refuses a name another project answers to, by name or alias, but not the project's own", () => {
    expect(findNameCollision("pip", 1, [{ kind: "project", projectId: 1, label: "pip" }])).toBeNull();
    expect(findNameCollision("PIP", 2, [{ kind: "project", projectId: 1, label: "pip" }])).toMatch(/collides with the project “pip”/);
    expect(findNameCollision("pypa pip", 2, [{ kind: "alias", projectId: 1, label: "pypa/pip" }])).toMatch(/alias of another project/);
    expect(findNameCollision("new", null, [])).toBeNull();
    expect(findNameCollision("!!!", null, [])).toMatch(/letter or digit/);
  });

  it("validates form input with field messages", () => {
    expect(addProjectSchema.safeParse({ name: "  ", categoryId: "1" }).success).toBe(false);
    expect(addProjectSchema.parse({ name: " Tox ", categoryId: "3" })).toEqual({ name: "Tox", categoryId: 3 });
  });

  it("keeps the more frequent frequency, whatever the order", () => {
    expect(moreFrequent("once", "regularly")).toBe("regularly");
    expect(moreFrequent("occasionally", "unspecified")).toBe("occasionally");
    const frequency = fc.constantFrom("unspecified", ...FREQUENCIES);
    fc.assert(fc.property(frequency, frequency, (a, b) => moreFrequent(a, b) === moreFrequent(b, a)));
  });

  it("merges kinds with OR", () => {
    const merged = mergeSelections(flags({ kindCode: true, frequency: "once" }), flags({ kindDocs: true, frequency: "regularly" }));
    expect(merged).toEqual(flags({ kindCode: true, kindDocs: true, frequency: "regularly" }));
  });
});

describe("choices that re-code answers", () => {
  it("refuse an empty or missing choice with what to choose, never read it as the first option", async () => {
    const { mapOtherGroupSchema, mergeProjectsSchema, confirmMergeSchema, recategoriseProjectSchema } = await import("./catalogue-rules");
    const message = (result: { error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;
    expect(message(mapOtherGroupSchema.safeParse({ normalizedTexts: ["x"] }))).toBe("Choose the project to map these answers to");
    expect(message(mapOtherGroupSchema.safeParse({ normalizedTexts: ["x"], projectId: "" }))).toBe("Choose the project to map these answers to");
    expect(message(mapOtherGroupSchema.safeParse({ normalizedTexts: [], projectId: "3" }))).toBe("Choose at least one text to map");
    expect(message(mergeProjectsSchema.safeParse({ fromProjectId: "1", intoProjectId: "" }))).toBe("Choose the project to merge into");
    expect(message(recategoriseProjectSchema.safeParse({ projectId: "1", categoryId: "0" }))).toBe("Choose the category to move it to");
    expect(message(confirmMergeSchema.safeParse({ fromProjectId: "1", intoProjectId: "2" }))).toBe("Preview the merge first, then confirm it");
    expect(mapOtherGroupSchema.safeParse({ normalizedTexts: ["x"], projectId: "3" }).success).toBe(true);
  });
});
