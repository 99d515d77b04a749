// POSTing answers to a running server, for the load and crash tests.
export { submissionBody } from "@/lib/survey/synthetic-answers";

export async function postSubmission(baseUrl: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> | null }> {
  const response = await fetch(`${baseUrl}/api/v1/responses`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  let json: Record<string, unknown> | null = null;
  try {
    json = (await response.json()) as Record<string, unknown>;
  } catch {
    json = null;
  }
  return { status: response.status, json };
}
