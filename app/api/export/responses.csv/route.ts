// GET /api/export/responses.csv?layout=wide|long&round=..&team=..&category=..&employerPaid=..&bom=1
// Raw responses, organisers only; streamed so the download starts at once whatever the round's size.
import { canExportRaw } from "@/lib/auth/request-session";
import { resolveSessionSecret } from "@/lib/auth/session-secret";
import { getDatabase } from "@/lib/db/client";
import { prepareResponsesExport, responsesCsvStream, responsesExportDisposition } from "@/lib/db/responses-export";
import { getEnv } from "@/lib/env";
import { apiErrorResponse, refuseOtherMethods } from "@/lib/survey/api-error";
import { CSV_CONTENT_TYPE } from "@/lib/survey/csv";
import { authorizeRawExport } from "@/lib/survey/export-access";
import { parseQuery, responsesExportQuerySchema } from "@/lib/survey/export-filters";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  // Organisers (admin or analyst) by their session cookie; scripts by the EXPORT_TOKEN bearer token.
  const env = getEnv();
  const { db, kind } = getDatabase();
  const secret = resolveSessionSecret(env);
  if (!(secret.ok && (await canExportRaw(db, request, secret.secret)))) {
    const access = authorizeRawExport(request, env.EXPORT_TOKEN);
    if (!access.ok) return apiErrorResponse(access.status, "sign_in_required", access.message, { headers: access.headers });
  }
  const query = parseQuery(responsesExportQuerySchema, new URL(request.url).searchParams);
  if (!query.ok) return apiErrorResponse(400, "invalid_query", query.message);
  const prepared = await prepareResponsesExport(db, query.value);
  if (!prepared.ok) return apiErrorResponse(400, "invalid_query", prepared.message);
  return new Response(responsesCsvStream(db, prepared.plan, { kind }), {
    headers: {
      "Content-Type": CSV_CONTENT_TYPE,
      "Content-Disposition": responsesExportDisposition(prepared.plan, new Date()),
      // Raw answers: never kept by a browser or proxy cache.
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

// Other methods get the API's error shape, not an empty 405.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
