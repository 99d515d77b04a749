// Rate-limit keys and audit subjects are keyed hashes: a leaked table reveals neither IPs nor emails.
import { createHmac } from "node:crypto";

export function keyedHash(secret: string, purpose: string, value: string): string {
  return createHmac("sha256", secret).update(`${purpose}\u0000${value}`, "utf8").digest("base64url");
}
