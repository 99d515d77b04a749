import { describe, expect, it } from "vitest";
import { MAX_REQUIREMENTS_BYTES, parseRequirements, RequirementsError } from "./requirements-parse";

describe("parseRequirements", () => {
  it("reads names, specifiers, markers, licences and sections", () => {
    const text = [
      "# Global requirements",
      "alembic>=1.4.2  # MIT",
      "PyMySQL>=0.7.6 # MIT License",
      "pbr!=2.1.0,>=2.0.0  # Apache-2.0",
      "requests[security] >= 2.8.1, < 3 ; python_version >= '3.8'  # Apache-2.0",
      "",
      "## Testing",
      "stestr>=2.0.0 # Apache-2.0",
      "# section: docs",
      "sphinx>=2.0.0,!=2.1.0 #license: BSD",
      "wheel",
    ].join("\n");
    const parsed = parseRequirements(text);
    expect(parsed.map((r) => [r.package, r.section, r.specifier, r.license])).toEqual([
      ["alembic", "general", ">=1.4.2", "MIT"],
      ["PyMySQL", "general", ">=0.7.6", "MIT License"],
      ["pbr", "general", "!=2.1.0,>=2.0.0", "Apache-2.0"],
      ["requests", "general", ">=2.8.1,<3", "Apache-2.0"],
      ["stestr", "testing", ">=2.0.0", "Apache-2.0"],
      ["sphinx", "docs", ">=2.0.0,!=2.1.0", "BSD"],
      ["wheel", "docs", "", ""],
    ]);
    expect(parsed[1]?.normalized).toBe("pymysql");
  });

  it("names the line of unknown syntax", () => {
    expect(() => parseRequirements("alembic\n-e git+https://example.org/x.git\n")).toThrow(/line 2: options such as "-e"/);
    expect(() => parseRequirements("alembic\nnot a requirement!!\n")).toThrow(/line 2: .*is not a requirement/);
    expect(() => parseRequirements("alembic >> 1\n")).toThrow(RequirementsError);
  });

  it("rejects duplicates (after normalisation), empty and huge files", () => {
    expect(() => parseRequirements("oslo.config\nPyMySQL\noslo-config>=1\n")).toThrow(/line 3: "oslo-config" is listed twice \(first on line 1\)/);
    expect(() => parseRequirements("# only comments\n\n")).toThrow(/no requirements/);
    expect(() => parseRequirements("a\n".repeat(MAX_REQUIREMENTS_BYTES))).toThrow(/larger than/);
  });
});
