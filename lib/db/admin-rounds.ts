// Survey rounds as organisers run them: create (copying the previous round), open, close, reopen.
// Only one round is open at a time: opening a second one is refused until the first is closed, so the
// round respondents are sent to never changes behind an organiser's back.
import { DEFAULT_QUESTIONS } from "../survey/questions";
import { writeAudit, type Actor } from "./admin-audit";
import type { Db } from "./client";

export type AdminResult<T = undefined> = { ok: true; value: T } | { ok: false; message: string; field?: string };

export const ok = <T>(value: T): AdminResult<T> => ({ ok: true, value });
export const refuse = (message: string, field?: string): AdminResult<never> => ({ ok: false, message, field });

export async function listRoundsWithCounts(db: Db) {
  const rounds = await db.round.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { _count: { select: { responses: true, projects: true } } },
  });
  return rounds.map((round) => ({
    id: round.id,
    slug: round.slug,
    title: round.title,
    status: round.status,
    isDemo: round.isDemo,
    opensAt: round.opensAt,
    closesAt: round.closesAt,
    responseCount: round._count.responses,
    projectCount: round._count.projects,
  }));
}

/** A new draft round with the project list and questions of the most recent non-demo round (or the defaults). */
export async function createRound(db: Db, actor: Actor, input: { slug: string; title: string }): Promise<AdminResult<{ id: number }>> {
  return db.$transaction(async (tx) => {
    if (await tx.round.findUnique({ where: { slug: input.slug } })) return refuse(`A round with the id “${input.slug}” already exists`, "slug");
    const previous =
      (await tx.round.findFirst({ where: { isDemo: false }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] })) ??
      (await tx.round.findFirst({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] }));
    const round = await tx.round.create({
      data: { slug: input.slug, title: input.title, status: "draft", questions: previous?.questions ?? JSON.stringify(DEFAULT_QUESTIONS) },
    });
    const offered = previous
      ? await tx.roundProject.findMany({ where: { roundId: previous.id, project: { status: "active" } }, orderBy: { position: "asc" } })
      : [];
    if (offered.length > 0) {
      await tx.roundProject.createMany({ data: offered.map((row) => ({ roundId: round.id, projectId: row.projectId, position: row.position })) });
    }
    await writeAudit(tx, actor, {
      action: "round.create",
      target: `round:${round.slug}`,
      after: { slug: round.slug, title: round.title, copiedFrom: previous?.slug ?? null, projectCount: offered.length },
    });
    return ok({ id: round.id });
  });
}

export async function openRound(db: Db, actor: Actor, roundId: number): Promise<AdminResult> {
  return db.$transaction(async (tx) => {
    const round = await tx.round.findUnique({ where: { id: roundId } });
    if (!round) return refuse("This round does not exist");
    if (round.status === "open") return refuse(`“${round.title}” is already open`);
    const other = await tx.round.findFirst({ where: { status: "open", id: { not: roundId } } });
    if (other) return refuse(`Close “${other.title}” first: only one round can be open at a time`);
    await tx.round.update({ where: { id: roundId }, data: { status: "open", opensAt: round.opensAt ?? new Date(), closesAt: null } });
    await writeAudit(tx, actor, { action: round.status === "closed" ? "round.reopen" : "round.open", target: `round:${round.slug}`, before: { status: round.status }, after: { status: "open" } });
    return ok(undefined);
  });
}

/** Closing takes effect at once: saveResponse re-reads the status inside its own transaction. */
export async function closeRound(db: Db, actor: Actor, roundId: number): Promise<AdminResult> {
  return db.$transaction(async (tx) => {
    const round = await tx.round.findUnique({ where: { id: roundId } });
    if (!round) return refuse("This round does not exist");
    if (round.status !== "open") return refuse(`“${round.title}” is not open`);
    await tx.round.update({ where: { id: roundId }, data: { status: "closed", closesAt: new Date() } });
    await writeAudit(tx, actor, { action: "round.close", target: `round:${round.slug}`, before: { status: round.status }, after: { status: "closed" } });
    return ok(undefined);
  });
}
