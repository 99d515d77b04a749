// Survey rounds as organisers run them: create (copying the previous round), open, close, reopen.
// Only one round is open at a time: opening a second one is refused until the first is closed, so the
// round respondents are sent to never changes behind an organiser's back.
import { DEFAULT_QUESTIONS } from "../survey/questions";
import type { RoundPublishingInput } from "../survey/round-figures";
import { formatUtc, roundPhase, windowsOverlap, type RoundScheduleInput } from "../survey/round-schedule";
import { writeAudit, type Actor } from "./admin-audit";
import type { Db } from "./client";
import { readWriteTransaction } from "./transaction";

export type AdminResult<T = undefined> = { ok: true; value: T } | { ok: false; message: string; field?: string };

export const ok = <T>(value: T): AdminResult<T> => ({ ok: true, value });
export const refuse = (message: string, field?: string): AdminResult<never> => ({ ok: false, message, field });

export async function listRoundsWithCounts(db: Db, now = new Date()) {
  const rounds = await db.round.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { _count: { select: { responses: true, projects: true } } },
  });
  return rounds.map((round) => ({
    id: round.id,
    slug: round.slug,
    title: round.title,
    status: round.status,
    phase: roundPhase(round, now),
    isDemo: round.isDemo,
    publishWhileOpen: round.publishWhileOpen,
    opensAt: round.opensAt,
    closesAt: round.closesAt,
    responseCount: round._count.responses,
    projectCount: round._count.projects,
  }));
}

/** A new draft round with the project list and questions of the most recent non-demo round (or the defaults). */
export async function createRound(db: Db, actor: Actor, input: { slug: string; title: string }): Promise<AdminResult<{ id: number }>> {
  return readWriteTransaction(db, async (tx) => {
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
  return readWriteTransaction(db, async (tx) => {
    const round = await tx.round.findUnique({ where: { id: roundId } });
    if (!round) return refuse("This round does not exist");
    const now = new Date();
    const phase = roundPhase(round, now);
    if (phase === "open") return refuse(`“${round.title}” is already open`);
    const others = await tx.round.findMany({ where: { status: { in: ["draft", "open"] }, id: { not: roundId } } });
    const other = others.find((candidate) => roundPhase(candidate, now) === "open");
    if (other) return refuse(`Close “${other.title}” first: only one round can be open at a time`);
    // Opening by hand opens now; a closing time still ahead is kept, one already passed is dropped.
    const closesAt = round.closesAt && round.closesAt > now ? round.closesAt : null;
    const next = others.find(
      (candidate) => roundPhase(candidate, now) === "scheduled" && candidate.opensAt && windowsOverlap({ opensAt: now, closesAt }, { opensAt: candidate.opensAt, closesAt: candidate.closesAt }),
    );
    if (next?.opensAt) return refuse(`“${next.title}” is scheduled to open at ${formatUtc(next.opensAt)}: set this round's closing time before then, or change that schedule first`);
    await tx.round.update({ where: { id: roundId }, data: { status: "open", opensAt: round.status === "draft" ? now : (round.opensAt ?? now), closesAt } });
    await writeAudit(tx, actor, { action: phase === "closed" ? "round.reopen" : "round.open", target: `round:${round.slug}`, before: { status: round.status }, after: { status: "open" } });
    return ok(undefined);
  });
}

/** Closing takes effect at once: saveResponse re-reads the status inside its own transaction. */
export async function closeRound(db: Db, actor: Actor, roundId: number): Promise<AdminResult> {
  return readWriteTransaction(db, async (tx) => {
    const round = await tx.round.findUnique({ where: { id: roundId } });
    if (!round) return refuse("This round does not exist");
    if (roundPhase(round, new Date()) !== "open") return refuse(`“${round.title}” is not open`);
    await tx.round.update({ where: { id: roundId }, data: { status: "closed", closesAt: new Date() } });
    await writeAudit(tx, actor, { action: "round.close", target: `round:${round.slug}`, before: { status: round.status }, after: { status: "closed" } });
    return ok(undefined);
  });
}

/**
 * Set when a draft or open round opens and closes (null: by hand). The round then opens and closes on time
 * (lib/survey/round-schedule.ts); no two rounds' windows may overlap, so one round is open at a time.
 */
export async function setRoundSchedule(db: Db, actor: Actor, input: RoundScheduleInput): Promise<AdminResult> {
  return readWriteTransaction(db, async (tx) => {
    const round = await tx.round.findUnique({ where: { id: input.roundId } });
    if (!round) return refuse("This round does not exist");
    const now = new Date();
    const phase = roundPhase(round, now);
    if (phase === "closed") return refuse(`“${round.title}” is closed: reopen it first`);
    let opensAt = input.opensAt;
    if (phase === "open") {
      // An open round stays open: its opening time is history, only its closing time can move.
      opensAt = round.opensAt ?? now;
      if (input.closesAt && input.closesAt <= now) return refuse("The closing time has passed: close the round now instead", "closesAt");
    } else if (opensAt && opensAt <= now) {
      return refuse("The opening time has passed: open the round now instead", "opensAt");
    }
    if (opensAt) {
      const others = await tx.round.findMany({ where: { status: { in: ["draft", "open"] }, id: { not: round.id } } });
      const clash = others.find((other) => {
        const otherPhase = roundPhase(other, now);
        const otherOpens = otherPhase === "open" ? (other.opensAt ?? now) : otherPhase === "scheduled" ? other.opensAt : null;
        return otherOpens !== null && windowsOverlap({ opensAt, closesAt: input.closesAt }, { opensAt: otherOpens, closesAt: other.closesAt });
      });
      if (clash) return refuse(`This would overlap “${clash.title}”: only one round can be open at a time`, opensAt === input.opensAt ? "opensAt" : "closesAt");
    }
    await tx.round.update({ where: { id: round.id }, data: { opensAt, closesAt: input.closesAt } });
    await writeAudit(tx, actor, {
      action: "round.schedule",
      target: `round:${round.slug}`,
      before: { opensAt: round.opensAt?.toISOString() ?? null, closesAt: round.closesAt?.toISOString() ?? null },
      after: { opensAt: opensAt?.toISOString() ?? null, closesAt: input.closesAt?.toISOString() ?? null },
    });
    return ok(undefined);
  });
}

/**
 * Whether the results show a round's figures while it is open (docs/privacy.md). Off by default: while a round
 * publishes nothing, answers posted or edited to watch a cell cross k show nothing. Audited like the other actions.
 */
export async function setRoundPublishing(db: Db, actor: Actor, input: RoundPublishingInput): Promise<AdminResult> {
  return readWriteTransaction(db, async (tx) => {
    const round = await tx.round.findUnique({ where: { id: input.roundId } });
    if (!round) return refuse("This round does not exist");
    if (round.publishWhileOpen === input.publishWhileOpen) return ok(undefined);
    await tx.round.update({ where: { id: round.id }, data: { publishWhileOpen: input.publishWhileOpen } });
    await writeAudit(tx, actor, {
      action: "round.publishing",
      target: `round:${round.slug}`,
      before: { publishWhileOpen: round.publishWhileOpen },
      after: { publishWhileOpen: input.publishWhileOpen },
    });
    return ok(undefined);
  });
}
