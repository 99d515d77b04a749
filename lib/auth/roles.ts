// Organiser roles and what each may do. Pure: imported by guards, forms and tests alike.
import { z } from "zod";

export const ORGANISER_ROLES = ["admin", "analyst"] as const;
export type OrganiserRole = (typeof ORGANISER_ROLES)[number];
export const organiserRoleSchema = z.enum(ORGANISER_ROLES, { error: "Role must be admin or analyst" });

/** admin may do everything; analyst reads raw responses and exports. */
export function hasRole(actual: string, required: OrganiserRole): boolean {
  if (actual === "admin") return true;
  return actual === required;
}

export function isOrganiserRole(value: unknown): value is OrganiserRole {
  return typeof value === "string" && (ORGANISER_ROLES as readonly string[]).includes(value);
}
