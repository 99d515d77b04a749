// Per-client limit on new survey submissions (POST /api/v1/responses and the form's server action), counted
// in the database so it holds across instances; the client is known only by a keyed hash of its address.
import { getDatabase } from "../db/client";
import "server-only";
import { randomBytes } from "node:crypto";
import { hitRateLimit } from "../db/admin-rate-limit";
import { getEnv } from "../env";
import { keyedHash } from "./keyed-hash";
import { clientAddress, type HeaderSource } from "./origin";
import { getSessionSecret } from "./session";

// Without SESSION_SECRET (PostgreSQL without one configured) each instance keys its own hashes: the limit then
// holds per instance instead of across them, which is still far better than none.
const instanceSecret = randomBytes(32).toString("base64url");

export type SubmissionLimit = { ok: true } | { ok: false; retryAfterSeconds: number; message: string };

export async function checkSubmissionLimit(headers: HeaderSource): Promise<SubmissionLimit> {
  const limit = getEnv().RATE_LIMIT_SUBMISSIONS_PER_MINUTE;
  if (limit === 0) return { ok: true };
  const secret = getSessionSecret();
  const key = `submission:client:${keyedHash(secret.ok ? secret.secret : instanceSecret, "submission-client", clientAddress(headers))}`;
  const state = await hitRateLimit(getDatabase().db, key, { limit, windowMs: 60_000 });
  if (state.count <= limit) return { ok: true };
  return {
    ok: false,
    retryAfterSeconds: state.retryAfterSeconds,
    message: `Too many answers were sent from your network just now. Please wait ${state.retryAfterSeconds} seconds and send again.`,
  };
}
