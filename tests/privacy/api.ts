// The attacker's only way in: the public HTTP API. Either a running server (HTTP), or the same route handlers
// called in this process with a Request, which is what a server would run for that URL (faster on a crawl of
// thousands of queries). DATABASE_URL must name the database before in-process routes are loaded.

export interface ApiAnswer {
  status: number;
  body: unknown;
}

export interface PublicApi {
  get(pathAndQuery: string): Promise<ApiAnswer>;
  send(method: "POST" | "PUT" | "DELETE", path: string, body?: unknown): Promise<ApiAnswer>;
}

type Handler = (request: never, context?: never) => Promise<Response>;

async function answer(response: Response): Promise<ApiAnswer> {
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  return { status: response.status, body: type.includes("json") ? (JSON.parse(text) as unknown) : text };
}

export function httpApi(baseUrl: string): PublicApi {
  return {
    get: async (pathAndQuery) => answer(await fetch(`${baseUrl}${pathAndQuery}`)),
    send: async (method, path, body) =>
      answer(
        await fetch(`${baseUrl}${path}`, {
          method,
          headers: { "content-type": "application/json", origin: baseUrl },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      ),
  };
}

/** The public routes, loaded in this process. */
export async function inProcessApi(): Promise<PublicApi> {
  const { NextRequest } = await import("next/server");
  const routes: Record<string, Record<string, Handler>> = {
    "/api/v1/summary": (await import("@/app/api/v1/summary/route")) as unknown as Record<string, Handler>,
    "/api/v1/dependencies": (await import("@/app/api/v1/dependencies/route")) as unknown as Record<string, Handler>,
    "/api/v1/responses": (await import("@/app/api/v1/responses/route")) as unknown as Record<string, Handler>,
    "/api/v1/responses/[token]": (await import("@/app/api/v1/responses/[token]/route")) as unknown as Record<
      string,
      Handler
    >,
    "/api/export/dependencies.csv": (await import("@/app/api/export/dependencies.csv/route")) as unknown as Record<
      string,
      Handler
    >,
    "/api/export/aggregates/[chart]": (await import("@/app/api/export/aggregates/[chart]/route")) as unknown as Record<
      string,
      Handler
    >,
  };
  const call = async (method: string, pathAndQuery: string, body?: unknown) => {
    const url = new URL(pathAndQuery, "http://localhost");
    let route = routes[url.pathname];
    let params: Record<string, string> = {};
    const token = /^\/api\/v1\/responses\/([^/]+)$/.exec(url.pathname);
    const chart = /^\/api\/export\/aggregates\/([^/]+)$/.exec(url.pathname);
    if (token) [route, params] = [routes["/api/v1/responses/[token]"], { token: token[1]! }];
    if (chart) [route, params] = [routes["/api/export/aggregates/[chart]"], { chart: chart[1]! }];
    const handler = route?.[method];
    if (!handler) throw new Error(`no public route ${method} ${url.pathname}`);
    const request = new NextRequest(url, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json", origin: "http://localhost" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return answer(await handler(request as never, { params: Promise.resolve(params) } as never));
  };
  return { get: (pathAndQuery) => call("GET", pathAndQuery), send: (method, path, body) => call(method, path, body) };
}
