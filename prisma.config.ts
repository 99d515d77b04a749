// Prisma CLI configuration. The CLI runs with the JavaScript engine and a driver adapter, so no native
// engine is ever downloaded (this works offline). PostgreSQL migrations are applied by scripts/prepare-db.ts
// instead of `migrate deploy`, which fails through @prisma/adapter-pg (prisma/orm#27403).
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The schemas read env("DATABASE_URL"); without it the CLI falls back to a native engine it would download.
process.env.DATABASE_URL ??= "file:./data/census.db";
const url = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => new PrismaBetterSQLite3({ url }),
});
