import { describe, expect, it } from "vitest";
import { countOutcomes, formatImportReport } from "./import-report";
import { parseImportFile } from "./import-file";
import { testCatalogue } from "./test-catalogue";

/** The report of a file checked but not written, as a dry run or a refused import prints it. */
function reportOf(text: string, file: string, dryRun: boolean): string {
  const result = parseImportFile(new TextEncoder().encode(text), testCatalogue);
  if (!result.ok) throw new Error(result.error.message);
  const { layout, rows, notes } = result;
  return formatImportReport({
    file,
    round: "poll-2019",
    layout,
    dryRun,
    skipInvalid: false,
    written: false,
    rows,
    notes,
    totals: countOutcomes(result.outcomes, false),
  });
}

describe("import report", () => {
  it("prints one line per row, then the totals and why nothing was written", () => {
    expect(
      reportOf("respondent,project,teams\nalice,sqla,nova\nbob,Kubernets,nova\nbob,bad\u0001,\n", "poll.csv", false),
    ).toBe(
      [
        "line 2  alice  not imported: matched “sqla” → sqlalchemy",
        "line 3  bob    rejected: not imported: line 4 of the same respondent is invalid",
        "line 4  bob    rejected: A project name contains control characters",
        "",
        "poll.csv → round poll-2019 (pairs layout): 2 response(s) in the file; 0 imported, 0 already imported, 1 rejected.",
        "Nothing was written: 1 response(s) have invalid rows. Fix them, or pass --skip-invalid to import the 1 valid one(s).",
      ].join("\n"),
    );
  });

  it("prints the file's notes and the responses never submitted", () => {
    expect(
      reportOf(
        '"id","submitdate","teams","projects"\r\n"1","2026-03-03 10:00:00","nova","pip"\r\n"2","","",""\r\n',
        "lime.csv",
        true,
      ),
    ).toBe(
      [
        "line 2  limesurvey:1  would import: matched “pip” → pip",
        "line 3  limesurvey:2  not submitted (submitdate is empty), left out",
        "",
        "columns read: “submitdate” → timestamp; “teams” → teams; “projects” → projects",
        "",
        "lime.csv → round poll-2019 (limesurvey layout): 2 response(s) in the file; 0 imported, 0 already imported, 1 never submitted (left out), 0 rejected.",
        "Dry run: nothing was written; 1 response(s) would be imported.",
      ].join("\n"),
    );
  });
});
