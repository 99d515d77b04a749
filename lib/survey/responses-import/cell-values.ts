// Reading single cells into the values the response schema checks. These say how a file writes a value
// (true/yes/1, a list joined by "|" or by ", "), never whether the value is allowed: that is the schema's job.
import { FORBIDDEN_CHARACTERS } from "../response-limits";
import { LIST_SEPARATOR } from "../responses-csv";
import { problem } from "./answer-check";

export const MAX_KEY_LENGTH = 200;

/** Undo the formula guard (a leading ' before = + - @ tab CR) that our exports and LimeSurvey's add. */
export function restoreCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/** A respondent or response id: it becomes the response's import key, so it must be plain, short text. */
export function readKey(value: string, column: string): string {
  if (FORBIDDEN_CHARACTERS.test(value)) problem(`${column} contains control characters`);
  const key = value.normalize("NFC").trim();
  if (!key) problem(`${column} is empty`);
  if (key.length > MAX_KEY_LENGTH) problem(`${column} is longer than ${MAX_KEY_LENGTH} characters`);
  return key;
}

/** true/false, yes/no, 1/0, empty for false; anything else is passed on for the schema to refuse. */
export function readFlag(value: string): boolean | string {
  const text = value.trim().toLowerCase();
  if (text === "" || text === "false" || text === "no" || text === "0") return false;
  if (text === "true" || text === "yes" || text === "1") return true;
  return value;
}

/** A number of years as typed; text that is not a number becomes NaN so the schema's message applies. */
export function readNumber(value: string): number | null {
  const text = value.trim();
  if (text === "") return null;
  return /^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

/** Empty cells are unanswered (null), not an empty answer. */
export const readOptionalText = (value: string): string | null => (value.trim() === "" ? null : value);

/** A list cell of our exports: "nova|neutron", lower-cased, without blanks and repeats. */
export function readSlugList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(LIST_SEPARATOR)
        .map((item) => item.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/**
 * The answers of a multi-select cell as other tools join them: Google Forms with ", ", LimeSurvey's and
 * spreadsheets' joined text with ";", free text one per line. A cell with a semicolon or a line break is
 * split on those only, so a name with a comma in it survives there.
 */
export function splitChoices(value: string): string[] {
  const text = value.trim();
  if (!text) return [];
  const parts = /[;\n\r]/.test(text) ? text.split(/[;\r\n]+/) : text.split(",");
  return [...new Set(parts.map((part) => part.trim()).filter(Boolean))];
}

const TICKED = new Set(["y", "yes", "1", "true", "x", "✓", "✔"]);
const UNTICKED = new Set(["", "n", "no", "0", "false"]);

/**
 * One option column of a multi-select (LimeSurvey writes one per option, "Y" or empty; with "full answers"
 * the translated "Yes"). A cell holding the option's own text counts as ticked too.
 */
export function readTick(value: string, option: string, column: string): boolean {
  const text = value.trim().toLowerCase();
  if (TICKED.has(text) || text === option.trim().toLowerCase()) return true;
  if (UNTICKED.has(text)) return false;
  return problem(`${column}: “${value.trim()}” is not a tick (expected Y, Yes, 1 or an empty cell)`);
}
