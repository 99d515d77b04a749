// A small round for the import's unit tests: projects with aliases, one the round does not offer, and teams.
import { buildCatalogueIndex } from "../catalogue-match";
import { DEFAULT_QUESTIONS } from "../questions";
import type { ImportCatalogue } from "./answer-check";

const projects = [
  { id: 1, slug: "sqlalchemy", name: "SQLAlchemy", aliases: ["sqla"] },
  { id: 2, slug: "pip", name: "pip", aliases: ["pypa/pip"] },
  { id: 3, slug: "kubernetes", name: "Kubernetes", aliases: ["k8s"] },
  { id: 4, slug: "libvirt", name: "libvirt", aliases: ["python-libvirt"] },
  { id: 5, slug: "qemu", name: "QEMU", aliases: [] },
  { id: 6, slug: "ceph", name: "Ceph", aliases: [] },
  { id: 7, slug: "tox", name: "tox", aliases: [] },
  { id: 8, slug: "eventlet", name: "eventlet", aliases: [] },
  { id: 9, slug: "rabbitmq", name: "RabbitMQ", aliases: [] },
  { id: 10, slug: "linux-kernel", name: "Linux kernel", aliases: ["linux"] },
  { id: 11, slug: "django", name: "Django", aliases: [] },
];
const teams = ["nova", "neutron", "glance", "cinder", "ironic"].map((slug, i) => ({
  id: 10 + i,
  slug,
  name: slug,
  aliases: [],
}));

/** Round "poll-2019": every project but kubernetes, which exists in the catalogue all the same. */
export const testCatalogue: ImportCatalogue = {
  roundSlug: "poll-2019",
  questions: DEFAULT_QUESTIONS,
  roundProjects: new Map(projects.filter((p) => p.slug !== "kubernetes").map((p) => [p.slug, p.id])),
  catalogueProjects: new Map(projects.map((p) => [p.slug, p.id])),
  index: buildCatalogueIndex(projects),
  teams: new Map(teams.map((t) => [t.slug, t.id])),
  teamIndex: buildCatalogueIndex(teams),
};
