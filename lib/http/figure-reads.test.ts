import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createFigureReadLine, isFigureRead, type FigureReadLine, type LineOutcome } from "./figure-reads";

/** A real HTTP server whose every request goes through `line`; each request is answered when the test says so. */
async function serveThrough(line: FigureReadLine) {
  const started: string[] = [];
  const release = new Map<string, () => void>();
  const outcomes: LineOutcome[] = [];
  const server: Server = createServer((request, response) => {
    void line
      .answer(request, response, async () => {
        started.push(request.url!);
        await new Promise<void>((resolve) => release.set(request.url!, resolve));
        response.end("ok");
      })
      .then((outcome) => {
        outcomes.push(outcome);
        if (outcome === "line-full") response.writeHead(503).end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, started, release, outcomes, close: () => new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); }) };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
};

let close: (() => Promise<unknown>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe("the line for figure reads", () => {
  it("takes the results pages and the figure APIs, nothing else", () => {
    for (const path of ["/results", "/results/dependencies", "/api/v1/summary", "/api/v1/dependencies", "/api/export/aggregates/top-projects"])
      expect(isFigureRead("GET", path), path).toBe(true);
    for (const path of ["/", "/resultsx", "/api/health", "/api/v1/responses", "/api/v1/summaryx", "/admin/results", "/api/export/responses"])
      expect(isFigureRead("GET", path), path).toBe(false);
    expect(isFigureRead("POST", "/results")).toBe(false);
  });

  it("answers at most its slots at once, the rest in the order they came", async () => {
    const line = createFigureReadLine(2, 10);
    const server = await serveThrough(line);
    close = server.close;
    const answers = ["/a", "/b", "/c", "/d"].map((path) => fetch(server.base + path).then((r) => r.text()));
    await until(() => server.started.length === 2 && line.waiting === 2);
    expect(server.started).toEqual(["/a", "/b"]);
    server.release.get("/b")!();
    await until(() => server.started.length === 3);
    expect(server.started[2]).toBe("/c");
    expect(line.active).toBe(2);
    for (const path of ["/a", "/c"]) server.release.get(path)!();
    await until(() => server.started.length === 4);
    server.release.get("/d")!();
    expect(await Promise.all(answers)).toEqual(["ok", "ok", "ok", "ok"]);
    expect(server.outcomes).toEqual(["answered", "answered", "answered", "answered"]);
  });

  it("refuses at once when the line is full, and skips a client that left while waiting", async () => {
    const line = createFigureReadLine(1, 1);
    const server = await serveThrough(line);
    close = server.close;
    const first = fetch(server.base + "/first");
    await until(() => server.started.length === 1);
    const leaving = new AbortController();
    void fetch(server.base + "/leaves", { signal: leaving.signal }).catch(() => undefined);
    await until(() => line.waiting === 1);
    expect((await fetch(server.base + "/refused")).status).toBe(503);
    leaving.abort();
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.release.get("/first")!();
    expect(await (await first).text()).toBe("ok");
    await until(() => server.outcomes.includes("client-gone"));
    expect(server.started).toEqual(["/first"]);
  });
});
