// Which round and respondents a summary is about: the filters of a query string resolved against the database,
// the default round, the rounds a comparison shows, the catalogue's labels and what the filter form offers.
// Shared by the dashboard, the dependency pages, the JSON API and the CSV downloads (lib/db/summary-queries.ts).
//
// Filters, precisely (also written on the page and in the API's `definitions`):
// - round: the responses of that round;
// - team: respondents who chose that OpenStack team (among others);
// - category: respondents with at least one project in that upstream category;
// - employerPaid: respondents whose answer to "does your employer pay" is that code ("unanswered": no answer).
// Filters combine with AND. Every figure is then computed over the matching respondents, with all their
// answers: under category=databases, the top projects include their non-database projects too.
import { getEnv, type DatabaseKind } from "../env";
import { pickDefaultRound } from "../survey/round-figures";
import { effectiveStatus } from "../survey/round-schedule";
import {
  parseSummaryQuery,
  type EmployerPaidFilter,
  type FilterIssue,
  type SummaryFilters,
  type SummaryView,
} from "../survey/summary-filters";
import { COMPARISON_ROUNDS_LIMIT } from "../survey/summary-shape";
import type { CategoryLabel, SummaryLabels, TeamLabel } from "../survey/summary-rows";
import type { Db } from "./client";
import type { ReadPool } from "./read-pool-contract";
import type { RecountGate } from "./recount-gate";
import { listResultsRounds, roundSelect } from "./results-rounds";

/**
 * Where a summary's reads go. Lookups of a few rows (filters, labels, stored figures) use the client on the
 * request thread; every count goes to `reads`, off the request thread on SQLite (lib/db/read-pool.ts), bounded
 * and shared with identical counts in flight by `recounts`. The dialect picks the few dialect-specific
 * fragments (date bucketing).
 */
export interface SummarySource {
  db: Db;
  kind: DatabaseKind;
  reads: ReadPool;
  recounts: RecountGate;
}

export interface SummaryRound {
  id: number;
  slug: string;
  title: string;
  status: string;
  isDemo: boolean;
  opensAt: Date | null;
  closesAt: Date | null;
  createdAt: Date;
  /** Whether its figures are shown while it is open (docs/privacy.md); off: only once it has closed. */
  publishWhileOpen: boolean;
}

/** Whether a round's figures may be shown now: closed (by hand or by its schedule), or open and publishing. */
export function isRoundPublished(round: SummaryRound, now = new Date()): boolean {
  return effectiveStatus(round, now) !== "open" || round.publishWhileOpen;
}

export interface ResolvedSummaryFilters {
  round: SummaryRound;
  team: TeamLabel | null;
  category: CategoryLabel | null;
  employerPaid: EmployerPaidFilter | null;
  view: SummaryView;
}

export type ResolveSummaryFiltersResult =
  | { ok: true; filters: ResolvedSummaryFilters }
  /** No round exists at all: an empty dashboard, not an error. */
  | { ok: true; filters: null }
  | { ok: false; status: 400 | 404; issues: FilterIssue[] };

/** Rounds newest first: by opening date, or creation for a round never opened. Rounds are few. */
async function listRoundsNewestFirst(db: Db): Promise<SummaryRound[]> {
  const rounds = await db.round.findMany({ select: roundSelect });
  const time = (round: SummaryRound) => (round.opensAt ?? round.createdAt).getTime();
  return rounds.sort((a, b) => time(b) - time(a) || b.id - a.id);
}

async function hasResponses(db: Db, roundId: number): Promise<boolean> {
  // An index probe per round, not a count over all responses.
  return (await db.response.findFirst({ where: { roundId }, select: { id: true } })) !== null;
}

/** Check the parsed slugs against the database; an unknown slug is an issue, never ignored. */
export async function resolveSummaryFilters(db: Db, filters: SummaryFilters): Promise<ResolveSummaryFiltersResult> {
  const issues: FilterIssue[] = [];
  let round: SummaryRound | null = null;
  if (filters.round) {
    round = await db.round.findUnique({ where: { slug: filters.round }, select: roundSelect });
    if (!round) issues.push({ parameter: "round", message: `there is no survey round "${filters.round}"` });
  }
  const team = filters.team
    ? await db.team.findUnique({ where: { slug: filters.team }, select: { id: true, slug: true, name: true } })
    : null;
  if (filters.team && !team)
    issues.push({ parameter: "team", message: `there is no OpenStack team "${filters.team}"` });
  const category = filters.category
    ? await db.category.findUnique({
        where: { slug: filters.category },
        select: { id: true, slug: true, name: true, position: true },
      })
    : null;
  if (filters.category && !category)
    issues.push({ parameter: "category", message: `there is no upstream category "${filters.category}"` });
  if (issues.length > 0) {
    const onlyRound = issues.every((issue) => issue.parameter === "round");
    return { ok: false, status: onlyRound ? 404 : 400, issues };
  }
  round ??= await findDefaultRound(db);
  if (!round) return { ok: true, filters: null };
  return {
    ok: true,
    filters: { round, team, category, employerPaid: filters.employerPaid ?? null, view: filters.view },
  };
}

/** The round the results open on: the newest with figures to show (pickDefaultRound), else the open round. */
export async function findDefaultRound(db: Db, k = getEnv().MIN_CELL_SIZE): Promise<SummaryRound | null> {
  const choice = pickDefaultRound(await listResultsRounds(db, k));
  return choice && db.round.findUnique({ where: { id: choice.id }, select: roundSelect });
}

/** Rounds for the comparison chart: same kind (demo or real) as the selected one, with responses, oldest first. */
export async function findComparisonRounds(db: Db, selected: SummaryRound): Promise<SummaryRound[]> {
  // An open round that publishes only after closing is no part of any comparison.
  const candidates = (await listRoundsNewestFirst(db))
    .filter((round) => round.isDemo === selected.isDemo && (round.id === selected.id || isRoundPublished(round)))
    .reverse();
  const withResponses: SummaryRound[] = [];
  for (const round of candidates)
    if (round.id === selected.id || (await hasResponses(db, round.id))) withResponses.push(round);
  const index = withResponses.findIndex((round) => round.id === selected.id);
  // A window of at most COMPARISON_ROUNDS_LIMIT rounds that contains the selected one, earlier rounds first.
  const start = Math.max(
    0,
    Math.min(index - (COMPARISON_ROUNDS_LIMIT - 1), withResponses.length - COMPARISON_ROUNDS_LIMIT),
  );
  return withResponses.slice(start, start + COMPARISON_ROUNDS_LIMIT);
}

export async function loadSummaryLabels(db: Db): Promise<SummaryLabels> {
  const [projects, categories, teams] = await Promise.all([
    db.project.findMany({
      select: { id: true, slug: true, name: true, categoryId: true },
      orderBy: { position: "asc" },
    }),
    db.category.findMany({
      select: { id: true, slug: true, name: true, position: true },
      orderBy: { position: "asc" },
    }),
    db.team.findMany({ select: { id: true, slug: true, name: true }, orderBy: { position: "asc" } }),
  ]);
  return { projects, categories, teams };
}


/** The round and filters a figure was computed for, as the page, the APIs and the CSVs name them. */
export function describeSummaryFilters(filters: ResolvedSummaryFilters) {
  return {
    round: {
      slug: filters.round.slug,
      title: filters.round.title,
      status: filters.round.status,
      isDemo: filters.round.isDemo,
    },
    filters: {
      team: filters.team && { slug: filters.team.slug, name: filters.team.name },
      category: filters.category && { slug: filters.category.slug, name: filters.category.name },
      employerPaid: filters.employerPaid,
    },
  };
}

// From a query string to resolved filters: the one path the page, the API and the CSV downloads share.

export type SummaryRequest =
  | { ok: true; filters: ResolvedSummaryFilters | null; format: ParsedFormat }
  | { ok: false; status: 400 | 404; issues: FilterIssue[] };

type ParsedFormat = Extract<ReturnType<typeof parseSummaryQuery>, { ok: true }>["format"];

export async function resolveSummaryRequest(
  db: Db,
  params: URLSearchParams,
  options: { allowFormat?: boolean } = {},
): Promise<SummaryRequest> {
  const parsed = parseSummaryQuery(params, options);
  if (!parsed.ok) return { ok: false, status: 400, issues: parsed.issues };
  const resolved = await resolveSummaryFilters(db, parsed.filters);
  if (!resolved.ok) return resolved;
  return { ok: true, filters: resolved.filters, format: parsed.format };
}

export interface SummaryFilterOptions {
  rounds: { slug: string; title: string; isDemo: boolean }[];
  teams: { slug: string; name: string }[];
  categories: { slug: string; name: string }[];
}

/** What the filter form offers: every round (newest first), active teams and categories by name/position. */
export async function listSummaryFilterOptions(db: Db): Promise<SummaryFilterOptions> {
  const [rounds, teams, categories] = await Promise.all([
    listRoundsNewestFirst(db),
    db.team.findMany({ where: { isActive: true }, select: { slug: true, name: true }, orderBy: { name: "asc" } }),
    db.category.findMany({
      where: { isActive: true },
      select: { slug: true, name: true },
      orderBy: { position: "asc" },
    }),
  ]);
  return { rounds: rounds.map(({ slug, title, isDemo }) => ({ slug, title, isDemo })), teams, categories };
}
