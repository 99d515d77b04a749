// PostgreSQL moves a round's change counter at commit (migration 20261202020000_round_versions_at_commit): two
// transactions writing the same round no longer wait for each other until commit, and each moves the counter
// exactly once, however many rows it wrote. Whether stored figures then stay exact is summary-snapshots.test.ts's.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ROUND_SLUG } from "@/lib/db/catalogue";
import { createTestDatabase, type TestDatabase } from "../helpers/test-databases";

describe("PostgreSQL round counters move at commit", () => {
  let t: TestDatabase;
  let roundId: number;
  let projectIds: number[];
  const clients: pg.Client[] = [];

  async function connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    clients.push(client);
    return client;
  }
  const version = async () =>
    (await t.db.dataVersion.findUnique({ where: { scope: `round:${roundId}` } }))?.version ?? 0;

  /** One response with two selections, written by statements on the given connection. */
  async function insertAnswer(client: pg.Client): Promise<string> {
    const id = randomUUID();
    await client.query(
      `INSERT INTO "Response" ("id", "publicId", "roundId", "editTokenHash", "updatedAt", "projectCount") VALUES ($1, $1, $2, $3, now(), 2)`,
      [id, roundId, `hash-${id}`],
    );
    for (const projectId of projectIds)
      await client.query(
        `INSERT INTO "ResponseProject" ("responseId", "roundId", "projectId", "frequency") VALUES ($1, $2, $3, 'regularly')`,
        [id, roundId, projectId],
      );
    return id;
  }

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    roundId = (await t.db.round.findUniqueOrThrow({ where: { slug: DEFAULT_ROUND_SLUG } })).id;
    projectIds = (await t.db.project.findMany({ take: 2, orderBy: { position: "asc" }, select: { id: true } })).map(
      (p) => p.id,
    );
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    await t?.drop();
  });

  it("lets a second writer to the same round commit while the first is still open", async () => {
    const first = await connect();
    const second = await connect();
    const before = await version();
    await first.query("BEGIN");
    await insertAnswer(first);
    // Under the old triggers this waited for `first` to finish: the round's counter row was locked until then.
    await second.query("SET statement_timeout = '5s'");
    await second.query("BEGIN");
    await insertAnswer(second);
    await second.query("COMMIT");
    expect(await version()).toBe(before + 1);
    await first.query("COMMIT");
    expect(await version()).toBe(before + 2);
  });

  it("moves the counter once per transaction, not per row, and not at all for a rollback", async () => {
    const client = await connect();
    const before = await version();
    await client.query("BEGIN");
    const ids = [await insertAnswer(client), await insertAnswer(client), await insertAnswer(client)];
    await client.query(`UPDATE "ResponseProject" SET "kindCode" = true WHERE "responseId" = ANY($1)`, [ids]);
    await client.query(`DELETE FROM "Response" WHERE "id" = $1`, [ids[0]]);
    await client.query("COMMIT");
    expect(await version()).toBe(before + 1);

    await client.query("BEGIN");
    await insertAnswer(client);
    await client.query("ROLLBACK");
    expect(await version()).toBe(before + 1);
  });

  it("moves both rounds when a row moves between rounds", async () => {
    const other = await t.db.round.create({
      data: { slug: "other-round", title: "Other", status: "open", questions: "{}" },
    });
    const client = await connect();
    const id = await insertAnswer(client);
    const otherVersion = async () =>
      (await t.db.dataVersion.findUnique({ where: { scope: `round:${other.id}` } }))?.version ?? 0;
    const [beforeThis, beforeOther] = [await version(), await otherVersion()];
    await client.query(`UPDATE "ResponseTeam" SET "roundId" = $1 WHERE "responseId" = $2`, [other.id, id]);
    await client.query(`UPDATE "Response" SET "roundId" = $1 WHERE "id" = $2`, [other.id, id]);
    expect([await version(), await otherVersion()]).toEqual([beforeThis + 1, beforeOther + 1]);
  });
});
