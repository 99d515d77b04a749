// Benchmark baselines for the summary: the same aggregates as the dashboard, as bare SQL on the database
// driver (better-sqlite3 or pg), no ORM and no shaping. The app's /api/v1/summary is measured against both:
// - "base": over the base tables alone (distinct counts and a self-join), as a tool without derived rows runs;
// - "derived": over the rows the triggers derive (ResponseCategory, ResponsePair), as the app counts — what the
//   database itself can do with the same design, so the app's overhead shows.
import Database from "better-sqlite3";
import pg from "pg";

export interface BareFilters {
  teamSlug?: string;
  categorySlug?: string;
  employerPaid?: string;
}

/** The respondents that match the filters, as a sub-select usable in every aggregate. */
function respondents(p: (value: unknown) => string, roundId: number, filters: BareFilters): string {
  const where = [`r."roundId" = ${p(roundId)}`];
  if (filters.employerPaid) where.push(`r."employerPaid" = ${p(filters.employerPaid)}`);
  if (filters.teamSlug) {
    where.push(
      `EXISTS (SELECT 1 FROM "ResponseTeam" rt JOIN "Team" t ON t.id = rt."teamId" WHERE rt."responseId" = r.id AND t.slug = ${p(filters.teamSlug)})`,
    );
  }
  if (filters.categorySlug) {
    where.push(
      `EXISTS (SELECT 1 FROM "ResponseProject" rp JOIN "Project" pr ON pr.id = rp."projectId" JOIN "Category" c ON c.id = pr."categoryId" WHERE rp."responseId" = r.id AND c.slug = ${p(filters.categorySlug)})`,
    );
  }
  return `SELECT r.id FROM "Response" r WHERE ${where.join(" AND ")}`;
}

export type BareVariant = "base" | "derived";

export function bareSummaryQueries(
  dialect: "sqlite" | "postgres",
  roundId: number,
  filters: BareFilters,
  variant: BareVariant = "base",
): { sql: string; params: unknown[] }[] {
  const make = (build: (p: (value: unknown) => string) => string) => {
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return dialect === "sqlite" ? "?" : `$${params.length}`;
    };
    return { sql: build(p), params };
  };
  const isFiltered = Boolean(filters.teamSlug || filters.categorySlug || filters.employerPaid);
  const selections = (p: (value: unknown) => string) =>
    isFiltered
      ? `"ResponseProject" rp WHERE rp."roundId" = ${p(roundId)} AND rp."responseId" IN (${respondents(p, roundId, filters)})`
      : `"ResponseProject" rp WHERE rp."roundId" = ${p(roundId)}`;
  const day =
    dialect === "sqlite" ? `substr(r."createdAt", 1, 10)` : `to_char(r."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
  if (variant === "derived") return derivedQueries(make, roundId, filters, isFiltered, day);
  return [
    make((p) => `SELECT COUNT(*) AS n FROM (${respondents(p, roundId, filters)}) f`),
    make((p) => `SELECT rp."projectId", COUNT(*) AS n FROM ${selections(p)} GROUP BY rp."projectId"`),
    make(
      (p) =>
        `SELECT pr."categoryId", COUNT(DISTINCT rp."responseId") AS n FROM ${selections(p).replace('"ResponseProject" rp', '"ResponseProject" rp JOIN "Project" pr ON pr.id = rp."projectId"')} GROUP BY pr."categoryId"`,
    ),
    make(
      (p) =>
        `SELECT r."projectCount", COUNT(*) AS n FROM "Response" r WHERE r.id IN (${respondents(p, roundId, filters)}) GROUP BY r."projectCount"`,
    ),
    make(
      (p) =>
        `SELECT pr."categoryId", SUM(CASE WHEN rp."kindCode" THEN 1 ELSE 0 END), SUM(CASE WHEN rp."kindReview" THEN 1 ELSE 0 END), SUM(CASE WHEN rp."kindBugs" THEN 1 ELSE 0 END), SUM(CASE WHEN rp."kindDocs" THEN 1 ELSE 0 END), SUM(CASE WHEN rp."kindMaintainer" THEN 1 ELSE 0 END) FROM ${selections(p).replace('"ResponseProject" rp', '"ResponseProject" rp JOIN "Project" pr ON pr.id = rp."projectId"')} GROUP BY pr."categoryId"`,
    ),
    make(
      (p) =>
        `SELECT rt."teamId", pr."categoryId", COUNT(DISTINCT rt."responseId") AS n FROM "ResponseTeam" rt JOIN "ResponseProject" rp ON rp."responseId" = rt."responseId" JOIN "Project" pr ON pr.id = rp."projectId" WHERE rt."roundId" = ${p(roundId)}${isFiltered ? ` AND rt."responseId" IN (${respondents(p, roundId, filters)})` : ""} GROUP BY rt."teamId", pr."categoryId"`,
    ),
    make(
      (p) =>
        `SELECT a."projectId", b."projectId", COUNT(*) AS n FROM "ResponseProject" a JOIN "ResponseProject" b ON b."responseId" = a."responseId" AND b."projectId" > a."projectId" WHERE a."roundId" = ${p(roundId)}${isFiltered ? ` AND a."responseId" IN (${respondents(p, roundId, filters)})` : ""} GROUP BY a."projectId", b."projectId" ORDER BY n DESC LIMIT 20`,
    ),
    make(
      (p) =>
        `SELECT ${day} AS day, COUNT(*) AS n FROM "Response" r WHERE r.id IN (${respondents(p, roundId, filters)}) GROUP BY day`,
    ),
    make(
      () =>
        `SELECT rp."roundId", rp."projectId", COUNT(*) AS n FROM "ResponseProject" rp GROUP BY rp."roundId", rp."projectId"`,
    ),
  ];
}

type Make = (build: (p: (value: unknown) => string) => string) => { sql: string; params: unknown[] };

/** The respondents that match the filters, using ResponseCategory for the category filter. */
function derivedRespondents(p: (value: unknown) => string, roundId: number, filters: BareFilters): string {
  const where = [`r."roundId" = ${p(roundId)}`];
  if (filters.employerPaid) where.push(`r."employerPaid" = ${p(filters.employerPaid)}`);
  if (filters.teamSlug) {
    where.push(
      `r.id IN (SELECT rt."responseId" FROM "ResponseTeam" rt JOIN "Team" t ON t.id = rt."teamId" WHERE rt."roundId" = ${p(roundId)} AND t.slug = ${p(filters.teamSlug)})`,
    );
  }
  if (filters.categorySlug) {
    where.push(
      `r.id IN (SELECT rc."responseId" FROM "ResponseCategory" rc JOIN "Category" c ON c.id = rc."categoryId" WHERE rc."roundId" = ${p(roundId)} AND c.slug = ${p(filters.categorySlug)})`,
    );
  }
  return `SELECT r.id FROM "Response" r WHERE ${where.join(" AND ")}`;
}

function derivedQueries(make: Make, roundId: number, filters: BareFilters, isFiltered: boolean, day: string) {
  const scope = (p: (value: unknown) => string, alias: string) =>
    `${alias}."roundId" = ${p(roundId)}${isFiltered ? ` AND ${alias}."responseId" IN (${derivedRespondents(p, roundId, filters)})` : ""}`;
  const kinds = ["kindCode", "kindReview", "kindBugs", "kindDocs", "kindMaintainer"]
    .map((k) => `SUM(CASE WHEN rc."${k}" THEN 1 ELSE 0 END)`)
    .join(", ");
  return [
    make((p) => `SELECT COUNT(*) AS n FROM (${derivedRespondents(p, roundId, filters)}) f`),
    make(
      (p) =>
        `SELECT rp."projectId", COUNT(*) AS n FROM "ResponseProject" rp WHERE ${scope(p, "rp")} GROUP BY rp."projectId"`,
    ),
    make(
      (p) =>
        `SELECT rc."categoryId", COUNT(*) AS n, ${kinds} FROM "ResponseCategory" rc WHERE ${scope(p, "rc")} GROUP BY rc."categoryId"`,
    ),
    make(
      (p) =>
        `SELECT r."projectCount", COUNT(*) AS n FROM "Response" r WHERE r.id IN (${derivedRespondents(p, roundId, filters)}) GROUP BY r."projectCount"`,
    ),
    make(
      (p) => `SELECT rt."teamId", COUNT(*) AS n FROM "ResponseTeam" rt WHERE ${scope(p, "rt")} GROUP BY rt."teamId"`,
    ),
    make(
      (p) =>
        `SELECT rt."teamId", rc."categoryId", COUNT(*) AS n FROM "ResponseTeam" rt JOIN "ResponseCategory" rc ON rc."responseId" = rt."responseId" WHERE ${scope(p, "rt")} GROUP BY rt."teamId", rc."categoryId"`,
    ),
    make(
      (p) =>
        `SELECT pr."firstId", pr."secondId", COUNT(*) AS n FROM "ResponsePair" pr WHERE ${scope(p, "pr")} GROUP BY pr."firstId", pr."secondId"`,
    ),
    make(
      (p) =>
        `SELECT ${day} AS day, COUNT(*) AS n FROM "Response" r WHERE r.id IN (${derivedRespondents(p, roundId, filters)}) GROUP BY day`,
    ),
    make(
      () =>
        `SELECT rp."roundId", rp."projectId", COUNT(*) AS n FROM "ResponseProject" rp GROUP BY rp."roundId", rp."projectId"`,
    ),
  ];
}

export interface BareRunner {
  run(queries: { sql: string; params: unknown[] }[]): Promise<void>;
  close(): Promise<void>;
}

export async function openBareRunner(url: string): Promise<BareRunner> {
  if (url.startsWith("file:")) {
    const db = new Database(url.slice(5), { readonly: true });
    const cache = new Map<string, Database.Statement>();
    return {
      async run(queries) {
        for (const q of queries) {
          let statement = cache.get(q.sql);
          if (!statement) cache.set(q.sql, (statement = db.prepare(q.sql)));
          statement.all(...(q.params as unknown[]));
        }
      },
      async close() {
        db.close();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  return {
    async run(queries) {
      // The app runs its queries concurrently on a pool; so does the baseline.
      await Promise.all(queries.map((q) => pool.query(q.sql, q.params)));
    },
    async close() {
      await pool.end();
    },
  };
}
