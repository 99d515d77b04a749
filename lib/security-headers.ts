// Security headers. The Content-Security-Policy carries a fresh nonce per request (set in proxy.ts), so Next.js's
// inline bootstrap scripts run and nothing else does; no 'unsafe-eval' outside development.

/**
 * On every response: next.config.js sets them for Next.js's answers and the edge (lib/http/edge.ts) for its own
 * refusals; lib/security-headers.test.ts keeps the two lists equal.
 */
export const STATIC_SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** For answers that are data, never a document: the API's, and the edge's refusals. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function contentSecurityPolicy(nonce: string, isDevelopment: boolean): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its error overlay; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ""}`,
    // Recharts and React set style attributes; inline styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // No upgrade-insecure-requests: it turns form posts to a plain-http `npm start` into failing https posts.
    // HTTPS is the TLS proxy's job (and its HSTS header).
  ].join("; ");
}
