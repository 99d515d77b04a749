"use server";
// Server actions of the dependency list page: origin, session and role checked on the server, input validated
// with the shared schema, one lib/db call that writes its own audit entry; a refusal is audited too.
import { revalidatePath } from "next/cache";
import { requireOrganiserForAction } from "@/lib/auth/guard";
import { formEntries } from "@/lib/survey/form-entries";
import { recordDenied } from "@/lib/db/admin-audit";
import { addDependencyProjects, setDependencyOrigin } from "@/lib/db/admin-dependencies";
import { getDatabase } from "@/lib/db/client";
import { parseBulkAddForm, setDependencyOriginSchema } from "@/lib/survey/dependency-admin";
import type { AdminActionState } from "@/components/admin/action-state";

const PATHS = ["/admin/catalogue/dependencies", "/results/dependencies"];

export async function setDependencyOriginAction(_: AdminActionState, formData: FormData): Promise<AdminActionState> {
  const actor = await requireOrganiserForAction("admin", "dependency.origin");
  const parsed = setDependencyOriginSchema.safeParse(formEntries(formData));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Check the form" };
  const db = getDatabase().db;
  const result = await setDependencyOrigin(db, actor, parsed.data);
  if (!result.ok) {
    await recordDenied(db, actor, "dependency.origin", null, result.message, "failed");
    return { ok: false, message: result.message, field: result.field };
  }
  for (const path of PATHS) revalidatePath(path);
  return { ok: true, message: parsed.data.origin === "openstack" ? "Marked OpenStack's own." : "Marked external." };
}

export async function addDependencyProjectsAction(_: AdminActionState, formData: FormData): Promise<AdminActionState> {
  const actor = await requireOrganiserForAction("admin", "dependency.bulk-add");
  const parsed = parseBulkAddForm(Object.entries(formEntries(formData)));
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const { db } = getDatabase();
  const result = await addDependencyProjects(db, actor, parsed.rows);
  if (!result.ok) {
    await recordDenied(db, actor, "dependency.bulk-add", null, result.message, "failed");
    return { ok: false, message: result.message, field: result.field };
  }
  for (const path of [...PATHS, "/admin/catalogue"]) revalidatePath(path);
  return {
    ok: true,
    message: `${result.value.added} projects added; they are offered in the open and draft rounds and every round created after them.`,
  };
}
