// Valid synthetic answers in the shape of responseInputSchema, for load tests and benchmarks.
import { newEditToken } from "./edit-token";
import type { ResponseInput } from "./response-schema";

const PROJECTS = ["sqlalchemy", "alembic", "pip", "tox", "pbr", "qemu", "libvirt", "linux-kernel", "ansible", "kubernetes", "flask", "ceph"];
const TEAMS = ["nova", "neutron", "cinder", "keystone", "glance", "swift"];

/** A deterministic, valid answer; `n` varies the choices so rows differ. */
export function submissionBody(n: number, round = "openstack-2026", token = newEditToken()): ResponseInput {
  const pick = (list: string[], count: number, offset: number) => Array.from({ length: count }, (_, i) => list[(n + offset + i * 5) % list.length]!);
  return {
    round,
    token,
    teams: [...new Set(pick(TEAMS, 1 + (n % 2), 0))],
    notOpenStackContributor: false,
    nothingOutsideOpenStack: false,
    projects: [...new Set(pick(PROJECTS, 2 + (n % 4), 3))].map((slug, i) => ({
      slug,
      kinds: i % 2 === 0 ? ["code", "review"] : ["bugs"],
      frequency: (["once", "occasionally", "regularly"] as const)[(n + i) % 3]!,
    })),
    others: n % 7 === 0 ? [`internal-tool-${n}`] : [],
    yearsContributing: n % 15,
    employerPaid: (["yes", "partly", "no", "prefer-not"] as const)[n % 4]!,
    comment: n % 5 === 0 ? `load test answer ${n}` : null,
  };
}
