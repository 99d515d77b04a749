"use server";
// Admin server actions: each checks origin, session and role on the server, validates with the shared schemas,
// then calls one lib/db write (which records the audit entry in its own transaction).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { requireOrganiserForAction } from "@/lib/auth/guard";
import { formEntries } from "@/lib/survey/form-entries";
import { recordDenied, type Actor } from "@/lib/db/admin-audit";
import {
  addAlias,
  addCategory,
  addProject,
  mergeProjects,
  previewMerge,
  recategoriseProject,
  removeAlias,
  renameCategory,
  renameProject,
  setProjectRetired,
} from "@/lib/db/admin-catalogue";
import { deleteResponseAsOrganiser } from "@/lib/db/admin-responses";
import {
  closeRound,
  createRound,
  openRound,
  setRoundPublishing,
  setRoundSchedule,
  type AdminResult,
} from "@/lib/db/admin-rounds";
import { mapOtherGroup, promoteOtherGroup } from "@/lib/db/admin-triage";
import { undoAuditEntry } from "@/lib/db/admin-undo";
import { getDatabase, type Db } from "@/lib/db/client";
import {
  addAliasSchema,
  addCategorySchema,
  addProjectSchema,
  aliasIdSchema,
  confirmMergeSchema,
  createRoundSchema,
  mapOtherGroupSchema,
  mergeProjectsSchema,
  projectIdSchema,
  promoteOtherGroupSchema,
  recategoriseProjectSchema,
  renameCategorySchema,
  renameProjectSchema,
  responseIdSchema,
  roundIdSchema,
  undoAuditEntrySchema,
} from "@/lib/survey/catalogue-rules";
import { roundPublishingSchema } from "@/lib/survey/round-figures";
import { roundScheduleSchema } from "@/lib/survey/round-schedule";
import type { AdminActionState } from "@/components/admin/action-state";

async function run<S extends z.ZodType>(
  action: string,
  schema: S,
  formData: FormData,
  work: (db: Db, actor: Actor, input: z.infer<S>) => Promise<AdminResult<unknown>>,
  paths: string[],
  success: string | ((value: unknown) => string),
  read: (formData: FormData) => unknown = formEntries,
): Promise<AdminActionState> {
  const actor = await requireOrganiserForAction("admin", action);
  const parsed = schema.safeParse(read(formData));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: issue?.message ?? "Check the form", field: issue?.path.join(".") };
  }
  const db = getDatabase().db;
  const result = await work(db, actor, parsed.data);
  if (!result.ok) {
    // Refused input changed nothing; the attempt is still worth a line in the audit log.
    await recordDenied(db, actor, action, null, result.message, "failed");
    return { ok: false, message: result.message, field: result.field };
  }
  for (const path of paths) revalidatePath(path, "layout"); // the page and the ones below it (a project's own page)
  return { ok: true, message: typeof success === "string" ? success : success(result.value) };
}

/** A form's fields, with the ones a form may repeat (several groups ticked for one mapping) as lists. */
const withLists = (...names: string[]) => (formData: FormData) =>
  formData instanceof FormData ? { ...formEntries(formData), ...Object.fromEntries(names.map((name) => [name, formData.getAll(name).map(String)])) } : {};

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export async function createRoundAction(_: AdminActionState, formData: FormData) {
  return run("round.create", createRoundSchema, formData, createRound, ["/admin/rounds"], "Round created as a draft.");
}
export async function openRoundAction(_: AdminActionState, formData: FormData) {
  return run("round.open", roundIdSchema, formData, (db, actor, input) => openRound(db, actor, input.roundId), ["/admin/rounds", "/"], "Round opened.");
}
export async function closeRoundAction(_: AdminActionState, formData: FormData) {
  return run("round.close", roundIdSchema, formData, (db, actor, input) => closeRound(db, actor, input.roundId), ["/admin/rounds", "/"], "Round closed.");
}
export async function setRoundScheduleAction(_: AdminActionState, formData: FormData) {
  return run("round.schedule", roundScheduleSchema, formData, setRoundSchedule, ["/admin/rounds", "/"], "Schedule saved.");
}
export async function setRoundPublishingAction(_: AdminActionState, formData: FormData) {
  return run("round.publishing", roundPublishingSchema, formData, setRoundPublishing, ["/admin/rounds", "/results"], "Publishing choice saved.");
}
export async function addProjectAction(_: AdminActionState, formData: FormData) {
  return run("project.add", addProjectSchema, formData, addProject, ["/admin/catalogue"], "Project added.");
}
export async function renameProjectAction(_: AdminActionState, formData: FormData) {
  return run("project.rename", renameProjectSchema, formData, renameProject, ["/admin/catalogue"], "Project renamed.");
}
export async function recategoriseProjectAction(_: AdminActionState, formData: FormData) {
  return run("project.recategorise", recategoriseProjectSchema, formData, recategoriseProject, ["/admin/catalogue"], "Category changed.");
}
export async function retireProjectAction(_: AdminActionState, formData: FormData) {
  return run("project.retire", projectIdSchema, formData, (db, actor, input) => setProjectRetired(db, actor, { projectId: input.projectId, isRetired: true }), ["/admin/catalogue"], "Project retired.");
}
export async function unretireProjectAction(_: AdminActionState, formData: FormData) {
  return run("project.unretire", projectIdSchema, formData, (db, actor, input) => setProjectRetired(db, actor, { projectId: input.projectId, isRetired: false }), ["/admin/catalogue"], "Project active again.");
}
export async function addAliasAction(_: AdminActionState, formData: FormData) {
  return run("alias.add", addAliasSchema, formData, addAlias, ["/admin/catalogue"], "Alias added.");
}
export async function removeAliasAction(_: AdminActionState, formData: FormData) {
  return run("alias.remove", aliasIdSchema, formData, removeAlias, ["/admin/catalogue"], "Alias removed.");
}
export async function addCategoryAction(_: AdminActionState, formData: FormData) {
  return run("category.add", addCategorySchema, formData, addCategory, ["/admin/catalogue"], "Category added.");
}
export async function renameCategoryAction(_: AdminActionState, formData: FormData) {
  return run("category.rename", renameCategorySchema, formData, renameCategory, ["/admin/catalogue"], "Category renamed.");
}
/** Step one of a merge: what it would move, changing nothing; the form then asks for confirmation. */
export async function previewMergeAction(_: AdminActionState, formData: FormData): Promise<AdminActionState> {
  await requireOrganiserForAction("admin", "project.merge");
  const parsed = mergeProjectsSchema.safeParse(formEntries(formData));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: issue?.message ?? "Check the form", field: issue?.path.join(".") };
  }
  const preview = await previewMerge(getDatabase().db, parsed.data);
  if (!preview.ok) return { ok: false, message: preview.message, field: preview.field };
  const p = preview.value;
  return {
    preview: {
      fromProjectId: p.from.id,
      intoProjectId: p.into.id,
      summary: `Moves ${count(p.answers, "answer")} and ${count(p.aliases, "alias", "aliases")} from “${p.from.name}” into “${p.into.name}”${p.combinedAnswers > 0 ? ` (${count(p.combinedAnswers, "respondent")} named both: their two answers become one)` : ""}${p.otherEntries > 0 ? `, and ${count(p.otherEntries, "free-text entry", "free-text entries")}` : ""}.`,
    },
  };
}
export async function mergeProjectsAction(_: AdminActionState, formData: FormData) {
  return run("project.merge", confirmMergeSchema, formData, (db, actor, input) => mergeProjects(db, actor, input), ["/admin/catalogue", "/admin/audit"], "Projects merged. The audit log can undo it.");
}
export async function mapOtherGroupAction(_: AdminActionState, formData: FormData) {
  return run(
    "other.map",
    mapOtherGroupSchema,
    formData,
    mapOtherGroup,
    ["/admin/other", "/admin/catalogue", "/admin/audit"],
    (value) => `Mapped; ${count((value as { entries: number }).entries, "entry", "entries")} re-coded. The audit log can undo it.`,
    withLists("normalizedTexts"),
  );
}
export async function promoteOtherGroupAction(_: AdminActionState, formData: FormData) {
  return run("other.promote", promoteOtherGroupSchema, formData, promoteOtherGroup, ["/admin/other", "/admin/catalogue", "/admin/audit"], "Added to the catalogue; the responses were re-coded.");
}
export async function undoAuditEntryAction(_: AdminActionState, formData: FormData) {
  return run(
    "audit.undo",
    undoAuditEntrySchema,
    formData,
    undoAuditEntry,
    ["/admin/audit", "/admin/other", "/admin/catalogue"],
    (value) => {
      const v = value as { answers: number; entries: number; aliases: number };
      return `Undone: ${count(v.answers, "answer")}, ${count(v.entries, "free-text entry", "free-text entries")} and ${count(v.aliases, "alias", "aliases")} are as they were.`;
    },
  );
}
export async function deleteResponseAction(_: AdminActionState, formData: FormData) {
  const state = await run(
    "response.delete",
    responseIdSchema,
    formData,
    (db, actor, input) => deleteResponseAsOrganiser(db, actor, input.responseId),
    ["/admin/responses"],
    "Response deleted; its edit link now says so.",
  );
  if (state.ok) redirect("/admin/responses?deleted=1");
  return state;
}
