// Telling OpenStack's own packages from external dependencies, by the teams' deliverables and by the
// community's naming conventions. A requirements file of any year lists retired deliverables too
// (tempest-lib, oslosphinx, python-ceilometerclient), which the current teams no longer list, so the naming
// rules carry most of the weight for older files. Organisers override any package in the admin.
import { pep503Name } from "./normalize";

export interface OpenStackTeamNames {
  slug: string;
  /** The team's deliverables (repository names). */
  deliverables: readonly string[];
}

export interface OpenStackNameIndex {
  deliverables: ReadonlySet<string>;
  /** Team slugs and one-word deliverables long enough to act as a name stem ("nova" in "novaclient"). */
  stems: ReadonlySet<string>;
}

// Naming conventions of OpenStack's own packages, each with the reason shown to organisers.
const CONVENTIONS: readonly { pattern: RegExp; reason: string }[] = [
  { pattern: /^oslo(-|sphinx$|test$)/, reason: "oslo.*: the Oslo libraries" },
  { pattern: /^os-/, reason: "os-*: OpenStack's shared libraries" },
  { pattern: /-tempest-plugin$|^tempest($|-)/, reason: "tempest*: OpenStack's integration tests" },
  { pattern: /^openstack|(^|-)openstack(-|$)/, reason: "openstack*: OpenStack's SDK, themes, auth and tools" },
  {
    pattern: /^osc-|^osprofiler$|^ovsdbapp$/,
    reason: "osc-*, osprofiler, ovsdbapp: OpenStack client and service libraries",
  },
  { pattern: /^networking-/, reason: "networking-*: Neutron's networking plugins" },
  {
    pattern: /^tripleo-|^puppet-|^kolla-|^dib-/,
    reason: "tripleo-*, puppet-*, kolla-*, dib-*: OpenStack deployment projects",
  },
];

// Teams and projects that have left OpenStack's governance (retired or renamed), whose packages older files
// still list, and former deliverables whose names follow no convention. Facts of the project's history.
const FORMER_STEMS = [
  "aodh",
  "ceilometer",
  "congress",
  "cue",
  "dragonflow",
  "fuel",
  "karbor",
  "kuryr",
  "magnetodb",
  "monasca",
  "murano",
  "panko",
  "qinling",
  "sahara",
  "savanna",
  "searchlight",
  "senlin",
  "smaug",
  "solum",
  "tricircle",
  "tuskar",
  "zaqar",
];
const FORMER_DELIVERABLES = [
  "diskimage-builder",
  "instack-undercloud",
  "metalsmith",
  "mox3",
  "paunch",
  "pymod2pkg",
  "requestsexceptions",
  "shade",
  "validations-libs",
];

// A stem followed by one of these is a team's package written as one word (novaclient, keystonemiddleware).
const STEM_SUFFIX = /^(client|middleware|lib|auth\d*|store|dashboard|ui|agent|tempest|plugin|common|specs|utils?)?\d*$/;

export function buildOpenStackNameIndex(teams: readonly OpenStackTeamNames[]): OpenStackNameIndex {
  const deliverables = new Set<string>(FORMER_DELIVERABLES);
  const stems = new Set<string>(FORMER_STEMS);
  for (const team of teams) {
    if (team.slug.length >= 4 && !team.slug.includes("-")) stems.add(team.slug);
    for (const deliverable of team.deliverables) {
      const name = pep503Name(deliverable);
      if (!name) continue;
      deliverables.add(name);
      if (name.length >= 4 && !name.includes("-")) stems.add(name);
    }
  }
  return { deliverables, stems };
}

/** Why a package is OpenStack's own, or null when nothing says so. */
export function recogniseOpenStackPackage(index: OpenStackNameIndex, packageName: string): string | null {
  const name = pep503Name(packageName);
  if (index.deliverables.has(name)) return "a deliverable of an OpenStack team";
  // Package names that add a version or "python-" to the repository's name (keystoneauth1, python-openstackclient).
  const bare = name.replace(/^python-/, "").replace(/\d+$/, "");
  if (index.deliverables.has(bare)) return "a deliverable of an OpenStack team";
  // python-novaclient, python-ironic-inspector-client: a client of a team's (or former team's) project.
  const client = /^python-(.+?)-?client$/.exec(name)?.[1];
  if (client && (index.stems.has(client) || index.deliverables.has(client)))
    return "python-*client: an OpenStack service's client library";
  for (const convention of CONVENTIONS) if (convention.pattern.test(name)) return convention.reason;
  const first = name.split("-")[0] ?? "";
  // "neutron-lib", "ironic-inspector", "glance-store": a team's name as the first word.
  if (name.includes("-") && index.stems.has(first)) return `${first}-*: a package of the ${first} project`;
  for (const stem of index.stems) {
    if (name.startsWith(stem) && STEM_SUFFIX.test(name.slice(stem.length)))
      return `${stem}*: a package of the ${stem} project`;
  }
  return null;
}
