// The app's HTTP server: Next.js's production (or development) request handler behind the edge (lib/http/edge.ts).
// `npm start`, the tests and the end-to-end suite all serve through it, so every request gets the same client
// identity and the same refusals.
import { createServer } from "node:http";
import next from "next";
import { getDatabase } from "../db/client";
import { recordCrossSiteRequest } from "../db/cross-site-audit";
import { resolveSessionSecret } from "../auth/session-secret";
import { getEnv } from "../env";
import { markClientAddressEdge, parseTrustedProxies } from "./client-address";
import { parserErrorResponse, withEdge } from "./edge";

export interface ServeOptions {
  port: number;
  hostname: string;
  dev?: boolean;
}

export async function serve({ port, hostname, dev = false }: ServeOptions) {
  const env = getEnv();
  const app = next({ dev, hostname, port });
  await app.prepare();
  markClientAddressEdge();
  const handle = app.getRequestHandler();
  const handler = withEdge((request, response) => handle(request, response), {
    trust: parseTrustedProxies(env.TRUSTED_PROXIES),
    async onCrossSiteRequest(client, path) {
      const secret = resolveSessionSecret(env);
      // Without a secret (PostgreSQL without SESSION_SECRET) there is no keyed hash to count by: log nothing.
      if (secret.ok) await recordCrossSiteRequest(getDatabase().db, secret.secret, client, path);
    },
  });
  const server = createServer((request, response) => {
    handler(request, response).catch((error: unknown) => {
      console.error("upstream-census: request failed at the edge", error);
      if (!response.headersSent) response.statusCode = 500;
      response.end();
    });
  });
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    // A socket already gone (reset, timed out) has nobody to answer.
    if (error.code === "ECONNRESET" || !socket.writable) return void socket.destroy();
    socket.end(parserErrorResponse());
  });
  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  console.log(`upstream-census: serving http://${hostname}:${port}${dev ? " (development)" : ""}`);
  return server;
}
