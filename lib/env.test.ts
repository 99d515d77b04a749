import { describe, expect, it } from "vitest";
import { databaseKind, DEFAULT_DATABASE_URL, EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("defaults to a SQLite file and k = 5", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe(DEFAULT_DATABASE_URL);
    expect(env.MIN_CELL_SIZE).toBe(5);
    expect(databaseKind(env.DATABASE_URL)).toBe("sqlite");
  });
  it("accepts PostgreSQL URLs", () => {
    const env = parseEnv({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/census" });
    expect(databaseKind(env.DATABASE_URL)).toBe("postgres");
  });
  it.each(["mysql://x", "file:", "postgresql://", "census.db", "http://example.org"])(
    "rejects DATABASE_URL=%j with one clear line",
    (url) => {
      expect(() => parseEnv({ DATABASE_URL: url })).toThrow(EnvError);
      expect(() => parseEnv({ DATABASE_URL: url })).toThrow(/DATABASE_URL must be a SQLite file URL/);
    },
  );
  it("rejects a non-numeric MIN_CELL_SIZE and a short secret", () => {
    expect(() => parseEnv({ MIN_CELL_SIZE: "many" })).toThrow(/MIN_CELL_SIZE/);
    expect(() => parseEnv({ SESSION_SECRET: "short" })).toThrow(/SESSION_SECRET/);
  });
});
