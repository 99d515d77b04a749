// GET /api/export/codebook.csv?round=..&bom=1 — what every column of both response layouts means. Public:
// it describes the columns of a round, not anyone's answers.
import { getDatabase } from "@/lib/db/client";
import { buildCodebookCsv } from "@/lib/db/responses-export";
import { apiErrorResponse, refuseOtherMethods } from "@/lib/survey/api-error";
import { CSV_CONTENT_TYPE, csvContentDisposition } from "@/lib/survey/csv";
import { codebookQuerySchema, parseQuery } from "@/lib/survey/export-filters";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const query = parseQuery(codebookQuerySchema, new URL(request.url).searchParams);
  if (!query.ok) return apiErrorResponse(400, "invalid_query", query.message);
  const codebook = await buildCodebookCsv(getDatabase().db, query.value);
  if (!codebook.ok) return apiErrorResponse(400, "invalid_query", codebook.message);
  return new Response(codebook.plan.csv, {
    headers: {
      "Content-Type": CSV_CONTENT_TYPE,
      "Content-Disposition": csvContentDisposition(["codebook", codebook.plan.round.slug], new Date()),
      "X-Content-Type-Options": "nosniff",
    },
  });
}

// Other methods get the API's error shape, not an empty 405.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
