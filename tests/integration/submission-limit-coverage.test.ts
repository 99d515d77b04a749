// Every server action and route handler that writes a survey response goes through the submission limit. The
// write functions are found by scanning lib/ for everything that calls saveResponse or the app's submission thread
// (directly, in a parameter's default, or through another such function); their call sites in app/ are then followed up to the exported action or HTTP handler, which
// must reach checkSubmissionLimit before the write. A new path that forgets the limit fails here.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = process.cwd();
const WRITE_SEEDS = ["saveResponse", "saveAppSubmission"];
const LIMIT = "checkSubmissionLimit";
const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules" || name === "generated") return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

interface TopLevelFunction {
  name: string;
  isExported: boolean;
  calls: Set<string>;
  /** Position of the first call of each name, to check the limit comes before the write. */
  firstCall: Map<string, number>;
}

/**
 * Top-level functions of a module (declarations and `const x = (...) =>`), with the names each one calls, in its
 * body or in its parameters' defaults (a `save = (input) => saveResponse(db, input)` writes when no other is given).
 */
export function topLevelFunctions(fileName: string, text: string): TopLevelFunction[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: TopLevelFunction[] = [];
  const collect = (name: string, isExported: boolean, body: ts.Node) => {
    const calls = new Set<string>();
    const firstCall = new Map<string, number>();
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const called = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : null;
        if (called) {
          calls.add(called);
          if (!firstCall.has(called)) firstCall.set(called, node.getStart());
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(body);
    found.push({ name, isExported, calls, firstCall });
  };
  for (const statement of source.statements) {
    const isExported = !!ts.getModifiers(statement as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (ts.isFunctionDeclaration(statement) && statement.name && statement.body) collect(statement.name.text, isExported, statement);
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.initializer && (ts.isArrowFunction(declaration.initializer) || ts.isFunctionExpression(declaration.initializer))) {
          collect(declaration.name.text, isExported, declaration.initializer);
        }
      }
    }
  }
  return found;
}

/** Names of lib/ functions that write responses: saveResponse and every exported function that calls one. */
function writeFunctions(): Set<string> {
  const modules = sourceFiles(join(ROOT, "lib")).map((file) => topLevelFunctions(file, readFileSync(file, "utf8")));
  const writers = new Set(WRITE_SEEDS);
  for (let grew = true; grew; ) {
    grew = false;
    for (const fn of modules.flat()) {
      if (fn.isExported && !writers.has(fn.name) && [...fn.calls].some((call) => writers.has(call))) {
        writers.add(fn.name);
        grew = true;
      }
    }
  }
  return writers;
}

export interface EntryPoint {
  file: string;
  name: string;
  isLimited: boolean;
}

/** The exported actions and handlers of one app/ module that reach a write, and whether each reaches the limit first. */
export function writingEntryPoints(file: string, text: string, writers: Set<string>): EntryPoint[] {
  const isServerActions = /^\s*(\/\/[^\n]*\n\s*)*["']use server["']/.test(text);
  const isRoute = /(^|\/)route\.tsx?$/.test(file);
  if (!isServerActions && !isRoute) return [];
  const functions = new Map(topLevelFunctions(file, text).map((fn) => [fn.name, fn]));
  // Where a function first reaches `targets`, itself or through a local helper it calls; -1 if it never does.
  const reach = (fn: TopLevelFunction, targets: Set<string>, seen = new Set<string>()): number => {
    if (seen.has(fn.name)) return -1;
    seen.add(fn.name);
    let first = -1;
    for (const [called, at] of fn.firstCall) {
      const helper = functions.get(called);
      const reached = targets.has(called) || (helper !== undefined && reach(helper, targets, seen) >= 0);
      if (reached && (first < 0 || at < first)) first = at;
    }
    return first;
  };
  const entries: EntryPoint[] = [];
  for (const fn of functions.values()) {
    if (!fn.isExported || (isRoute && !HTTP_METHODS.has(fn.name))) continue;
    const writesAt = reach(fn, writers);
    if (writesAt < 0) continue;
    const limitedAt = reach(fn, new Set([LIMIT]));
    entries.push({ file: relative(ROOT, file), name: fn.name, isLimited: limitedAt >= 0 && limitedAt <= writesAt });
  }
  return entries;
}

describe("the submission limit", () => {
  const writers = writeFunctions();
  const entries = sourceFiles(join(ROOT, "app")).flatMap((file) => writingEntryPoints(file, readFileSync(file, "utf8"), writers));

  it("finds the write functions and the known ways of writing a response", () => {
    expect([...writers]).toEqual(
      expect.arrayContaining(["saveResponse", "saveAppSubmission", "submitResponseFromApi", "replaceResponseFromApi", "saveFormSubmission"]),
    );
    expect(entries.map((entry) => `${entry.file}#${entry.name}`)).toEqual(
      expect.arrayContaining([
        "app/actions/survey-response.ts#submitResponse",
        "app/actions/survey-response.ts#updateResponse",
        "app/api/v1/responses/route.ts#POST",
        "app/api/v1/responses/[token]/route.ts#PUT",
      ]),
    );
  });

  it("is checked by every server action and route handler that writes a response, before the write", () => {
    expect(entries.filter((entry) => !entry.isLimited)).toEqual([]);
  });

  it("would catch an action that writes without it, or checks it only afterwards", () => {
    const unlimited = `"use server";\nasync function save(f: FormData) { return saveResponse(db, f); }\nexport async function sneaky(f: FormData) { return save(f); }`;
    const late = `"use server";\nexport async function late(f: FormData) { await saveResponse(db, f); await checkSubmissionLimit(h); }`;
    const limited = `"use server";\nasync function guard() { return checkSubmissionLimit(h); }\nexport async function fine(f: FormData) { await guard(); return saveResponse(db, f); }`;
    expect(writingEntryPoints("app/x/actions.ts", unlimited, writers)).toEqual([{ file: "app/x/actions.ts", name: "sneaky", isLimited: false }]);
    expect(writingEntryPoints("app/x/actions.ts", late, writers)).toEqual([{ file: "app/x/actions.ts", name: "late", isLimited: false }]);
    expect(writingEntryPoints("app/x/actions.ts", limited, writers)).toEqual([{ file: "app/x/actions.ts", name: "fine", isLimited: true }]);
  });
});
