// No IP address or user agent is stored: no column is meant for one, and none of what a submission writes holds
// one, in any table (the rate limiter's included).
import pg from "pg";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { readPrismaSchema } from "../helpers/prisma-schema";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";
import { submissionBody } from "./submission-payloads";

const CLIENT_IP = "203.0.113.77";
const USER_AGENT = "PrivacyProbe/1.0 (unique-agent-string)";

async function everyTextValue(t: TestDatabase): Promise<string> {
  if (t.kind === "sqlite") {
    const raw = new Database(t.url.slice("file:".length), { readonly: true });
    try {
      const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      return tables.map(({ name }) => JSON.stringify(raw.prepare(`SELECT * FROM "${name}"`).all())).join("\n");
    } finally {
      raw.close();
    }
  }
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    const dumps = [];
    for (const { tablename } of rows) dumps.push(JSON.stringify((await client.query(`SELECT * FROM "${tablename}"`)).rows));
    return dumps.join("\n");
  } finally {
    await client.end();
  }
}

describeEachDatabase("privacy of stored data", (kind) => {
  let t: TestDatabase;
  let server: AppServer;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    // Behind a trusted (loopback) proxy, the forwarded address is the client address the limiter sees.
    server = await startAppServer(t.url, { RATE_LIMIT_SUBMISSIONS_PER_MINUTE: "3", TRUSTED_PROXIES: "loopback" });
  });
  afterAll(async () => {
    await server?.stop();
    await t?.drop();
  });

  it("stores neither the client's IP address nor its user agent anywhere", async () => {
    const statuses = [];
    for (let n = 0; n < 5; n++) {
      const response = await fetch(`${server.url}/api/v1/responses`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": CLIENT_IP, "user-agent": USER_AGENT },
        body: JSON.stringify(submissionBody(n)),
      });
      statuses.push(response.status);
    }
    // The rate limiter counted this client (so it saw the address) ...
    expect(statuses.slice(0, 3)).toEqual([201, 201, 201]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    // ... yet nothing in the database holds the address or the agent.
    const everything = await everyTextValue(t);
    expect(everything).not.toContain(CLIENT_IP);
    expect(everything).not.toContain("unique-agent-string");
  });

  it("has no column meant for addresses or agents", () => {
    // Every column of every table, from the schema the migrations are held to (tests/integration/schema-parity.test.ts).
    const columns = readPrismaSchema(kind === "sqlite" ? "prisma/schema.prisma" : "prisma/postgres/schema.prisma").models.flatMap(
      (model) => model.columns.map((column) => `${model.name}.${column.name}`),
    );
    expect(columns.length).toBeGreaterThan(50);
    const words = (name: string) => name.split(/(?=[A-Z])|[._]/).map((word) => word.toLowerCase());
    const suspicious = columns.filter((column) =>
      words(column).some((word) => ["ip", "address", "agent", "remote", "forwarded", "referer", "referrer", "host"].includes(word)),
    );
    expect(suspicious).toEqual([]);
  });
});
