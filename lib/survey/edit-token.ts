// Private edit links: a 128-bit random token the respondent keeps; the database keeps only its SHA-256.
import { createHash, randomBytes } from "node:crypto";
import { EDIT_TOKEN_PATTERN } from "./response-limits";

export function newEditToken(): string {
  return randomBytes(16).toString("base64url"); // 22 characters
}

export function hashEditToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Where the holder of a token reads, changes or deletes their answer. */
export const editPath = (token: string) => `/r/${token}`;

export function isWellFormedEditToken(token: string): boolean {
  return EDIT_TOKEN_PATTERN.test(token);
}
