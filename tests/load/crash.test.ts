// Kill the server with SIGKILL in the middle of a load: after a restart every response that got a success
// answer is present and intact, and the SQLite file passes PRAGMA integrity_check.
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getResponseByToken } from "@/lib/db/responses";
import type { ResponseInput } from "@/lib/survey/response-schema";
import { startAppServer } from "../helpers/app-server";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";
import { postSubmission, submissionBody } from "./submission-payloads";

const MAX_REQUESTS = 3000;
const CONCURRENCY = 16;

describeEachDatabase("crash during load", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.drop());

  it("loses no acknowledged response", async () => {
    const server = await startAppServer(t.url, { RATE_LIMIT_SUBMISSIONS_PER_MINUTE: "0" });
    const acknowledged: { body: ResponseInput; responseId: string }[] = [];
    let sent = 0;
    let killed = false;
    const worker = async () => {
      while (!killed && sent < MAX_REQUESTS) {
        const body = submissionBody(sent++);
        try {
          const result = await postSubmission(server.url, body);
          // Acknowledged means the client received the success answer in full, with the response's id.
          const responseId = result.json?.responseId;
          if (result.status === 201 && typeof responseId === "string") acknowledged.push({ body, responseId });
        } catch {
          // the connection died with the server: not acknowledged
        }
      }
    };
    const workers = Array.from({ length: CONCURRENCY }, worker);
    // Kill once a few hundred answers are in, while requests are in flight.
    while (acknowledged.length < 300 && sent < MAX_REQUESTS) await new Promise((r) => setTimeout(r, 20));
    server.process.kill("SIGKILL");
    killed = true;
    await Promise.all(workers);
    await server.stop();
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);

    // Restart on the same database: start-up must succeed and serve.
    const restarted = await startAppServer(t.url);
    await restarted.stop();

    const ids = acknowledged.map((a) => a.responseId);
    const kept = await t.db.response.count({ where: { publicId: { in: ids } } });
    console.log(`crash [${kind}]: ${sent} sent, SIGKILL, ${ids.length} acknowledged, ${kept} of them stored after the restart`);
    expect(kept).toBe(ids.length);
    for (const { body } of acknowledged.filter((_, i) => i % 10 === 0)) {
      const stored = await getResponseByToken(t.db, body.token);
      expect(stored?.projects.filter((p) => p.frequency !== "unspecified").map((p) => p.project.slug).sort()).toEqual(
        body.projects.map((p) => p.slug).sort(),
      );
      expect(stored?.teams.map((x) => x.team.slug).sort()).toEqual([...body.teams].sort());
    }
    if (kind === "sqlite") {
      const raw = new Database(t.url.slice("file:".length), { readonly: true });
      expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
      raw.close();
    }
  });
});
