// Next.js configuration. Security headers live in proxy/headers so every response carries them.
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and server-only packages stay out of the bundle and are loaded by Node at run time.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@node-rs/argon2", "pg"],
  typescript: { ignoreBuildErrors: false },
  // forbidden() and unauthorized() give /admin refusals real 403 and 401 statuses.
  experimental: { authInterrupts: true },
};

export default nextConfig;
