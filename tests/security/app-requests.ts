// Requests the security suite sends to a running app: server actions as the browser's React client posts them,
// the built app's routes and actions (read from the build's manifests), and a signed-in organiser's cookie.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FIELD, frequencyFieldName, kindsFieldName } from "@/lib/survey/response-form";
import type { ResponseInput } from "@/lib/survey/response-schema";

export interface ServerAction {
  id: string;
  name: string;
  /** A page that uses it: actions are posted to the page they were rendered on. */
  page: string;
}

/** Every server action of the build, with one page it is posted to. */
export function serverActions(): ServerAction[] {
  const manifest = JSON.parse(readFileSync(join(".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; workers: Record<string, unknown> }>;
  };
  const routes = appRoutes();
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers)[0] ?? "app/page";
    const page = routes.get(`/${worker.replace(/^app\//, "")}`) ?? "/";
    return { id, name: entry.exportedName ?? id, page: page.replace(/\[[^\]]+\]/g, "x") };
  });
}

/** The build's routes (pages and route handlers) by their app path, e.g. "/r/[token]/page" → "/r/[token]". */
export function appRoutes(): Map<string, string> {
  return new Map(Object.entries(JSON.parse(readFileSync(join(".next", "app-path-routes-manifest.json"), "utf8")) as Record<string, string>));
}

export function actionId(name: string): ServerAction {
  const action = serverActions().find((candidate) => candidate.name === name);
  if (!action) throw new Error(`no server action named ${name} in the build`);
  return action;
}

/** The survey form's fields for an answer, as the HTML form names them. */
export function answerForm(answer: ResponseInput): [string, string][] {
  const fields: [string, string][] = [
    [FIELD.round, answer.round],
    [FIELD.token, answer.token],
    ...answer.teams.map((team): [string, string] => [FIELD.teams, team]),
    ...answer.projects.flatMap((project): [string, string][] => [
      [FIELD.projects, project.slug],
      ...project.kinds.map((kind): [string, string] => [kindsFieldName(project.slug), kind]),
      [frequencyFieldName(project.slug), project.frequency],
    ]),
    [FIELD.others, answer.others.join("\n")],
    [FIELD.yearsContributing, answer.yearsContributing === null ? "" : String(answer.yearsContributing)],
    [FIELD.employerPaid, answer.employerPaid ?? ""],
    [FIELD.comment, answer.comment ?? ""],
  ];
  return fields;
}

/**
 * A (previousState, formData) action call as React's client (encodeReply) writes it: the form's fields under the
 * prefix "_1_", then "0", the arguments, naming the form as "$K1". If a React update changes this, the actions'
 * tests store nothing and fail.
 */
export function actionCallBody(fields: [string, string][], previousState: unknown = {}): FormData {
  const body = new FormData();
  for (const [name, value] of fields) body.append(`_1_${name}`, value);
  body.append("0", JSON.stringify([previousState, "$K1"]));
  return body;
}

export function postAction(baseUrl: string, action: ServerAction, body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}${action.page}`, {
    method: "POST",
    headers: { "next-action": action.id, origin: baseUrl, accept: "text/x-component", ...headers },
    body,
    redirect: "manual",
  });
}

/** Sign in through the API and return the session cookie ("name=value"). */
export async function signInCookie(baseUrl: string, email: string, password: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${baseUrl}/api/admin/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl, ...headers },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith("census_organiser="));
  if (!cookie) throw new Error("sign-in set no session cookie");
  return cookie.split(";")[0]!;
}
