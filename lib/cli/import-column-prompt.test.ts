// The guided prompt driven through its own streams: the answers are typed into a PassThrough, as a terminal
// would deliver them line by line, and what it printed is read back.
import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { outlineImportFile } from "../survey/responses-import/import-file";
import { parseImportFile } from "../survey/responses-import/import-file";
import { testCatalogue } from "../survey/responses-import/test-catalogue";
import { promptForColumns } from "./import-column-prompt";

const fixture = (name: string) => readFileSync(new URL(`../../tests/fixtures/import/${name}`, import.meta.url));

async function runPrompt(name: string, answers: string[]) {
  const bytes = fixture(name);
  const outline = outlineImportFile(bytes, testCatalogue);
  if (!outline.ok || !outline.tool) throw new Error("expected another tool's export");
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk: Buffer) => (printed += chunk.toString()));
  input.end(answers.map((a) => `${a}\n`).join(""));
  const map = await promptForColumns(outline, { input, output }, `npm run import -- ${name} --round poll-2019`);
  return { map, printed, bytes };
}

describe("guided column prompt", () => {
  it("lists the questions, asks for what the wording did not find, and prints the --map arguments", async () => {
    // The timestamp is found by its name; teams 3, projects 4, no others, years 5, Enter for the rest.
    const { map, printed, bytes } = await runPrompt("google-sheets-uk.csv", ["3", "4", "-", "5", "", ""]);
    expect(printed).toContain("Google Forms export with 2 response(s). Its questions:");
    expect(printed).toMatch(/ 1 {2}Timestamp +→ timestamp\n/);
    expect(printed).toMatch(/ 2 {2}Email address +personal data: never read\n/);
    expect(printed).toContain(
      "To repeat this import without questions:\n  npm run import -- google-sheets-uk.csv --round poll-2019 --map 'Timestamp=timestamp' --map 'Which OpenStack project teams have you worked in during the last 12 months?=teams' --map 'Upstream projects you contribute to (tick all that apply)=projects' --map 'Years in OpenStack=years'",
    );
    expect(map.map((m) => m.target)).toEqual(["timestamp", "teams", "projects", "years"]);
    // The answers are the import's --map: the file now reads as with the arguments given by hand.
    const result = parseImportFile(bytes, testCatalogue, { map });
    expect(result).toMatchObject({
      ok: true,
      responses: [
        { teamIds: [10, 14], yearsContributing: 4 },
        { teamIds: [11], yearsContributing: 9 },
      ],
    });
  });

  it("keeps the proposals on Enter and shows a LimeSurvey multi-select as one question", async () => {
    const { map, printed } = await runPrompt("limesurvey-full-headings.csv", ["", "", "", "", "", ""]);
    expect(printed).toMatch(/Which projects outside OpenStack do you contribute to\? +→ projects \(4 option columns\)/);
    expect(map).toEqual(
      expect.arrayContaining([
        { text: "Which OpenStack teams do you contribute to?", target: "teams" },
        { text: "Which projects outside OpenStack do you contribute to?", target: "projects" },
      ]),
    );
  });

  it("asks again after an answer it cannot take, and insists on the questions of teams and projects", async () => {
    const { map, printed } = await runPrompt("google-sheets-uk.csv", [
      "-",
      "9",
      "2",
      "3",
      "3,4",
      "-",
      "-",
      "4",
      "-",
      "",
      "",
      "",
    ]);
    expect(printed).toContain("  Type numbers from the list above.");
    expect(printed).toContain("  “Email address” holds personal data and is never imported.");
    expect(printed).toContain(
      "  “Which OpenStack project teams have you worked in during the last 12 months?” already holds teams.",
    );
    expect(printed).toContain("  The import needs the projects: choose a question for projects or others.");
    expect(printed).toContain("  The import needs the OpenStack teams: choose the question that asks for them.");
    expect(map.filter((m) => m.target !== "timestamp")).toEqual([
      { text: "Which OpenStack project teams have you worked in during the last 12 months?", target: "teams" },
      { text: "Upstream projects you contribute to (tick all that apply)", target: "projects" },
    ]);
  });

  it("stops without an answer when the input ends early", async () => {
    await expect(runPrompt("google-sheets-uk.csv", ["3"])).rejects.toThrow(
      "the prompt's input ended before every question was answered; nothing was written",
    );
  });
});
