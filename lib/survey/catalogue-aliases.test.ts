// The catalogue's alias rule (prisma/catalogue/README.md), checked on the shipped files: an alias or a
// dependency mapping names the same project, never a client, binding, fork, plugin or sibling of it. Pairs known
// to be different projects must stay apart in the aliases, in the bundled dependency mappings, and in the
// matching that free text and requirement loads use.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildCatalogueIndex, matchProjectName } from "./catalogue-match";
import { parseDependenciesCsv, parseProjectsCsv } from "./catalogue-csv";
import { normalizeName } from "./normalize";

const read = (name: string) => readFileSync(`prisma/catalogue/${name}`, "utf8");
const { projects } = parseProjectsCsv(read("upstream-projects.csv"));
const dependencies = parseDependenciesCsv(read("openstack-dependencies.csv"));
const index = buildCatalogueIndex(projects.map((p, id) => ({ id, slug: p.slug, name: p.name, aliases: p.aliases })));

// [name, project it is NOT]: bindings and clients of their own, forks, predecessors, plugins, siblings.
const KNOWN_DIFFERENT: [string, string][] = [
  ["python-ldap", "openldap"],
  ["kafka-python", "apache-kafka"],
  ["confluent-kafka", "apache-kafka"],
  ["retrying", "tenacity"],
  ["django-compressor", "django"],
  ["django_compressor", "django"],
  ["django-formtools", "django"],
  ["python-memcached", "memcached"],
  ["python-binary-memcached", "memcached"],
  ["hvac", "hashicorp-vault"],
  ["openbao", "hashicorp-vault"],
  ["valkey", "redis"],
  ["opensearch", "elasticsearch"],
  ["aiosqlite", "sqlite"],
  ["scipy", "numpy"],
  ["scikit-learn", "numpy"],
  ["pydot", "graphviz"],
  ["pytest-cov", "pytest"],
  ["pytest-xdist", "pytest"],
  ["Flask-RESTful", "flask"],
  ["PasteDeploy", "paste"],
  ["zuul-sphinx", "zuul"],
  ["XStatic-jQuery", "jquery"],
  ["XStatic-Angular", "angularjs"],
  ["requests-kerberos", "mit-kerberos"],
  ["boto", "boto3"],
  ["astroid", "pylint"],
  ["pyflakes", "flake8"],
  ["rtslib", "rtslib-fb"],
  ["opentofu", "terraform"],
  ["incus", "lxc-lxd"],
  ["networking-odl", "opendaylight"],
  ["networking-ovn", "ovn"],
  ["venv", "virtualenv"],
  ["jwt", "pyjwt"],
];

describe("the catalogue's alias rule", () => {
  it.each(KNOWN_DIFFERENT)("keeps %s apart from %s", (name, slug) => {
    const project = projects.find((p) => p.slug === slug);
    expect(project, slug).toBeDefined();
    expect(project!.aliases.map(normalizeName)).not.toContain(normalizeName(name));
    expect(normalizeName(project!.name)).not.toBe(normalizeName(name));
    expect(matchProjectName(index, name)?.slug).not.toBe(slug);
    const mapped = dependencies.find((d) => normalizeName(d.package) === normalizeName(name));
    if (mapped) expect(mapped.catalogue_slug).not.toBe(slug);
  });

  it("still maps a project's own names, repository paths and its own bindings", () => {
    for (const [name, slug] of [
      ["libvirt-python", "libvirt"],
      ["pypa/pip", "pip"],
      ["psycopg2-binary", "psycopg"],
      ["qemu-img", "qemu"],
    ]) {
      expect(matchProjectName(index, name!)?.slug, name).toBe(slug);
    }
  });
});
