// `npm run import` as an organiser runs it: the script started for real against each database, with --map,
// with a file it cannot read (exit 1, the line named, nothing written), and on a terminal, where a pseudo-
// terminal (util-linux `script`) gives it a TTY on stdin and the test types the answers to its prompt.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../helpers/test-databases";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));
const IMPORT = ["node_modules/.bin/tsx", "scripts/import.ts"];
// Each run starts tsx and prepares the database, tens of seconds on a busy machine.
const SPAWNING = { timeout: 180_000 };

describeEachDatabase("npm run import", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await t.db.round.create({ data: { slug: "cli-2026", title: "cli-2026", status: "closed", questions: (await t.db.round.findFirstOrThrow()).questions } });
  });
  afterAll(async () => t?.drop());

  const env = () => ({ ...process.env, DATABASE_URL: t.url });
  const run = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(IMPORT[0] ?? "", [...IMPORT.slice(1), ...args], { env: env() }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
    });
  const stored = () => t.db.response.count({ where: { round: { slug: "cli-2026" } } });

  it("imports a Google Sheets export with --map, then finds every response already imported", SPAWNING, async () => {
    const args = [fixture("google-sheets-uk.csv"), "--round", "cli-2026", "--map", "Which OpenStack project teams…=teams", "--map", "Upstream projects...=projects"];
    const first = await run(args);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("line 3  google-forms:2026-03-14T08:00:01Z  imported: matched “SQLAlchemy” → sqlalchemy, “Django” → django; free text “\"Sphinx\" themes”");
    expect(first.stdout).toContain("google-sheets-uk.csv → round cli-2026 (google-forms layout): 2 response(s) in the file; 2 imported, 0 already imported, 0 rejected.");
    const again = await run(args);
    expect(again.stdout).toContain("2 response(s) in the file; 0 imported, 2 already imported, 0 rejected.");
    expect(await stored()).toBe(2);
  });

  it("exits 1 naming the line of a file saved as Windows-1252, and writes nothing", SPAWNING, async () => {
    const dir = mkdtempSync(join(tmpdir(), "census-import-"));
    const file = join(dir, "excel.csv");
    writeFileSync(file, Buffer.from(readFileSync(fixture("google-forms-download.csv"), "utf8").replace("my own tool", "mon outil à moi"), "latin1"));
    const result = await run([file, "--round", "cli-2026"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("upstream-census: excel.csv: line 4: the file is not UTF-8 text (byte 0xE0, “à” in Windows-1252");
    expect(result.stderr).toContain("Nothing was written.");
    expect(await stored()).toBe(2);
  });

  it("asks for the columns on a terminal and reads the file with the answers", SPAWNING, async () => {
    const answers = ["3", "4", "-", "5", "", ""];
    const command = [...IMPORT, fixture("google-sheets-uk.csv"), "--round", "cli-2026", "--dry-run"].map((part) => `'${part}'`).join(" ");
    const child = spawn("script", ["--quiet", "--return", "--flush", "--command", command, "/dev/null"], { env: env() });
    let screen = "";
    let asked = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      screen += chunk.toString();
      // Answer each question once it is on the screen, as a person at the terminal would.
      const questions = screen.match(/\) \[[^\]]*\]: /g)?.length ?? 0;
      while (asked < questions && asked < answers.length) child.stdin.write(`${answers[asked++]}\n`);
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(asked).toBe(answers.length);
    expect(screen).toContain("Google Forms export with 2 response(s). Its questions:");
    expect(screen).toContain("--map 'Which OpenStack project teams have you worked in during the last 12 months?=teams' --map 'Upstream projects you contribute to (tick all that apply)=projects' --map 'Years in OpenStack=years'");
    expect(screen).toContain("line 2  google-forms:2026-03-03T10:15:42Z  already imported, left unchanged");
  });
});
