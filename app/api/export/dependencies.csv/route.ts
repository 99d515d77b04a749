// GET /api/export/dependencies.csv: the "needs help" table as CSV, same filters and suppression as the page.
// Public: aggregates only.
import type { NextRequest } from "next/server";
import { getDatabase } from "@/lib/db/client";
import { getCounting } from "@/lib/db/read-pool";
import { getDependencyReport, resolveDependencyRequest } from "@/lib/db/dependency-queries";
import { getEnv } from "@/lib/env";
import { apiErrorResponse, filterIssuesResponse, refuseOtherMethods } from "@/lib/survey/api-error";
import { aggregateExportNameParts, CSV_CONTENT_TYPE, csvContentDisposition, toCsv } from "@/lib/survey/csv";
import { DEPENDENCY_CSV_HEADER, dependencyRowsToCsv, unmatchedRowsToCsv } from "@/lib/survey/dependency-shape";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const handle = getDatabase();
  const resolved = await resolveDependencyRequest(handle.db, request.nextUrl.searchParams, { allowFormat: true });
  if (!resolved.ok) return filterIssuesResponse(resolved.status, resolved.issues);
  if (!resolved.filters) return apiErrorResponse(409, "no_data", "There is no survey round yet, so there is nothing to export.");
  const k = getEnv().MIN_CELL_SIZE;
  const report = await getDependencyReport({ ...handle, ...getCounting() }, resolved.filters, resolved.section, k);
  if (report.status === "after-close") return apiErrorResponse(409, "round_unpublished", "This round is still open; its figures appear once it has closed, so none are exported yet.");
  if (report.status !== "ok" || !report.rows || report.respondents.suppressed) {
    return apiErrorResponse(409, "too_few_respondents", `Fewer than ${k} respondents match these filters, so no figures are exported.`);
  }
  const rows = [
    ...dependencyRowsToCsv(report.rows, report.respondents.value, k),
    ...unmatchedRowsToCsv(report.unmatched, report.respondents.value),
  ];
  return new Response(toCsv(DEPENDENCY_CSV_HEADER, rows, { bom: resolved.format.bom === "1" }), {
    headers: {
      "Content-Type": CSV_CONTENT_TYPE,
      "Content-Disposition": csvContentDisposition(aggregateExportNameParts("dependencies", resolved.filters, resolved.section), new Date()),
      "Cache-Control": "no-store",
    },
  });
}

// Other methods get the API's error shape, not an empty 405.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
