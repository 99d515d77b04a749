// A complete answer for tests that save through the write path, and a way to make the database itself refuse
// chosen answers (as a constraint or a lost race would), on either database.
import type { DatabaseKind } from "@/lib/env";
import { newEditToken } from "@/lib/survey/edit-token";
import { responseInputSchema, type ResponseInput } from "@/lib/survey/response-schema";
import type { TestDatabase } from "./test-databases";

/** Team nova, qemu and libvirt chosen, pypa/pip as free text (which also counts as choosing pip); a fresh token. */
export const sampleAnswer = (overrides: Partial<ResponseInput> = {}): ResponseInput =>
  responseInputSchema.parse({
    round: "openstack-2026",
    token: newEditToken(),
    teams: ["nova"],
    notOpenStackContributor: false,
    projects: [
      { slug: "qemu", kinds: ["code"], frequency: "regularly" },
      { slug: "libvirt", kinds: ["review"], frequency: "once" },
    ],
    others: ["pypa/pip"],
    yearsContributing: 3,
    employerPaid: "yes",
    comment: null,
    ...overrides,
  });

/** Until the returned function is called, inserting a response whose comment is `comment` fails in the database. */
export async function refuseAnswersCommented(t: TestDatabase, kind: DatabaseKind, comment: string): Promise<() => Promise<void>> {
  const quoted = comment.replaceAll("'", "''");
  if (kind === "sqlite") {
    await t.db.$executeRawUnsafe(
      `CREATE TRIGGER "test_refuse" BEFORE INSERT ON "Response" WHEN NEW."comment" = '${quoted}' BEGIN SELECT RAISE(ABORT, 'refused'); END`,
    );
    return async () => void (await t.db.$executeRawUnsafe(`DROP TRIGGER "test_refuse"`));
  }
  await t.db.$executeRawUnsafe(
    `CREATE OR REPLACE FUNCTION "test_refuse"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW."comment" = '${quoted}' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$`,
  );
  await t.db.$executeRawUnsafe(`CREATE TRIGGER "test_refuse" BEFORE INSERT ON "Response" FOR EACH ROW EXECUTE FUNCTION "test_refuse"()`);
  return async () => void (await t.db.$executeRawUnsafe(`DROP TRIGGER "test_refuse" ON "Response"`));
}
