// Who the client is, for rate limits: the address of the socket the request came in on, unless that socket is a
// proxy the operator trusts. Clients cannot choose it: X-Forwarded-For is ignored unless TRUSTED_PROXIES names
// the proxies in front of the app, and then the right-most address not among them is the client, exactly as
// Express's `trust proxy` does (both use the maintained proxy-addr package).
//
// Next.js gives route handlers and server actions no socket, and `next start` fills X-Forwarded-For from the
// socket only when the client did not send one. So the app is served by scripts/serve.ts, whose edge
// (lib/http/edge.ts) resolves the address from the socket and hands it on in CLIENT_ADDRESS_HEADER, replacing
// whatever the client sent under that name.
import type { IncomingMessage } from "node:http";
import proxyaddr from "proxy-addr";

export const CLIENT_ADDRESS_HEADER = "x-census-client-address";

export type TrustProxy = (address: string, hop: number) => boolean;

/** TRUSTED_PROXIES: addresses, CIDRs or proxy-addr's names (loopback, linklocal, uniquelocal), comma-separated. */
export function parseTrustedProxies(value: string | undefined): TrustProxy {
  const entries = (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return () => false;
  return proxyaddr.compile(entries);
}

/** The client's address: the socket's, or with trusted proxies the right-most untrusted X-Forwarded-For hop. */
export function resolveClientAddress(request: IncomingMessage, trust: TrustProxy): string {
  // proxy-addr reads only the socket address and the X-Forwarded-For header of the request.
  return proxyaddr(request, trust) || "unknown";
}

const EDGE_MARK = Symbol.for("upstream-census.client-address-edge");
type Marked = { [EDGE_MARK]?: boolean };

/** Called by the edge when it starts: from then on CLIENT_ADDRESS_HEADER can be believed in this process. */
export function markClientAddressEdge(): void {
  (globalThis as Marked)[EDGE_MARK] = true;
}

let hasWarned = false;

/** The client address the edge resolved; without the edge (plain `next start`) every client is "unknown". */
export function clientAddressFromHeaders(headers: { get(name: string): string | null }): string {
  if (!(globalThis as Marked)[EDGE_MARK]) {
    if (!hasWarned) {
      hasWarned = true;
      console.warn("upstream-census: served without scripts/serve.ts, so client addresses are unknown and all clients share one rate-limit count; use `npm start`.");
    }
    return "unknown";
  }
  return headers.get(CLIENT_ADDRESS_HEADER) || "unknown";
}
