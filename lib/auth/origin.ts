// Cross-site request checks for POST route handlers (server actions get the same check from Next.js).
// A browser always sends Origin (or Sec-Fetch-Site) on a cross-site POST, so a request with neither comes
// from a script or curl, which cannot carry a victim's cookie: that is allowed.

export interface HeaderSource {
  get(name: string): string | null;
}

export function isSameOriginRequest(headers: HeaderSource): boolean {
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  const origin = headers.get("origin");
  const site = headers.get("sec-fetch-site");
  // "null" comes from sandboxed frames, file: pages and redirects across origins, and from no form of this site
  // (it sends Referrer-Policy: same-origin); the browser's Sec-Fetch-Site then says where the post came from.
  if (origin === "null") return site === "same-origin";
  if (origin !== null) {
    if (!host) return false;
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  return site === null || site === "same-origin" || site === "none";
}
