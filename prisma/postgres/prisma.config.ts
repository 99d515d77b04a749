// Prisma CLI configuration for the PostgreSQL schema (generate and `migrate diff` only: migrations are applied
// by scripts/prepare-db.ts because `migrate deploy` fails through @prisma/adapter-pg, prisma/orm#27403).
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The schema reads env("DATABASE_URL"); without it the CLI falls back to a native engine it would download.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/postgres";
const connectionString = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  adapter: async () => new PrismaPg({ connectionString }),
});
