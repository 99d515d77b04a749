// GET /api/export/aggregates/<chart>.csv: the figures of one dashboard chart, same filters and the same
// small-cell suppression as the page. Public: aggregates only.
import type { NextRequest } from "next/server";
import { getDatabase } from "@/lib/db/client";
import { getCounting } from "@/lib/db/read-pool";
import { createSummaryLoader, resolveSummaryRequest } from "@/lib/db/summary-queries";
import { getEnv } from "@/lib/env";
import { apiErrorResponse, filterIssuesResponse, refuseOtherMethods } from "@/lib/survey/api-error";
import { aggregateExportNameParts, CSV_CONTENT_TYPE, csvContentDisposition, toCsv } from "@/lib/survey/csv";
import { chartToCsv, EXPORT_IDS, exportChart, type ExportId } from "@/lib/survey/summary-charts";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest, context: { params: Promise<{ chart: string }> }) {
  const id = (await context.params).chart.replace(/\.csv$/, "");
  if (!(EXPORT_IDS as readonly string[]).includes(id)) {
    return apiErrorResponse(404, "chart_not_found", `There is no chart "${id}"; charts: ${EXPORT_IDS.join(", ")}.`);
  }
  const handle = getDatabase();
  const resolved = await resolveSummaryRequest(handle.db, request.nextUrl.searchParams, { allowFormat: true });
  if (!resolved.ok) return filterIssuesResponse(resolved.status, resolved.issues);
  if (!resolved.filters) return apiErrorResponse(409, "no_data", "There is no survey round yet, so there is nothing to export.");
  const k = getEnv().MIN_CELL_SIZE;
  const loader = createSummaryLoader({ ...handle, ...getCounting() }, resolved.filters, k);
  const overview = await loader.overview();
  if (overview.status === "after-close") return apiErrorResponse(409, "round_unpublished", "This round is still open; its figures appear once it has closed, so none are exported yet.");
  if (overview.status !== "ok") {
    return apiErrorResponse(
      409,
      "too_few_respondents",
      `Fewer than ${k} respondents match these filters, so no figures are exported.`,
    );
  }
  const exportId = id as ExportId;
  const table = chartToCsv(exportId, await loader.chart(exportChart(exportId)));
  await loader.flush();
  return new Response(toCsv(table.header, table.rows, { bom: resolved.format.bom === "1" }), {
    headers: {
      "Content-Type": CSV_CONTENT_TYPE,
      "Content-Disposition": csvContentDisposition(aggregateExportNameParts(exportId, resolved.filters), new Date()),
      "Cache-Control": "no-store",
    },
  });
}

// Other methods get the API's error shape, not an empty 405.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
