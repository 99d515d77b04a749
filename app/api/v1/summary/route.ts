// GET /api/v1/summary: the dashboard's figures as JSON, with the page's filters as query parameters.
import type { NextRequest } from "next/server";
import { getDatabase } from "@/lib/db/client";
import { getCounting } from "@/lib/db/read-pool";
import { getSummary, resolveSummaryRequest } from "@/lib/db/summary-queries";
import { getEnv } from "@/lib/env";
import { CHART_INFO, FILTER_DEFINITIONS } from "@/lib/survey/summary-charts";
import { filterIssuesResponse, refuseOtherMethods } from "@/lib/survey/api-error";

export const dynamic = "force-dynamic";

const headers = { "Cache-Control": "no-store" };

export async function GET(request: NextRequest) {
  const handle = getDatabase();
  const resolved = await resolveSummaryRequest(handle.db, request.nextUrl.searchParams);
  if (!resolved.ok) return filterIssuesResponse(resolved.status, resolved.issues);
  const k = getEnv().MIN_CELL_SIZE;
  if (!resolved.filters) {
    return Response.json({ status: "no-responses", k, round: null, respondents: null, charts: null, definitions: FILTER_DEFINITIONS }, { headers });
  }
  const summary = await getSummary({ ...handle, ...getCounting() }, resolved.filters, k);
  return Response.json({ ...summary, definitions: FILTER_DEFINITIONS, chartInfo: CHART_INFO }, { headers });
}

// Other methods get the API's error shape, not an empty 405.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
