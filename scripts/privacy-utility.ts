// npx tsx scripts/privacy-utility.ts [--responses 400] [--large 10000] [--url file:/tmp/privacy-utility.db]
// How much the cell key method (docs/privacy.md) changes the published figures: on the demo rounds and on a round
// of --large synthetic responses, for every single filter (none, each team, each category, each employer-paid
// value), the mean absolute error of the published counts against the true ones (projects, categories, teams,
// projects-per-respondent bins), and how often the top-15 projects differ from the true top 15. Writes nothing but
// its own database (a scratch SQLite file, recreated).
import { rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { createDb } from "../lib/db/client";
import { fillDemoRounds } from "../lib/db/demo";
import { prepareDatabase } from "../lib/db/prepare";
import { inThreadReads } from "../lib/db/read-pool";
import { RecountGate } from "../lib/db/recount-gate";
import { insertResponsesBulk } from "../lib/db/responses-bulk";
import {
  countCategoryKinds,
  countProjectRespondents,
  countProjectsPerRespondent,
  countTeamRespondents,
} from "../lib/db/summary-counting";
import type { RespondentFilters } from "../lib/db/respondent-scope";
import type { SummarySource } from "../lib/db/summary-rounds";
import { publishTally } from "../lib/survey/cell-key";
import { generateDemoResponses } from "../lib/survey/demo-generator";
import { hashEditToken } from "../lib/survey/edit-token";
import { DEFAULT_QUESTIONS } from "../lib/survey/questions";
import { EMPLOYER_PAID_FILTERS } from "../lib/survey/summary-filters";

const { values } = parseArgs({
  options: {
    responses: { type: "string", default: "400" },
    large: { type: "string", default: "10000" },
    url: { type: "string", default: "file:/tmp/privacy-utility.db" },
    k: { type: "string", default: "5" },
  },
});
const K = Number(values.k);
const url = values.url!;
rmSync(url.slice("file:".length), { force: true });
await prepareDatabase(url, { loadCatalogue: true });
const handle = createDb(url);
const { db } = handle;
const source: SummarySource = { db, kind: handle.kind, reads: inThreadReads(db), recounts: new RecountGate(1) };

await fillDemoRounds(db, { count: Number(values.responses), seed: 2026 });
const large = await db.round.create({
  data: { slug: "utility-large", title: "Utility (synthetic)", status: "closed", isDemo: true, questions: JSON.stringify(DEFAULT_QUESTIONS) },
});
const projects = await db.project.findMany({ where: { status: "active" }, orderBy: { position: "asc" } });
const teams = await db.team.findMany({ orderBy: { position: "asc" } });
const categories = await db.category.findMany({ orderBy: { position: "asc" } });
const generated = generateDemoResponses(
  { projects, teams },
  { count: Number(values.large), seed: 77, start: new Date("2026-03-01T00:00:00Z"), days: 30 },
);
await insertResponsesBulk(
  db,
  large.id,
  generated.map(({ others: _typed, ...r }, i) => ({ ...r, editTokenHash: hashEditToken(`utility-${i}`), source: "demo" as const })),
);

const none: RespondentFilters = { team: null, category: null, employerPaid: null };
const filterSets: { label: string; f: RespondentFilters }[] = [
  { label: "none", f: none },
  ...teams.map((t) => ({ label: `team=${t.slug}`, f: { ...none, team: { id: t.id, slug: t.slug, name: t.name } } })),
  ...categories.map((c) => ({ label: `category=${c.slug}`, f: { ...none, category: { id: c.id, slug: c.slug, name: c.name, position: c.position } } })),
  ...EMPLOYER_PAID_FILTERS.map((e) => ({ label: `employerPaid=${e}`, f: { ...none, employerPaid: e } })),
];
const nameOf = new Map(projects.map((p) => [p.id, p.name]));

interface Stats {
  cells: number;
  absError: number;
  cellsAtLeastK: number;
  absErrorAtLeastK: number;
  changed: number;
  topSets: number;
  topOrderChanged: number;
  topMembershipChanged: number;
}

for (const slug of ["demo-2025", "demo-2026", "utility-large"]) {
  const round = await db.round.findUniqueOrThrow({ where: { slug } });
  const n = await db.response.count({ where: { roundId: round.id, isComplete: true } });
  const s: Stats = { cells: 0, absError: 0, cellsAtLeastK: 0, absErrorAtLeastK: 0, changed: 0, topSets: 0, topOrderChanged: 0, topMembershipChanged: 0 };
  const add = (count: number, keySum: number) => {
    if (count === 0) return;
    const cell = publishTally({ count, keySum }, K);
    // "<k" has no value: its error is counted as 0 against a true 1..k-1 (it says "fewer than k", which is true).
    const error = cell.suppressed ? 0 : Math.abs(cell.value - count);
    s.cells++;
    s.absError += error;
    if (error > 0 || (cell.suppressed && count >= K)) s.changed++;
    if (count >= K) {
      s.cellsAtLeastK++;
      s.absErrorAtLeastK += error;
    }
  };
  for (const { f } of filterSets) {
    const projectRows = await countProjectRespondents(source, f, round.id);
    for (const r of projectRows) add(r.respondents, r.keySum);
    for (const r of await countCategoryKinds(source, f, round.id)) add(r.respondents, r.keySum);
    for (const r of await countTeamRespondents(source, f, round.id)) add(r.respondents, r.keySum);
    for (const r of await countProjectsPerRespondent(source, f, round.id)) add(r.respondents, r.keySum);
    // Top 15 by true count (ties by name) against top 15 by published figure (shown counts; ties by name).
    const byName = (a: number, b: number) => (nameOf.get(a) ?? "").localeCompare(nameOf.get(b) ?? "", "en");
    const truth = projectRows
      .filter((r) => r.respondents >= K)
      .sort((a, b) => b.respondents - a.respondents || byName(a.projectId, b.projectId))
      .slice(0, 15)
      .map((r) => r.projectId);
    if (truth.length < 15) continue;
    const published = projectRows
      .map((r) => ({ id: r.projectId, cell: publishTally({ count: r.respondents, keySum: r.keySum }, K) }))
      .filter((r) => !r.cell.suppressed && r.cell.value > 0)
      .sort((a, b) => (b.cell as { value: number }).value - (a.cell as { value: number }).value || byName(a.id, b.id))
      .slice(0, 15)
      .map((r) => r.id);
    s.topSets++;
    if (published.join() !== truth.join()) s.topOrderChanged++;
    if ([...published].sort().join() !== [...truth].sort().join()) s.topMembershipChanged++;
  }
  const pct = (a: number, b: number) => (b === 0 ? "—" : `${((100 * a) / b).toFixed(1)}%`);
  console.log(
    [
      `${slug} (n = ${n}, ${filterSets.length} filter sets):`,
      `MAE ${(s.absError / s.cells).toFixed(3)} over ${s.cells} non-empty cells`,
      `MAE ${(s.absErrorAtLeastK / s.cellsAtLeastK).toFixed(3)} over ${s.cellsAtLeastK} cells of at least k`,
      `${pct(s.changed, s.cells)} of cells published differently from their count`,
      `top-15 order differs in ${s.topOrderChanged}/${s.topSets} (${pct(s.topOrderChanged, s.topSets)}), membership in ${s.topMembershipChanged}/${s.topSets} (${pct(s.topMembershipChanged, s.topSets)}) of the filter sets with 15 projects of at least k`,
    ].join("\n  "),
  );
}
await db.$disconnect();
