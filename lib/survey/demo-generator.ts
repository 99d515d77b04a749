// Synthetic responses for the demo rounds: deterministic for a seed, with skewed popularity, several
// projects per respondent and correlated choices (SQLAlchemy with Alembic, QEMU with libvirt, ...).
import { CONTRIBUTION_KINDS, EMPLOYER_PAID, FREQUENCIES, type ContributionKind } from "./answer-codes";
import { RECORD_KEY_MODULUS } from "./perturbation-table";

/** mulberry32: a small, fast PRNG; good enough for synthetic data, and the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Projects people who work on OpenStack really do tend to touch, most popular first.
const POPULAR = [
  "sqlalchemy", "pip", "linux-kernel", "tox", "pbr", "qemu", "libvirt", "setuptools", "ansible", "kubernetes",
  "eventlet", "rabbitmq", "open-vswitch", "ceph", "pytest", "mysql", "requests", "alembic", "flask", "ovn",
];

// When one is chosen, the others of its group often are too.
const GROUPS: string[][] = [
  ["sqlalchemy", "alembic", "pymysql"],
  ["pip", "setuptools", "wheel", "virtualenv"],
  ["pbr", "tox", "stestr"],
  ["qemu", "kvm", "libvirt"],
  ["open-vswitch", "ovn", "pyroute2"],
  ["flask", "werkzeug", "jinja2"],
  ["kubernetes", "helm", "containerd"],
  ["rabbitmq", "kombu", "py-amqp"],
  ["sphinx", "docutils"],
  ["eventlet", "greenlet"],
];

export interface DemoCatalogue {
  projects: { id: number; slug: string }[];
  teams: { id: number; slug: string }[];
}

export interface DemoResponse {
  createdAt: Date;
  teamIds: number[];
  notOpenStackContributor: boolean;
  yearsContributing: number | null;
  employerPaid: string | null;
  selections: { projectId: number; kinds: ContributionKind[]; frequency: string }[];
  others: string[];
  /** Its record key (docs/privacy.md), from the seed too: the demo publishes the same figures on every machine. */
  recordKey: number;
}

export interface DemoOptions {
  count: number;
  seed: number;
  /** Responses are spread over this window, in arrival order. */
  start: Date;
  days: number;
  /** 0..1: how much popularity shifts between rounds, so a comparison shows change. */
  drift?: number;
}

const OTHER_TEXTS = ["python-ldap", "pypa/pip", "oslo-like internal tool", "SQL Alchemy", "my company's fork", "k8s", "Tempest plugins"];

export function generateDemoResponses(catalogue: DemoCatalogue, options: DemoOptions): DemoResponse[] {
  const random = seededRandom(options.seed);
  // A stream of its own, so the keys leave the answers as every earlier version of the generator made them.
  const keyRandom = seededRandom(options.seed ^ 0x6b657973);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const bySlug = new Map(catalogue.projects.map((p) => [p.slug, p]));

  // Zipf-like weights: popular projects first, the rest of the catalogue in a long tail.
  const ordered = [
    ...POPULAR.map((slug) => bySlug.get(slug)).filter((p) => p !== undefined),
    ...catalogue.projects.filter((p) => !POPULAR.includes(p.slug)),
  ];
  const drift = options.drift ?? 0;
  const weights = ordered.map((_, rank) => 1 / Math.pow(rank + 1 + drift * 3 * random(), 0.9));
  const totalWeight = weights.reduce((sum, w) => sum + w, 0);
  const drawProject = () => {
    let target = random() * totalWeight;
    for (let i = 0; i < ordered.length; i++) {
      target -= weights[i] ?? 0;
      if (target <= 0) return ordered[i];
    }
    return ordered.at(-1);
  };
  const teamWeights = catalogue.teams.map((_, rank) => 1 / (rank + 2));
  const teamTotal = teamWeights.reduce((sum, w) => sum + w, 0);
  const drawTeam = () => {
    let target = random() * teamTotal;
    for (let i = 0; i < catalogue.teams.length; i++) {
      target -= teamWeights[i] ?? 0;
      if (target <= 0) return catalogue.teams[i];
    }
    return catalogue.teams.at(-1);
  };

  const responses: DemoResponse[] = [];
  const spanMs = options.days * 24 * 3600 * 1000;
  for (let n = 0; n < options.count; n++) {
    // Arrivals bunch up after the announcement and taper off: the square of a uniform draw.
    const offset = Math.floor(Math.pow(random(), 2) * spanMs);
    const createdAt = new Date(options.start.getTime() + offset);
    const notOpenStackContributor = random() < 0.05;
    const teamIds = new Set<number>();
    if (!notOpenStackContributor) {
      const teamCount = 1 + Math.floor(Math.pow(random(), 2) * 3);
      for (let i = 0; i < teamCount; i++) teamIds.add(drawTeam()?.id ?? 0);
    }
    const chosen = new Set<string>();
    const projectCount = Math.min(12, ordered.length, 1 + Math.floor(-Math.log(1 - random()) * 3));
    while (chosen.size < projectCount) {
      const project = drawProject();
      if (!project) break;
      chosen.add(project.slug);
      for (const group of GROUPS) {
        if (!group.includes(project.slug)) continue;
        for (const partner of group) if (bySlug.has(partner) && random() < 0.55) chosen.add(partner);
      }
    }
    const selections = [...chosen].slice(0, 20).flatMap((slug) => {
      const project = bySlug.get(slug);
      if (!project) return [];
      const kinds = CONTRIBUTION_KINDS.filter((kind, i) => random() < [0.7, 0.45, 0.5, 0.2, 0.08][i]!);
      return [{ projectId: project.id, kinds: kinds.length > 0 ? kinds : ["bugs" as const], frequency: pick(FREQUENCIES) }];
    });
    responses.push({
      createdAt,
      teamIds: [...teamIds].filter((id) => id > 0),
      notOpenStackContributor,
      yearsContributing: random() < 0.8 ? Math.floor(random() * 14) : null,
      employerPaid: random() < 0.9 ? pick(EMPLOYER_PAID) : null,
      selections,
      others: random() < 0.12 ? [pick(OTHER_TEXTS)] : [],
      recordKey: Math.floor(keyRandom() * RECORD_KEY_MODULUS),
    });
  }
  return responses.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}
