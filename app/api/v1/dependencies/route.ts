// GET /api/v1/dependencies: the "dependencies that need help" figures as JSON, with the page's filters
// (round, team, category, employerPaid, section) as query parameters and the same small-cell suppression.
import type { NextRequest } from "next/server";
import { getDatabase } from "@/lib/db/client";
import { getCounting } from "@/lib/db/read-pool";
import { getDependencyReport, resolveDependencyRequest } from "@/lib/db/dependency-queries";
import { getWhereToHelp } from "@/lib/db/where-to-help-queries";
import { getEnv } from "@/lib/env";
import { DEPENDENCY_DEFINITIONS } from "@/lib/survey/dependency-shape";
import { filterIssuesResponse, refuseOtherMethods } from "@/lib/survey/api-error";

export const dynamic = "force-dynamic";

const headers = { "Cache-Control": "no-store" };

export async function GET(request: NextRequest) {
  const handle = getDatabase();
  const resolved = await resolveDependencyRequest(handle.db, request.nextUrl.searchParams);
  if (!resolved.ok) return filterIssuesResponse(resolved.status, resolved.issues);
  const k = getEnv().MIN_CELL_SIZE;
  if (!resolved.filters) {
    return Response.json(
      { status: "no-responses", k, round: null, respondents: null, rows: null, definitions: DEPENDENCY_DEFINITIONS },
      { headers },
    );
  }
  const source = { ...handle, ...getCounting() };
  const report = await getDependencyReport(source, resolved.filters, resolved.section, k);
  const whereToHelp = report.status === "ok" && report.rows ? await getWhereToHelp(source, resolved.filters, report.rows, k) : null;
  return Response.json({ ...report, whereToHelp, definitions: DEPENDENCY_DEFINITIONS }, { headers });
}

// Other methods get the API's error shape, not an empty 405.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
