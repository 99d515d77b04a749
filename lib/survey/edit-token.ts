// Private edit links: a 128-bit random token the respondent keeps; the database keeps only its SHA-256.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { EDIT_TOKEN_PATTERN } from "./response-schema";

export function newEditToken(): string {
  return randomBytes(16).toString("base64url"); // 22 characters
}

export function hashEditToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function isWellFormedEditToken(token: string): boolean {
  return EDIT_TOKEN_PATTERN.test(token);
}

/** Constant-time comparison of a presented token with a stored hash. */
export function editTokenMatches(token: string, storedHash: string): boolean {
  const presented = Buffer.from(hashEditToken(token), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
