// The bulk path (demo data, CSV import, benchmark datasets) writes with multi-row raw INSERTs. These tests pin
// that it stores exactly what Prisma's createMany stored before, column by column as the database holds them
// (SQLite keeps booleans as integers and dates as text, so a type slip would show here), on both databases.
import { afterAll, beforeAll, expect, it } from "vitest";
import { insertResponsesBulk, type BulkResponse } from "@/lib/db/responses-bulk";
import type { Db } from "@/lib/db/client";
import { isCompleteAnswer } from "@/lib/survey/completeness";
import { normalizeName } from "@/lib/survey/normalize";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

const kindColumns = (kinds: readonly string[]) => ({
  kindCode: kinds.includes("code"),
  kindReview: kinds.includes("review"),
  kindBugs: kinds.includes("bugs"),
  kindDocs: kinds.includes("docs"),
  kindMaintainer: kinds.includes("maintainer"),
});

/** The bulk path as it was written with createMany: the reference the raw INSERTs must match. */
async function insertWithCreateMany(
  db: Db,
  roundId: number,
  responses: (BulkResponse & { id: string; publicId: string })[],
  now: Date,
) {
  await db.$transaction(async (tx) => {
    await tx.response.createMany({
      data: responses.map((r) => ({
        id: r.id,
        publicId: r.publicId,
        roundId,
        editTokenHash: r.editTokenHash,
        source: r.source,
        importKey: r.importKey ?? null,
        notOpenStackContributor: r.notOpenStackContributor ?? false,
        yearsContributing: r.yearsContributing ?? null,
        employerPaid: r.employerPaid ?? null,
        comment: r.comment ?? null,
        projectCount: r.selections.length,
        nothingOutsideOpenStack: r.nothingOutsideOpenStack ?? false,
        isComplete: isCompleteAnswer({
          teams: r.teamIds.length,
          notOpenStackContributor: r.notOpenStackContributor ?? false,
          projects: r.selections.length,
          others: r.others?.length ?? 0,
          nothingOutsideOpenStack: r.nothingOutsideOpenStack ?? false,
        }),
        createdAt: r.createdAt ?? now,
        updatedAt: r.createdAt ?? now,
      })),
    });
    await tx.responseProject.createMany({
      data: responses.flatMap((r) =>
        r.selections.map((s) => ({
          responseId: r.id,
          roundId,
          projectId: s.projectId,
          frequency: s.frequency,
          ...kindColumns(s.kinds),
        })),
      ),
    });
    await tx.responseTeam.createMany({
      data: responses.flatMap((r) => r.teamIds.map((teamId) => ({ responseId: r.id, roundId, teamId }))),
    });
    await tx.otherEntry.createMany({
      data: responses.flatMap((r) =>
        (r.others ?? []).map((o, position) => ({
          responseId: r.id,
          roundId,
          position,
          rawText: o.rawText,
          normalizedText: normalizeName(o.rawText),
          projectId: o.projectId,
        })),
      ),
    });
  });
}

describeEachDatabase("bulk response insert", (kind) => {
  let t: TestDatabase;
  let projectIds: number[];
  let teamIds: number[];
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    projectIds = (await t.db.project.findMany({ take: 6, orderBy: { id: "asc" } })).map((p) => p.id);
    teamIds = (await t.db.team.findMany({ take: 3, orderBy: { id: "asc" } })).map((p) => p.id);
  });
  afterAll(async () => t?.drop());

  const newRound = async (slug: string) =>
    (await t.db.round.create({ data: { slug, title: slug, status: "open", questions: "{}" } })).id;

  /** Every kind of value the bulk path writes: nulls, booleans both ways, dates given and defaulted, text that needs quoting. */
  const sample = (prefix: string): BulkResponse[] =>
    Array.from({ length: 7 }, (_, i) => ({
      editTokenHash: `${prefix}-hash-${i}`,
      source: (["demo", "import", "web"] as const)[i % 3]!,
      importKey: i % 2 === 0 ? `key-${i}` : null,
      createdAt: i === 3 ? undefined : new Date(Date.UTC(2026, 0, 1 + i, 12, 30, 15, 123)),
      notOpenStackContributor: i === 5,
      nothingOutsideOpenStack: i === 6,
      yearsContributing: i === 4 ? null : i * 3,
      employerPaid: i === 2 ? null : "partly",
      comment: i === 1 ? `it's "quoted", ünïcode; DROP TABLE x; --` : null,
      teamIds: i === 5 ? [] : teamIds.slice(0, 1 + (i % 3)),
      selections: projectIds.slice(0, i % 5).map((projectId, n) => ({
        projectId,
        kinds: n % 2 === 0 ? ["code", "review"] : ["maintainer", "docs", "bugs"],
        frequency: n === 1 ? "unspecified" : "regularly",
      })),
      others:
        i % 3 === 0
          ? [
              { rawText: "My Tool", projectId: null },
              { rawText: "pypa/pip", projectId: projectIds[0]! },
            ]
          : [],
    }));

  async function storedRows(roundId: number) {
    const responses = await t.db.$queryRawUnsafe<Record<string, unknown>[]>(
      // Also as the database holds them, as text: a driver reads several date encodings back as the same Date, and
      // the day totals read the stored text (substr of createdAt).
      `SELECT *, CAST("createdAt" AS TEXT) AS "createdAtText", CAST("updatedAt" AS TEXT) AS "updatedAtText",
         CAST("isComplete" AS TEXT) AS "isCompleteText", CAST("notOpenStackContributor" AS TEXT) AS "notOpenStackText"
       FROM "Response" WHERE "roundId" = ${roundId} ORDER BY "editTokenHash"`,
    );
    const order = new Map(responses.map((r, i) => [r.id as string, i]));
    const byResponse = (rows: Record<string, unknown>[]) =>
      rows
        .map(({ responseId, roundId: _round, id: _id, ...rest }) => ({
          response: order.get(responseId as string),
          ...rest,
        }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    return {
      // Record keys are random per response (the cell key method): set by the database, never equal by design.
      responses: responses.map(({ id: _id, publicId: _publicId, roundId: _round, recordKey: _recordKey, editTokenHash, ...rest }) => ({
        ...rest,
        editTokenHash: String(editTokenHash).replace(/^[a-z]+-/, ""),
      })),
      projects: byResponse(await t.db.$queryRawUnsafe(`SELECT * FROM "ResponseProject" WHERE "roundId" = ${roundId}`)),
      teams: byResponse(await t.db.$queryRawUnsafe(`SELECT * FROM "ResponseTeam" WHERE "roundId" = ${roundId}`)),
      others: byResponse(await t.db.$queryRawUnsafe(`SELECT * FROM "OtherEntry" WHERE "roundId" = ${roundId}`)),
    };
  }

  it("stores exactly the rows createMany stored, public ids in input order", async () => {
    const bulkRound = await newRound("bulk-raw");
    const referenceRound = await newRound("bulk-reference");
    const ids = await insertResponsesBulk(t.db, bulkRound, sample("raw"), 3);
    expect(ids).toHaveLength(7);
    expect(new Set(ids).size).toBe(7);
    const stored = await t.db.response.findMany({
      where: { publicId: { in: ids } },
      select: { id: true, publicId: true, editTokenHash: true },
    });
    const inInputOrder = ids.map((publicId) => stored.find((r) => r.publicId === publicId)!);
    expect(inInputOrder.map((r) => r.editTokenHash)).toEqual(sample("raw").map((r) => r.editTokenHash));
    // Internal ids are time-ordered UUIDv7s that increase in insertion order; public ids are random v4s.
    const internal = inInputOrder.map((r) => r.id);
    expect(internal.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7/.test(id))).toBe(true);
    expect([...internal].sort()).toEqual(internal);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4/.test(id))).toBe(true);

    // The one defaulted date is "now" in both: copy it over so the comparison is exact.
    const defaulted = await t.db.response.findFirstOrThrow({
      where: { roundId: bulkRound, editTokenHash: "raw-hash-3" },
    });
    const reference = sample("ref").map((r) => ({ ...r, id: crypto.randomUUID(), publicId: crypto.randomUUID() }));
    await insertWithCreateMany(t.db, referenceRound, reference, defaulted.createdAt);

    const [raw, ref] = [await storedRows(bulkRound), await storedRows(referenceRound)];
    expect(raw.projects.length).toBeGreaterThan(10);
    expect(raw.others.length).toBe(6);
    expect(raw).toEqual(ref);
  });

  it("writes a chunk all or nothing: a duplicate fails it whole", async () => {
    const roundId = await newRound("bulk-duplicate");
    await insertResponsesBulk(t.db, roundId, sample("dup").slice(0, 1));
    const again = sample("dup").slice(0, 3).reverse();
    await expect(insertResponsesBulk(t.db, roundId, again)).rejects.toThrow(/unique|duplicate/i);
    expect(await t.db.response.count({ where: { roundId } })).toBe(1);
  });

  it("splits statements under the databases' parameter limits", async () => {
    const roundId = await newRound("bulk-large");
    const many: BulkResponse[] = Array.from({ length: 4000 }, (_, i) => ({
      editTokenHash: `large-${i}`,
      source: "demo",
      teamIds: [teamIds[i % 3]!],
      selections: projectIds.map((projectId) => ({ projectId, kinds: ["code"], frequency: "once" })),
    }));
    const ids = await insertResponsesBulk(t.db, roundId, many, 4000);
    expect(ids).toHaveLength(4000);
    expect(await t.db.responseProject.count({ where: { roundId } })).toBe(4000 * projectIds.length);
  });
});
