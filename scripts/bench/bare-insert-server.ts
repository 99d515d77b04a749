// Benchmark baseline: the database's ceiling. A bare node:http server that parses and validates the same
// body as POST /api/v1/responses and inserts it with the same driver (better-sqlite3 or pg), one transaction
// per request, with ids looked up from maps loaded at start. No framework, no ORM, no checks beyond that.
// Its rows say source 'bare', so the benchmark counts the app's own answers apart from them.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import Database from "better-sqlite3";
import pg from "pg";
import { v7 as timeOrderedUuid } from "uuid";
import { hashEditToken } from "../../lib/survey/edit-token";
import { responseInputSchema } from "../../lib/survey/response-schema";

const url = process.env.DATABASE_URL ?? "";
const port = Number(process.env.PORT ?? 0);

/** The app's two ids: the time-ordered internal key the rows hang off, and the random public one. */
interface ResponseIds {
  id: string;
  publicId: string;
}

interface Insert {
  (ids: ResponseIds, roundId: number, hash: string, body: ReturnType<typeof responseInputSchema.parse>): Promise<void> | void;
}

async function setup(): Promise<{ insert: Insert; projectIds: Map<string, number>; teamIds: Map<string, number>; roundIds: Map<string, number> }> {
  if (url.startsWith("file:")) {
    const db = new Database(url.slice(5), { timeout: 10_000 });
    db.pragma("journal_mode = WAL");
    // The same durability as the app (lib/db/client.ts): every acknowledged insert synced to disk.
    db.pragma("synchronous = FULL");
    const maps = {
      projectIds: new Map((db.prepare('SELECT slug, id FROM "Project"').all() as { slug: string; id: number }[]).map((r) => [r.slug, r.id])),
      teamIds: new Map((db.prepare('SELECT slug, id FROM "Team"').all() as { slug: string; id: number }[]).map((r) => [r.slug, r.id])),
      roundIds: new Map((db.prepare('SELECT slug, id FROM "Round"').all() as { slug: string; id: number }[]).map((r) => [r.slug, r.id])),
    };
    const now = () => new Date().toISOString().replace("Z", "+00:00");
    const insertResponse = db.prepare(
      'INSERT INTO "Response" (id, "publicId", "roundId", "editTokenHash", source, "notOpenStackContributor", "yearsContributing", "employerPaid", comment, "projectCount", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, \'bare\', ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertProject = db.prepare(
      'INSERT INTO "ResponseProject" ("responseId", "projectId", "roundId", "kindCode", "kindReview", "kindBugs", "kindDocs", "kindMaintainer", frequency) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertTeam = db.prepare('INSERT INTO "ResponseTeam" ("responseId", "teamId", "roundId") VALUES (?, ?, ?)');
    const insertOther = db.prepare('INSERT INTO "OtherEntry" ("responseId", "roundId", position, "rawText", "normalizedText") VALUES (?, ?, ?, ?, ?)');
    const insert = db.transaction(({ id, publicId }: ResponseIds, roundId: number, hash: string, body: ReturnType<typeof responseInputSchema.parse>) => {
      const at = now();
      insertResponse.run(id, publicId, roundId, hash, body.notOpenStackContributor ? 1 : 0, body.yearsContributing, body.employerPaid, body.comment, body.projects.length, at, at);
      for (const p of body.projects) {
        const k = (kind: string) => (p.kinds.includes(kind as never) ? 1 : 0);
        insertProject.run(id, maps.projectIds.get(p.slug), roundId, k("code"), k("review"), k("bugs"), k("docs"), k("maintainer"), p.frequency);
      }
      for (const t of body.teams) insertTeam.run(id, maps.teamIds.get(t), roundId);
      body.others.forEach((o, i) => insertOther.run(id, roundId, i, o, o.toLowerCase()));
    });
    return { insert, ...maps };
  }
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const rows = async (sql: string) => (await pool.query<{ slug: string; id: number }>(sql)).rows.map((r) => [r.slug, r.id] as const);
  const maps = {
    projectIds: new Map(await rows('SELECT slug, id FROM "Project"')),
    teamIds: new Map(await rows('SELECT slug, id FROM "Team"')),
    roundIds: new Map(await rows('SELECT slug, id FROM "Round"')),
  };
  const insert: Insert = async ({ id, publicId }, roundId, hash, body) => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(
        'INSERT INTO "Response" (id, "publicId", "roundId", "editTokenHash", source, "notOpenStackContributor", "yearsContributing", "employerPaid", comment, "projectCount", "updatedAt") VALUES ($1, $2, $3, $4, \'bare\', $5, $6, $7, $8, $9, now())',
        [id, publicId, roundId, hash, body.notOpenStackContributor, body.yearsContributing, body.employerPaid, body.comment, body.projects.length],
      );
      for (const p of body.projects) {
        await client.query(
          'INSERT INTO "ResponseProject" ("responseId", "projectId", "roundId", "kindCode", "kindReview", "kindBugs", "kindDocs", "kindMaintainer", frequency) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
          [id, maps.projectIds.get(p.slug), roundId, ...["code", "review", "bugs", "docs", "maintainer"].map((k) => p.kinds.includes(k as never)), p.frequency],
        );
      }
      for (const t of body.teams) await client.query('INSERT INTO "ResponseTeam" ("responseId", "teamId", "roundId") VALUES ($1, $2, $3)', [id, maps.teamIds.get(t), roundId]);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    } finally {
      client.release();
    }
  };
  return { insert, ...maps };
}

const { insert, roundIds } = await setup();
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", async () => {
    try {
      const parsed = responseInputSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      const roundId = parsed.success ? roundIds.get(parsed.data.round) : undefined;
      if (!parsed.success || roundId === undefined) {
        res.writeHead(400, { "content-type": "application/json" }).end('{"error":"invalid"}');
        return;
      }
      const ids = { id: timeOrderedUuid(), publicId: randomUUID() };
      await insert(ids, roundId, hashEditToken(parsed.data.token), parsed.data);
      res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ responseId: ids.publicId }));
    } catch {
      res.writeHead(500).end();
    }
  });
});
server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : port}`);
});
