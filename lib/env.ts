// The environment, parsed and typed once. Everything configurable is here and in the README's table.
import proxyaddr from "proxy-addr";
import { z } from "zod";

export const DEFAULT_DATABASE_URL = "file:./data/census.db";

const databaseUrlSchema = z
  .string()
  .trim()
  .min(1)
  .refine((url) => {
    if (url.startsWith("file:")) return url.length > "file:".length;
    if (!/^postgres(ql)?:\/\//.test(url)) return false;
    try {
      return new URL(url).hostname.length > 0 || url.includes("host=");
    } catch {
      return false;
    }
  }, "must be a SQLite file URL (file:./data/census.db) or a PostgreSQL URL (postgresql://user@host:5432/db)");

const envSchema = z.object({
  DATABASE_URL: databaseUrlSchema.default(DEFAULT_DATABASE_URL),
  MIN_CELL_SIZE: z.coerce.number().int().min(1).max(1000).default(5),
  // Signs session cookies and keys the rate limiter's client hash; at least 32 characters.
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  EXPORT_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  // Responses of closed rounds older than this many days are deleted by `npm run retention`; 0 keeps them.
  RETENTION_DAYS: z.coerce.number().int().min(0).default(0),
  // Submissions accepted per client per minute across all instances (counted in the database); 0 turns it off.
  RATE_LIMIT_SUBMISSIONS_PER_MINUTE: z.coerce.number().int().min(0).default(30),
  // Addresses or CIDRs (or loopback, linklocal, uniquelocal) of the reverse proxies in front of the app; the client
  // is then the right-most X-Forwarded-For address that is not one of them. Unset: the socket address, header ignored.
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .refine((value) => {
      try {
        proxyaddr.compile((value ?? "").split(",").map((entry) => entry.trim()).filter(Boolean));
        return true;
      } catch {
        return false;
      }
    }, "must be a comma-separated list of IP addresses or CIDRs (or loopback, linklocal, uniquelocal)"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parse an environment; throws EnvError with one line per problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new EnvError(`Invalid environment: ${lines.join("; ")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export type DatabaseKind = "sqlite" | "postgres";
export function databaseKind(url: string): DatabaseKind {
  return url.startsWith("file:") ? "sqlite" : "postgres";
}
