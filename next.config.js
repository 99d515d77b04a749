// Next.js configuration. Pages get their CSP (with a per-request nonce) in proxy.ts; the rest is set here.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Edit links carry a private token in the path: never send it to another site. (Not "no-referrer": browsers
  // then send `Origin: null` on our own form posts, which Next.js refuses for server actions.)
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and server-only packages stay out of the bundle and are loaded by Node at run time.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@node-rs/argon2", "pg"],
  // A survey answer is a few kilobytes; anything much larger is not one.
  // authInterrupts: forbidden() and unauthorized() give /admin refusals real 403 and 401 statuses.
  experimental: { serverActions: { bodySizeLimit: "256kb" }, authInterrupts: true },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // API answers are data, never a document to run: nothing may load from them or frame them.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: apiContentSecurityPolicy }] },
    ];
  },
};

export default nextConfig;
