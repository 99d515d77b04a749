import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const models = (file: string) => {
  const text = readFileSync(file, "utf8");
  const match = /\/\/ MODELS-START\n([\s\S]*)\/\/ MODELS-END/.exec(text);
  if (!match?.[1]) throw new Error(`${file} has no MODELS-START/MODELS-END block`);
  return match[1];
};

describe("the SQLite and PostgreSQL schemas", () => {
  it("describe the same models", () => {
    expect(models("prisma/postgres/schema.prisma")).toBe(models("prisma/schema.prisma"));
  });
  it("differ only in provider and client output", () => {
    const sqlite = readFileSync("prisma/schema.prisma", "utf8");
    const postgres = readFileSync("prisma/postgres/schema.prisma", "utf8");
    expect(sqlite).toMatch(/provider = "sqlite"/);
    expect(postgres).toMatch(/provider = "postgresql"/);
    expect(postgres).toMatch(/url\s+= env\("DATABASE_URL"\)/);
    expect(sqlite).toMatch(/url\s+= env\("DATABASE_URL"\)/);
  });
});
