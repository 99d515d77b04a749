// Grows the end-to-end catalogue to a given number of projects (in a category of their own), or removes them:
// `tsx tests/e2e/seed-catalogue.ts 500` / `tsx tests/e2e/seed-catalogue.ts --remove`. Run by tests/e2e/console.spec.ts
// against the server's database file (tests/e2e/database.ts).
import { createDb } from "../../lib/db/client";
import { normalizeName } from "../../lib/survey/normalize";
import { e2eDatabaseUrl } from "./database";

const CATEGORY = { slug: "e2e-load", name: "Load test" };
const { db } = createDb(e2eDatabaseUrl());
try {
  if (process.argv[2] === "--remove") {
    const category = await db.category.findUnique({ where: { slug: CATEGORY.slug } });
    if (category) {
      await db.project.deleteMany({ where: { categoryId: category.id } });
      await db.category.delete({ where: { id: category.id } });
    }
  } else {
    const target = Number(process.argv[2] ?? 500);
    const category = await db.category.upsert({ where: { slug: CATEGORY.slug }, create: { ...CATEGORY, position: 999 }, update: {} });
    const have = await db.project.count({ where: { status: { not: "merged" } } });
    const last = (await db.project.aggregate({ _max: { position: true } }))._max.position ?? 0;
    const names = Array.from({ length: Math.max(0, target - have) }, (_, i) => `Load test project ${String(i + 1).padStart(3, "0")}`);
    await db.project.createMany({
      data: names.map((name, i) => ({ slug: `load-test-${i + 1}`, name, normalizedName: normalizeName(name), categoryId: category.id, position: last + 1 + i })),
    });
  }
} finally {
  await db.$disconnect();
}
