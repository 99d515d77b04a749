// Submission times as the tools that export them write them. Our exports and LimeSurvey write ISO 8601
// (LimeSurvey with a space and no zone); Google Forms writes its own download format
// (`2026/03/03 10:15:42 AM GMT+1`) and, through Sheets, the spreadsheet's locale (`3/3/2026 10:15:42` in the
// US, `03/03/2026 10:15:42` in the UK, `03.03.2026 10:15:42` in Germany). A time without a zone is read as UTC.

/** Day-first or month-first, for dates written `a/b/yyyy`. */
export type DateOrder = "mdy" | "dmy";
export const DATE_ORDERS = ["mdy", "dmy"] as const;

const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
// 2026/03/03 10:15:42 AM GMT+1 (Google Forms download); the hour may have one digit, the zone minutes.
const YEAR_FIRST =
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?(?:\s*(?:GMT|UTC)\s*(?:([+-])(\d{1,2})(?::?(\d{2}))?)?)?$/i;
// 3/3/2026 10:15:42 (Sheets, US or UK), 03.03.2026 10:15:42 (Sheets, Germany).
const YEAR_LAST = /^(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?$/i;

const pad = (n: number | string, width = 2) => String(n).padStart(width, "0");

/** A date and time as a pattern captured them: digits as written, the hour on a 12-hour clock when there is a meridiem. */
interface WrittenTime {
  year: string | undefined;
  month: string | undefined;
  day: string | undefined;
  hour: string;
  minute: string;
  second: string;
  meridiem: string | undefined;
}

function toDate(written: WrittenTime, offsetMinutes: number): Date | null {
  const year = Number(written.year);
  const month = Number(written.month);
  const day = Number(written.day);
  const hour = hour24(Number(written.hour), written.meridiem);
  const minute = Number(written.minute);
  const second = Number(written.second);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
  const date = new Date(utc);
  // 31 February rolls over into March: refuse it instead.
  const local = new Date(utc + offsetMinutes * 60_000);
  return local.getUTCDate() === day && local.getUTCMonth() === month - 1 ? date : null;
}

function hour24(hour: number, meridiem: string | undefined): number {
  if (!meridiem) return hour;
  if (hour < 1 || hour > 12) return 99;
  return (hour % 12) + (meridiem.toUpperCase() === "PM" ? 12 : 0);
}

/** ISO 8601 as our exports and LimeSurvey write it; null for anything else. */
export function parseIsoTimestamp(text: string): Date | null {
  const match = ISO.exec(text.trim());
  if (!match) return null;
  // Date parsing rolls 2026-02-31 over into March; a day the month does not have is refused.
  const [year, month, day] = (match[1] ?? "").split("-").map(Number) as [number, number, number];
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  const date = new Date(match[2] ? `${match[1]}T${match[2]}${match[3] ?? "Z"}` : `${match[1]}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Whether a date written `a/b/yyyy` must be day-first (a > 12), must be month-first (b > 12), or cannot tell. */
export function dateOrderEvidence(text: string): DateOrder | null {
  const match = YEAR_LAST.exec(text.trim());
  if (!match || match[2] === ".") return null;
  if (Number(match[1]) > 12) return "dmy";
  if (Number(match[3]) > 12) return "mdy";
  return null;
}

/** A Google Forms timestamp in any of the forms above (ISO too); null when it is none of them or not a real date. */
export function parseFormTimestamp(text: string, order: DateOrder): Date | null {
  const trimmed = text.trim();
  const iso = parseIsoTimestamp(trimmed);
  if (iso) return iso;
  const first = YEAR_FIRST.exec(trimmed);
  if (first) {
    const [
      ,
      year,
      month,
      day,
      hour = "0",
      minute = "0",
      second = "0",
      meridiem,
      sign,
      zoneHours = "0",
      zoneMinutes = "0",
    ] = first;
    const offset = (sign === "-" ? -1 : 1) * (Number(zoneHours) * 60 + Number(zoneMinutes));
    return toDate({ year, month, day, hour, minute, second, meridiem }, offset);
  }
  const last = YEAR_LAST.exec(trimmed);
  if (last) {
    const [, a, separator, b, year, hour = "0", minute = "0", second = "0", meridiem] = last;
    // Dotted dates are always day first; slashed ones follow the file's order.
    const isDayFirst = separator === "." || order === "dmy";
    const [day, month] = isDayFirst ? [a, b] : [b, a];
    return toDate({ year, month, day, hour, minute, second, meridiem }, 0);
  }
  return null;
}

/** The instant as a stable text key, whatever format it was written in: `2026-03-03T09:15:42Z`. */
export function timestampKey(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}Z`;
}
