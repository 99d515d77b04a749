// GET /api/export/audit.csv?organiser=<id>|none&action=.. — the audit log (the page's filters) as CSV. Admins
// only, by their session cookie; the export is itself an audit entry. The EXPORT_TOKEN does not open it: it is
// for scripts reading responses, not for reading who did what.
import { findOrganiserForRequest } from "@/lib/auth/request-session";
import { hasRole } from "@/lib/auth/roles";
import { resolveSessionSecret } from "@/lib/auth/session-secret";
import { recordDenied } from "@/lib/db/admin-audit";
import { exportAuditEntries } from "@/lib/db/admin-search";
import { getDatabase } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { auditCsv, auditSearchSchema } from "@/lib/survey/admin-search";
import { apiErrorResponse } from "@/lib/survey/api-error";
import { CSV_CONTENT_TYPE, csvContentDisposition } from "@/lib/survey/csv";
import { parseQuery } from "@/lib/survey/export-filters";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { db } = getDatabase();
  const secret = resolveSessionSecret(getEnv());
  const organiser = secret.ok ? await findOrganiserForRequest(db, request, secret.secret) : null;
  if (!organiser) return apiErrorResponse(401, "sign_in_required", "The audit log is for admins: sign in at /admin/sign-in.");
  if (!hasRole(organiser.role, "admin")) {
    await recordDenied(db, organiser, "audit.export", null, "needs role admin");
    return apiErrorResponse(403, "forbidden", "The audit log is for admins.");
  }
  const query = parseQuery(auditSearchSchema.strict(), new URL(request.url).searchParams);
  if (!query.ok) return apiErrorResponse(400, "invalid_query", query.message);
  const entries = await exportAuditEntries(db, organiser, query.value);
  return new Response(auditCsv(entries), {
    headers: {
      "Content-Type": CSV_CONTENT_TYPE,
      "Content-Disposition": csvContentDisposition(["audit-log", query.value.action ?? ""], new Date()),
      // Who did what, with addresses: never kept by a browser or proxy cache.
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
