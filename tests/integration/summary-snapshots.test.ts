// Stored dashboard figures on SQLite and PostgreSQL: every part is stored and served again, and no write
// path (submission, edit, deletion, a child-row change, catalogue edits, another round) can leave a stale
// figure on show, because the triggers move the counters the stored parts are stamped with.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCounting } from "@/lib/db/read-pool";
import { DEFAULT_ROUND_SLUG } from "@/lib/db/catalogue";
import { deleteResponse } from "@/lib/db/responses";
import { insertResponsesBulk } from "@/lib/db/responses-bulk";
import { saveResponse } from "@/lib/db/submissions";
import {
  countRespondents,
  getSummary,
  resolveSummaryRequest,
  type ResolvedSummaryFilters,
  type SummarySource,
} from "@/lib/db/summary-queries";
import { SUMMARY_ENTRY, snapshotFingerprint, sourceFingerprint } from "@/lib/db/snapshot-fingerprint";
import { createSnapshotStore, pruneSnapshots, readDataStamps, snapshotFilterKey } from "@/lib/db/summary-snapshots";
import { hashEditToken } from "@/lib/survey/edit-token";
import { DEFAULT_QUESTIONS } from "@/lib/survey/questions";
import { CHART_IDS } from "@/lib/survey/summary-charts";
import { submissionBody } from "@/lib/survey/synthetic-answers";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

const K = 2;

describeEachDatabase("stored summaries", (kind) => {
  let t: TestDatabase;
  let source: SummarySource;
  const tokens: string[] = [];

  async function filtersFor(query: string): Promise<ResolvedSummaryFilters> {
    const resolved = await resolveSummaryRequest(t.db, new URLSearchParams(query));
    if (!resolved.ok || !resolved.filters) throw new Error(`no filters for ${query}`);
    return resolved.filters;
  }
  const served = async (query: string) => getSummary(source, await filtersFor(query), K);
  const counted = async (query: string) => getSummary(source, await filtersFor(query), K, { snapshots: false });
  const unfilteredKey = (filters: ResolvedSummaryFilters) =>
    snapshotFilterKey({ roundId: filters.round.id, teamId: null, categoryId: null, employerPaid: null, k: K });
  const storedParts = async () =>
    (await t.db.summarySnapshot.findMany({ select: { filterKey: true, part: true } })).length;

  /** Serve the figures twice (the second time from the store) and check both against counting afresh. */
  async function expectCurrent(query: string) {
    const fresh = await counted(query);
    expect(await served(query)).toEqual(fresh);
    expect(await served(query)).toEqual(fresh);
    return fresh;
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    // The open round publishes while open here: these tests are about its figures (docs/privacy.md: open rounds).
    await t.db.round.updateMany({ where: { status: "open" }, data: { publishWhileOpen: true } });
    source = { db: t.db, kind, ...openCounting(t) };
    for (let n = 0; n < 12; n++) {
      const body = submissionBody(n, DEFAULT_ROUND_SLUG);
      tokens.push(body.token);
      const result = await saveResponse(t.db, body);
      if (!result.ok) throw new Error(result.message);
    }
  });
  afterAll(async () => {
    await source?.reads.close();
    await t?.drop();
  });

  it("stores the overview and every chart, and serves exactly what counting afresh gives", async () => {
    const query = `round=${DEFAULT_ROUND_SLUG}`;
    const fresh = await counted(query);
    expect(fresh.status).toBe("ok");
    expect(await served(query)).toEqual(fresh);
    const filters = await filtersFor(query);
    const key = unfilteredKey(filters);
    const parts = await t.db.summarySnapshot.findMany({ where: { filterKey: key }, select: { part: true } });
    expect(parts.map((p) => p.part).sort()).toEqual(["overview", ...CHART_IDS].sort());
    expect(await served(query)).toEqual(fresh);
    // A filter set has its own stored parts.
    await expectCurrent(`${query}&team=nova`);
    await expectCurrent(`${query}&employerPaid=yes`);
  });

  it("serves a stored part while its stamp is current (it is not counted again)", async () => {
    const query = `round=${DEFAULT_ROUND_SLUG}`;
    await served(query);
    const filters = await filtersFor(query);
    const key = unfilteredKey(filters);
    const row = await t.db.summarySnapshot.findUniqueOrThrow({
      where: { filterKey_part: { filterKey: key, part: "overview" } },
    });
    const marked = { ...JSON.parse(row.body), respondents: { suppressed: false, value: 4242 } };
    await t.db.summarySnapshot.update({
      where: { filterKey_part: { filterKey: key, part: "overview" } },
      data: { body: JSON.stringify(marked) },
    });
    expect((await served(query)).respondents).toEqual({ suppressed: false, value: 4242 });
    await t.db.summarySnapshot.deleteMany({});
    expect((await served(query)).respondents).toEqual((await counted(query)).respondents);
    expect((await served(query)).respondents).not.toEqual({ suppressed: false, value: 4242 });
  });

  it("never serves figures made stale by any write path", async () => {
    const query = `round=${DEFAULT_ROUND_SLUG}`;
    // n as served must be n as counted afresh (both published through the cell key method), and the true count moves.
    const expectN = async (count: number) => {
      expect((await served(query)).respondents).toEqual((await counted(query)).respondents);
      const filters = await filtersFor(query);
      expect(await countRespondents(source, filters, filters.round.id)).toBe(count);
    };
    await expectCurrent(query);
    await expectCurrent(`${query}&team=nova`);

    // A new submission, through the group-commit path.
    const extra = submissionBody(100, DEFAULT_ROUND_SLUG);
    expect((await saveResponse(t.db, extra)).ok).toBe(true);
    await expectN(tokens.length + 1);
    await expectCurrent(`${query}&team=nova`);

    // An edit of that response: other projects and teams, same respondent count.
    const before = await expectCurrent(query);
    expect((await saveResponse(t.db, { ...submissionBody(101, DEFAULT_ROUND_SLUG), token: extra.token })).ok).toBe(
      true,
    );
    const afterEdit = await expectCurrent(query);
    expect(afterEdit.charts).not.toEqual(before.charts);

    // A deletion by the respondent.
    expect((await deleteResponse(t.db, { token: extra.token }, "respondent")).ok).toBe(true);
    await expectN(tokens.length);
    await expectCurrent(`${query}&team=nova`);

    // A change of child rows alone (as free-text triage makes), without touching the response row.
    const beforeKinds = await expectCurrent(query);
    await t.db.responseProject.updateMany({ data: { kindDocs: true } });
    expect((await expectCurrent(query)).charts!["kinds-per-category"]).not.toEqual(
      beforeKinds.charts!["kinds-per-category"],
    );

    // Catalogue edits: a project renamed, a project moved to another category, the round retitled.
    const sqlalchemy = await t.db.project.findUniqueOrThrow({ where: { slug: "sqlalchemy" } });
    await t.db.project.update({ where: { id: sqlalchemy.id }, data: { name: "SQLAlchemy ORM" } });
    const renamed = await expectCurrent(query);
    expect(renamed.charts!["top-projects"].rows.some((row) => row.name === "SQLAlchemy ORM")).toBe(true);
    const otherCategory = await t.db.category.findFirstOrThrow({ where: { id: { not: sqlalchemy.categoryId } } });
    await t.db.project.update({ where: { id: sqlalchemy.id }, data: { categoryId: otherCategory.id } });
    await expectCurrent(query);
    await t.db.round.update({
      where: { slug: DEFAULT_ROUND_SLUG },
      data: { title: "OpenStack upstream census, retitled" },
    });
    expect((await expectCurrent(query)).round.title).toBe("OpenStack upstream census, retitled");
  });

  it("keeps a round's stored figures when another round changes, except the round comparison", async () => {
    const current = await filtersFor(`round=${DEFAULT_ROUND_SLUG}`);
    const before = await readDataStamps(t.db, current.round.id);
    const other = await t.db.round.create({
      data: { slug: "stamps-other", title: "Other", status: "closed", questions: JSON.stringify(DEFAULT_QUESTIONS) },
    });
    const afterRoundCreated = await readDataStamps(t.db, current.round.id);
    expect(afterRoundCreated.round).not.toBe(before.round); // a new round is a catalogue change
    const sqlalchemy = await t.db.project.findUniqueOrThrow({ where: { slug: "sqlalchemy" } });
    await insertResponsesBulk(t.db, other.id, [
      {
        editTokenHash: hashEditToken("stamps-other-1"),
        source: "import",
        teamIds: [],
        selections: [{ projectId: sqlalchemy.id, kinds: ["code"], frequency: "regularly" }],
      },
    ]);
    const after = await readDataStamps(t.db, current.round.id);
    expect(after.round).toBe(afterRoundCreated.round);
    expect(after.allRounds).not.toBe(afterRoundCreated.allRounds);
    await expectCurrent(`round=${DEFAULT_ROUND_SLUG}`);
  });

  it("does not store figures when the data changed while they were being counted", async () => {
    const current = await filtersFor(`round=${DEFAULT_ROUND_SLUG}`);
    const filters = { roundId: current.round.id, teamId: null, categoryId: 999_999, employerPaid: null, k: K };
    const errors: unknown[] = [];
    const store = createSnapshotStore(t.db, filters, (error) => errors.push(error));
    const partsBefore = await storedParts();
    const value = await store.load("overview", async () => {
      const body = submissionBody(200, DEFAULT_ROUND_SLUG);
      const saved = await saveResponse(t.db, body);
      expect(saved.ok).toBe(true);
      return { counted: "while a submission committed" };
    });
    await store.flush();
    expect(value).toEqual({ counted: "while a submission committed" });
    expect(await storedParts()).toBe(partsBefore);
    expect(errors).toEqual([]);
    // Nothing changed meanwhile: now it is stored.
    const quiet = createSnapshotStore(t.db, filters, (error) => errors.push(error));
    await quiet.load("overview", async () => ({ counted: "quietly" }));
    await quiet.flush();
    expect(await storedParts()).toBe(partsBefore + 1);
  });

  it("ignores parts stored by other summary code, and start-up prunes them with every stale part", async () => {
    const current = await filtersFor(`round=${DEFAULT_ROUND_SLUG}`);
    const filters = { roundId: current.round.id, teamId: null, categoryId: 888_888, employerPaid: null, k: K };
    const store = (fingerprint: string) => createSnapshotStore(t.db, filters, (error) => expect.fail(String(error)), fingerprint);
    const older = store("0123456789abcdef");
    await older.load("overview", async () => ({ counted: "by older code" }));
    await older.flush();
    const computed: string[] = [];
    const value = await store(snapshotFingerprint()).load("overview", async () => {
      computed.push("overview");
      return { counted: "by this code" };
    });
    expect({ value, computed }).toEqual({ value: { counted: "by this code" }, computed: ["overview"] });

    // A part of this code whose stamp is no longer current: a write moved the round's counter since.
    await served(`round=${DEFAULT_ROUND_SLUG}&employerPaid=no`);
    expect((await saveResponse(t.db, submissionBody(300, DEFAULT_ROUND_SLUG))).ok).toBe(true);
    await served(`round=${DEFAULT_ROUND_SLUG}`);
    const keys = async () => (await t.db.summarySnapshot.findMany({ select: { filterKey: true } })).map((row) => row.filterKey);
    const before = await keys();
    expect(before.some((key) => key.startsWith("0123456789abcdef:")) && before.some((key) => key.includes(":eno:"))).toBe(true);

    expect(await pruneSnapshots(t.db)).toBeGreaterThan(1);
    const left = await keys();
    expect(left.every((key) => key.startsWith(`${snapshotFingerprint()}:`))).toBe(true);
    // The current parts are kept and served: the unfiltered view counted after the last write.
    expect(left).toContain(unfilteredKey(current));
    expect(left.some((key) => key.includes(":eno:"))).toBe(false);
    await expectCurrent(`round=${DEFAULT_ROUND_SLUG}`);
  });
});

describe("the summary code's fingerprint", () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "census-fingerprint-"));
    cpSync("lib", join(root, "lib"), { recursive: true, filter: (path) => !path.includes("/generated") });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const edit = (file: string, change: (source: string) => string) => {
    const path = join(root, file);
    const before = readFileSync(path, "utf8");
    const after = change(before);
    expect(after).not.toBe(before);
    writeFileSync(path, after);
  };

  it("is the running code's, and changes with a shaping parameter but not with code the summary does not use", () => {
    const original = sourceFingerprint([SUMMARY_ENTRY], root);
    expect(original.slice(0, 16)).toBe(snapshotFingerprint());
    // (Not admin-audit.ts: the round schedule, which the results' round list settles, writes audit entries.)
    edit("lib/db/admin-triage.ts", (source) => `${source}\n// not summary code\n`);
    expect(sourceFingerprint([SUMMARY_ENTRY], root)).toBe(original);
    edit("lib/survey/summary-shape.ts", (source) =>
      source.replace(/HISTOGRAM_TOP_BIN = (\d+)/, (_, bin: string) => `HISTOGRAM_TOP_BIN = ${Number(bin) + 1}`),
    );
    expect(sourceFingerprint([SUMMARY_ENTRY], root)).not.toBe(original);
  });
});
