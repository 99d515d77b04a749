import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { formatVariant, MAX_REQUIREMENTS_BYTES, parseRequirements, RequirementsError } from "./requirements-parse";

const FIXTURE = "tests/fixtures/requirements/global-requirements-2016-style.txt";
const readInclude = (path: string, from: string) => {
  const name = resolve(dirname(from), path);
  return { name, text: readFileSync(name, "utf8") };
};

describe("parseRequirements", () => {
  it("reads names, specifiers, markers, licences and sections", () => {
    const text = [
      "# Global requirements",
      "alembic>=1.4.2  # MIT",
      "PyMySQL>=0.7.6 # MIT License",
      "pbr!=2.1.0,>=2.0.0  # Apache-2.0",
      "requests[security] >= 2.8.1, < 3 ; python_version >= '3.8'  # Apache-2.0",
      "astroid<1.4.0  # LGPLv2.1 # breaks pylint 1.4.4",
      "",
      "## Testing",
      "stestr>=2.0.0 # Apache-2.0",
      "# section: docs",
      "sphinx>=2.0.0,!=2.1.0 #license: BSD",
      "wheel",
    ].join("\n");
    const { requirements } = parseRequirements(text);
    expect(
      requirements.map((r) => [r.package, r.section, r.variants.map(formatVariant).join(" | "), r.license]),
    ).toEqual([
      ["alembic", "general", ">=1.4.2", "MIT"],
      ["PyMySQL", "general", ">=0.7.6", "MIT License"],
      ["pbr", "general", "!=2.1.0,>=2.0.0", "Apache-2.0"],
      ["requests", "general", ">=2.8.1,<3; python_version >= '3.8'", "Apache-2.0"],
      ["astroid", "general", "<1.4.0", "LGPLv2.1"],
      ["stestr", "testing", ">=2.0.0", "Apache-2.0"],
      ["sphinx", "docs", ">=2.0.0,!=2.1.0", "BSD"],
      ["wheel", "docs", "", ""],
    ]);
    expect(requirements[1]?.normalized).toBe("pymysql");
  });

  it("merges a package listed once per marker into one, keeping every listing", () => {
    const { requirements } = parseRequirements(
      "ovs>=2.5.0;python_version=='2.7' # Apache-2.0\novs>=2.6.0.dev1;python_version>='3.4' # Apache-2.0\nsix\n",
    );
    expect(requirements).toHaveLength(2);
    expect(requirements[0]).toMatchObject({ package: "ovs", line: 1, license: "Apache-2.0" });
    expect(requirements[0]?.variants.map(formatVariant)).toEqual([
      ">=2.5.0; python_version=='2.7'",
      ">=2.6.0.dev1; python_version>='3.4'",
    ]);
  });

  it("compares names by PEP 503: one package whatever the spelling, the first spelling kept", () => {
    const { requirements } = parseRequirements(
      "django_compressor>=2.0\nDjango-Compressor>=2.1\noslo.config\noslo-config>=1\n",
    );
    expect(requirements.map((r) => [r.package, r.normalized, r.variants.length])).toEqual([
      ["django_compressor", "django-compressor", 2],
      ["oslo.config", "oslo-config", 2],
    ]);
  });

  it("reads a file built like a real one, with its -r include, options, hashes, URLs and -e lines", () => {
    const parsed = parseRequirements(readFileSync(FIXTURE, "utf8"), { fileName: FIXTURE, readInclude });
    const byName = new Map(parsed.requirements.map((r) => [r.normalized, r]));
    expect(parsed.files).toHaveLength(2);
    expect(parsed.requirements).toHaveLength(39);
    for (const name of [
      "django-compressor",
      "pyasn1-modules",
      "semantic-version",
      "sqlalchemy-utils",
      "sysv-ipc",
      "glance-store",
    ]) {
      expect(byName.has(name)).toBe(true);
    }
    // wsgi_intercept in the file and wsgi-intercept in its include are one package.
    expect(byName.get("wsgi-intercept")?.variants).toHaveLength(1);
    expect(byName.get("coverage")?.section).toBe("testing");
    expect(byName.get("pbr")?.variants.map(formatVariant)).toEqual(["==1.10.0"]);
    expect(byName.get("tempest-lib")?.variants.map(formatVariant)).toEqual([
      ">=0.14.0",
      "@ git+https://opendev.example.org/openstack/tempest-lib",
    ]);
    expect(byName.get("xattr")?.variants[0]?.url).toBe("https://files.example.org/packages/xattr-0.9.1.tar.gz");
    expect(parsed.skipped.map((s) => [s.line, s.reason.split(":")[0]])).toEqual([
      [44, "pip option (index, find-links, hashes, build settings)"],
      [45, "constraints file"],
      [50, 'editable install without a "#egg=<name>"'],
    ]);
  });

  it("names the file and line of an include that cannot be read, and of unknown syntax", () => {
    expect(() => parseRequirements("alembic\n-r other.txt\n")).toThrow(/line 2: "-r other.txt" includes another file/);
    expect(() => parseRequirements("-r missing.txt\n", { fileName: FIXTURE, readInclude })).toThrow(
      /global-requirements-2016-style.txt: line 1: "-r missing.txt" cannot be read/,
    );
    expect(() => parseRequirements("alembic\nnot a requirement!!\n")).toThrow(/line 2: .*is not a requirement/);
    expect(() => parseRequirements("alembic >> 1\n")).toThrow(RequirementsError);
  });

  it("reads an include cycle once", () => {
    const files: Record<string, string> = { a: "six\n-r b\n", b: "mock\n-r a\n" };
    const parsed = parseRequirements(files.a!, {
      fileName: "a",
      readInclude: (path) => ({ name: path, text: files[path]! }),
    });
    expect(parsed.requirements.map((r) => r.package)).toEqual(["six", "mock"]);
    expect(parsed.skipped[0]?.reason).toMatch(/already read/);
  });

  it("rejects empty and huge files", () => {
    expect(() => parseRequirements("# only comments\n\n--index-url https://x.example\n")).toThrow(/no requirements/);
    expect(() => parseRequirements("a\n".repeat(MAX_REQUIREMENTS_BYTES))).toThrow(/larger than/);
  });
});
