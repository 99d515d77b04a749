// Stored dashboard figures. Counting a large round takes a second or more (every selection of the round is
// read, even from the derived rows), and the figures change only when answers or the catalogue do. So each part
// of a summary (the overview and each chart, already suppressed) is stored per filter set with a stamp: the
// DataVersion counters it was computed at. Database triggers move those counters inside every writing
// transaction (prisma/migrations/20261202000000_summary_snapshots), so a stored part whose stamp is current
// is exactly what counting again would give. Every key starts with the fingerprint of the code that made the part
// (lib/db/snapshot-fingerprint.ts), so code that counts, shapes or suppresses differently never serves an older
// build's parts. Snapshots live in the database, never in process memory, so every instance sharing one PostgreSQL
// serves and refreshes the same ones.
import { CHART_IDS, type ChartId } from "../survey/summary-charts";
import type { Db } from "./client";
import type { RecountGate } from "./recount-gate";
import { snapshotFingerprint } from "./snapshot-fingerprint";

export type SnapshotPart = "overview" | ChartId;

export interface SnapshotFilters {
  roundId: number;
  teamId: number | null;
  categoryId: number | null;
  employerPaid: string | null;
  k: number;
}

/**
 * The fingerprint of the code that made a part, then the filter set, by ids, not slugs: a renamed team keeps its
 * snapshots (its label is covered by the catalogue counter).
 */
export function snapshotFilterKey(f: SnapshotFilters, fingerprint = snapshotFingerprint()): string {
  const part = (value: string | number | null) => (value === null ? "-" : String(value));
  return [
    fingerprint,
    `r${f.roundId}`,
    `t${part(f.teamId)}`,
    `c${part(f.categoryId)}`,
    `e${part(f.employerPaid)}`,
    `k${f.k}`,
  ].join(":");
}

export interface DataStamps {
  /** Covers one round's answers, the rounds' and the catalogue's labels: every part but the comparison. */
  round: string;
  /** Covers the answers of every round: the round-comparison chart reads several. */
  allRounds: string;
}

/** The stamps of a round's parts, from the counters (one row per round plus the catalogue). */
export async function readDataStamps(db: Db, roundId: number): Promise<DataStamps> {
  const rows = await db.dataVersion.findMany({ select: { scope: true, version: true } });
  const version = (scope: string) => rows.find((row) => row.scope === scope)?.version ?? 0;
  const rounds = rows
    .filter((row) => row.scope.startsWith("round:"))
    .map((row) => `${row.scope}=${row.version}`)
    .sort();
  return {
    round: `catalogue=${version("catalogue")};round:${roundId}=${version(`round:${roundId}`)}`,
    allRounds: [`catalogue=${version("catalogue")}`, ...rounds].join(";"),
  };
}

export const stampOf = (stamps: DataStamps, part: SnapshotPart) =>
  part === "round-comparison" ? stamps.allRounds : stamps.round;

export interface StoredPart {
  part: string;
  stamp: string;
  body: string;
  /** When the part was stored, just after it was counted: the time its figures are "as of". */
  updatedAt: Date;
}

export async function readSnapshots(db: Db, filterKey: string): Promise<StoredPart[]> {
  return db.summarySnapshot.findMany({
    where: { filterKey },
    select: { part: true, stamp: true, body: true, updatedAt: true },
  });
}

/** A round-comparison stamp (every round) counted at the same data as a round's stamp (catalogue and that round). */
const coversRoundStamp = (allRounds: string, round: string) => {
  const entries = new Set(allRounds.split(";"));
  return round.split(";").every((entry) => entries.has(entry));
};

/**
 * The stored parts of the newest complete summary whatever its stamp: the overview and, when it has figures,
 * every chart, all counted at one data version. Null when no complete set is stored. Its time is its oldest part's.
 */
export function storedCompleteSet(stored: ReadonlyMap<string, StoredPart>): { parts: Map<string, StoredPart>; asOf: Date } | null {
  const overview = stored.get("overview");
  if (!overview) return null;
  const parts = new Map([["overview", overview]]);
  if ((JSON.parse(overview.body) as { status?: string }).status === "ok") {
    for (const id of CHART_IDS) {
      const part = stored.get(id);
      const sameData = part && (id === "round-comparison" ? coversRoundStamp(part.stamp, overview.stamp) : part.stamp === overview.stamp);
      if (!part || !sameData) return null;
      parts.set(id, part);
    }
  }
  const asOf = new Date(Math.min(...[...parts.values()].map((part) => part.updatedAt.getTime())));
  return { parts, asOf };
}

function upsertSnapshot(db: Db, filterKey: string, part: SnapshotPart, stamp: string, value: unknown) {
  const body = JSON.stringify(value);
  return db.summarySnapshot.upsert({
    where: { filterKey_part: { filterKey, part } },
    create: { filterKey, part, stamp, body },
    update: { stamp, body },
  });
}

/**
 * Drop what can never be served again: parts made by other code (another fingerprint), and parts whose stamp is
 * no longer current (the counters only move forward). Done when the app prepares its database.
 */
export async function pruneSnapshots(db: Db, fingerprint = snapshotFingerprint()): Promise<number> {
  const rounds = await db.round.findMany({ select: { id: true } });
  const current = new Set<string>();
  for (const { id } of rounds) {
    const stamps = await readDataStamps(db, id);
    current.add(stamps.round).add(stamps.allRounds);
  }
  const { count } = await db.summarySnapshot.deleteMany({
    where: { OR: [{ NOT: { filterKey: { startsWith: `${fingerprint}:` } } }, { stamp: { notIn: [...current] } }] },
  });
  return count;
}

export interface SnapshotStore {
  /**
   * The stored part if its stamp is current; otherwise compute it and keep it for flush(). With a recount gate,
   * the computation is shared with identical ones in flight and bounded; and when the first part asked for is
   * not current while every slot is busy, every part is served from the last complete stored set (see asOf).
   */
  load<T>(part: SnapshotPart, compute: () => Promise<T>): Promise<T>;
  /**
   * null while the parts served are current (or counted now); the time of the stored set when they are older
   * figures, served because every recount slot was busy. Known once the first part was loaded.
   */
  readonly asOf: Date | null;
  /**
   * Store the parts computed so far, in one transaction, if the counters did not move while they were computed
   * (a write committed meanwhile may have been half-seen by the queries). Failing to store is only reported.
   */
  flush(): Promise<void>;
}

export function createSnapshotStore(
  db: Db,
  filters: SnapshotFilters,
  onError: (error: unknown) => void,
  fingerprint = snapshotFingerprint(),
  gate?: RecountGate,
): SnapshotStore {
  const filterKey = snapshotFilterKey(filters, fingerprint);
  const computed = new Map<SnapshotPart, unknown>();
  // Decided at the first part loaded (the overview), so every part served comes from one data version.
  let olderSet: { parts: Map<string, StoredPart>; asOf: Date } | null | undefined;
  let opened: Promise<{ stamps: DataStamps; stored: Map<string, StoredPart> }> | undefined;
  const open = () =>
    (opened ??= (async () => {
      // Stamps first: a snapshot read after them can only be as new as they are, never newer.
      const stamps = await readDataStamps(db, filters.roundId);
      const stored = new Map((await readSnapshots(db, filterKey)).map((row) => [row.part, row]));
      return { stamps, stored };
    })());

  return {
    get asOf() {
      return olderSet?.asOf ?? null;
    },
    async load<T>(part: SnapshotPart, compute: () => Promise<T>): Promise<T> {
      const { stamps, stored } = await open();
      const stamp = stampOf(stamps, part);
      const hit = stored.get(part);
      const isCurrent = hit !== undefined && hit.stamp === stamp;
      if (olderSet === undefined) olderSet = !isCurrent && gate?.isBusy ? storedCompleteSet(stored) : null;
      const older = olderSet?.parts.get(part);
      if (older) return JSON.parse(older.body) as T;
      if (hit && isCurrent) return JSON.parse(hit.body) as T;
      const value = gate ? await gate.count(`${filterKey}|${part}|${stamp}`, compute) : await compute();
      computed.set(part, value);
      return value;
    },
    async flush(): Promise<void> {
      if (computed.size === 0 || !opened) return;
      const parts = [...computed];
      computed.clear();
      try {
        const { stamps } = await opened;
        const after = await readDataStamps(db, filters.roundId);
        const current = parts.filter(([part]) => stampOf(after, part) === stampOf(stamps, part));
        // One transaction: on SQLite one commit instead of one per part.
        await db.$transaction(
          current.map(([part, value]) => upsertSnapshot(db, filterKey, part, stampOf(stamps, part), value)),
        );
      } catch (error) {
        // The figures served are right; only keeping them failed (a busy database, say). The next request recounts.
        onError(error);
      }
    },
  };
}
