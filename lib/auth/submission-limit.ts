// Per-client limit on every request that writes a survey response (the form's submit and edit actions, POST and
// PUT /api/v1/responses; tests/integration/submission-limit-coverage.test.ts finds any path that forgets it),
// counted in the database so it holds across instances; the client is known only by a keyed hash of its address.
// The attempt is counted before the answer is read, in the statement that checks it (lib/db/rate-limit.ts), on
// the submission thread that saves the answers (lib/db/submission-thread.ts says why).
import { apiErrorResponse } from "../survey/api-error";
import "server-only";
import { randomBytes } from "node:crypto";
import { countAppSubmissionAttempt } from "../db/submission-thread";
import { getEnv } from "../env";
import { keyedHash } from "./keyed-hash";
import { clientAddressFromHeaders } from "../http/client-address";
import type { HeaderSource } from "./origin";
import { getSessionSecret } from "./session";

// Without SESSION_SECRET (PostgreSQL without one configured) each instance keys its own hashes: the limit then
// holds per instance instead of across them, which is still far better than none.
const instanceSecret = randomBytes(32).toString("base64url");

export type SubmissionLimit = { ok: true } | { ok: false; retryAfterSeconds: number; message: string };

export async function checkSubmissionLimit(headers: HeaderSource): Promise<SubmissionLimit> {
  const limit = getEnv().RATE_LIMIT_SUBMISSIONS_PER_MINUTE;
  if (limit === 0) return { ok: true };
  const secret = getSessionSecret();
  const key = `submission:client:${keyedHash(secret.ok ? secret.secret : instanceSecret, "submission-client", clientAddressFromHeaders(headers))}`;
  const state = await countAppSubmissionAttempt(key, { limit, windowMs: 60_000 });
  if (!state.isLimited) return { ok: true };
  return {
    ok: false,
    retryAfterSeconds: state.retryAfterSeconds,
    message: `Too many answers were sent from your network just now. Please wait ${state.retryAfterSeconds} seconds and send again.`,
  };
}

/** The API's answer to a refused write: 429 with Retry-After, in the API's error shape. */
export function submissionLimitedResponse(limited: Extract<SubmissionLimit, { ok: false }>): Response {
  return apiErrorResponse(429, "rate_limited", limited.message, {
    headers: { "Retry-After": String(limited.retryAfterSeconds) },
  });
}
