// Next.js configuration. The CSP (with a per-request nonce) is set in proxy.ts; the rest here, for every response.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Edit links carry a private token in the path: never send it to another site. (Not "no-referrer": browsers
  // then send `Origin: null` on our own form posts, which Next.js refuses for server actions.)
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

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
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
