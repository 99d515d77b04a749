// Security headers. The Content-Security-Policy carries a fresh nonce per request (set in proxy.ts), so Next.js's
// inline bootstrap scripts run and nothing else does; no 'unsafe-eval' outside development.

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
