"use server";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { requireOrganiserForAction } from "@/lib/auth/guard";
import { signOutEverywhereElse } from "@/lib/auth/sign-in";
import type { AdminActionState } from "@/components/admin/action-state";

// Any organiser may end their own other sessions: cross-site posts get 403, anonymous callers 401 (guard.ts).
export async function signOutEverywhereElseAction(_: AdminActionState, _formData: FormData): Promise<AdminActionState> {
  const organiser = await requireOrganiserForAction("analyst", "organiser.sign-out-everywhere");
  await signOutEverywhereElse(organiser, (await headers()).get("host"));
  revalidatePath("/admin/account");
  return { ok: true, message: "Every other session of your account has ended. This browser stays signed in." };
}
