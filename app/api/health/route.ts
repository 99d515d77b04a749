// Liveness and readiness for load balancers and the test harness: 200 when the database answers.
import { checkDatabase } from "@/lib/db/health";
import { refuseOtherMethods } from "@/lib/survey/api-error";

export const dynamic = "force-dynamic";

export async function GET() {
  const ok = await checkDatabase();
  return Response.json({ status: ok ? "ok" : "unavailable" }, { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}

// Other methods get the API's error shape, not an empty 405.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
