// Grouped submissions (SubmissionBatcher + one lookup statement + multi-row INSERTs): free text is matched
// exactly as the full-catalogue matcher does, and one submission the database refuses does not take its
// neighbours down with it.
import { afterAll, beforeAll, expect, it } from "vitest";
import { getResponseByToken, loadMatchableCatalogue } from "@/lib/db/responses";
import { saveResponse } from "@/lib/db/submissions";
import { matchProjectName } from "@/lib/survey/catalogue-match";
import { newEditToken } from "@/lib/survey/edit-token";
import { responseInputSchema, type ResponseInput } from "@/lib/survey/response-schema";
import { refuseAnswersCommented } from "../helpers/sample-answers";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

const answer = (overrides: Partial<ResponseInput> = {}): ResponseInput =>
  responseInputSchema.parse({
    round: "openstack-2026",
    token: newEditToken(),
    teams: ["nova"],
    notOpenStackContributor: false,
    projects: [{ slug: "qemu", kinds: ["code"], frequency: "regularly" }],
    others: [],
    yearsContributing: 3,
    employerPaid: "yes",
    comment: null,
    ...overrides,
  });

describeEachDatabase("grouped submissions", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.drop());

  it("matches free text to the same catalogue entries as the full-catalogue matcher", async () => {
    const index = await loadMatchableCatalogue(t.db);
    const projects = await t.db.project.findMany({
      where: { status: "active" },
      include: { aliases: true },
      take: 40,
      orderBy: { position: "asc" },
    });
    // Names, slugs, aliases, in odd spellings, with path segments and affixes, and text that names nothing.
    const texts = [
      ...projects.flatMap((p) => [
        p.name.toUpperCase(),
        `https://github.com/x/${p.slug}`,
        `python-${p.slug}`,
        ...p.aliases.map((a) => ` ${a.alias} `),
      ]),
      "pypa/pip",
      "SQL Alchemy",
      "my-own-tool",
      "py-nothing-like-this",
    ];
    const chunks = Array.from({ length: Math.ceil(texts.length / 20) }, (_, i) => texts.slice(i * 20, i * 20 + 20));
    const inputs = chunks.map((others) => answer({ others }));
    const results = await Promise.all(inputs.map((input) => saveResponse(t.db, input)));
    expect(results.every((r) => r.ok)).toBe(true);
    let matched = 0;
    for (const input of inputs) {
      const stored = await getResponseByToken(t.db, input.token);
      const expected = input.others.map((text) => matchProjectName(index, text)?.id ?? null);
      expect(stored?.others.map((o) => o.projectId)).toEqual(expected);
      matched += expected.filter((id) => id !== null).length;
    }
    expect(matched).toBeGreaterThan(40);
  });

  it("saves the other submissions of a batch when the database refuses one of them", async () => {
    const stopRefusing = await refuseAnswersCommented(t, kind, "refuse me");
    try {
      const before = await t.db.response.count();
      const inputs = Array.from({ length: 12 }, (_, i) =>
        answer({ comment: i === 5 ? "refuse me" : `fine ${i}`, others: [`tool ${i}`] }),
      );
      const settled = await Promise.allSettled(inputs.map((input) => saveResponse(t.db, input)));
      expect(settled[5]?.status).toBe("rejected");
      const saved = settled.filter((s, i) => i !== 5);
      expect(saved.every((s) => s.status === "fulfilled" && s.value.ok)).toBe(true);
      expect(await t.db.response.count()).toBe(before + 11);
      const stored = await getResponseByToken(t.db, inputs[0]!.token);
      expect(stored?.others.map((o) => o.rawText)).toEqual(["tool 0"]);
      expect(stored?.projects.map((p) => p.project.slug)).toEqual(["qemu"]);
    } finally {
      await stopRefusing();
    }
  });

  it("edits and new answers in one batch each get the right rows", async () => {
    const first = answer({
      projects: [{ slug: "pip", kinds: ["code"], frequency: "once" }],
      teams: ["nova", "neutron"],
      others: ["thing one"],
    });
    await saveResponse(t.db, first);
    const edit = {
      ...first,
      projects: [{ slug: "tox", kinds: ["docs" as const], frequency: "regularly" as const }],
      teams: [],
      others: [],
    };
    const fresh = Array.from({ length: 5 }, () => answer());
    const [edited, ...created] = await Promise.all([
      saveResponse(t.db, edit),
      ...fresh.map((input) => saveResponse(t.db, input)),
    ]);
    expect(edited).toMatchObject({ ok: true, created: false });
    expect(created.every((r) => r.ok && r.created)).toBe(true);
    const stored = await getResponseByToken(t.db, first.token);
    expect(stored?.projects.map((p) => [p.project.slug, p.kindDocs, p.frequency])).toEqual([
      ["tox", true, "regularly"],
    ]);
    expect(stored?.teams).toEqual([]);
    expect(stored?.others).toEqual([]);
    expect(stored?.projectCount).toBe(1);
    expect(stored!.updatedAt.getTime()).toBeGreaterThan(stored!.createdAt.getTime() - 1);
  });
});
