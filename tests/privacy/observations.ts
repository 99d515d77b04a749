// What a crawl collects: every published count with what it counts, the lists whose order may say something
// about hidden counts, and the groups of cells that add up to a published total.
import { keyOf, type Description } from "./cells";

/** A count as published: a number, or a display such as "<5" / "hidden" with the reason given. */
export interface Published {
  value: number | null;
  display: string | null;
  reason: string | null;
}

export interface Observation {
  key: string;
  description: Description;
  published: Published;
  /** Endpoint, query and chart row: where an analyst saw it. */
  where: string;
  /** The row is listed only when its true count is above 0 (rows with nobody are left out). */
  listedOnlyIfAny: boolean;
  /** The chart shows a true 0 as 0, so anything else it shows is of at least one respondent. */
  zeroShownAsZero: boolean;
}

/** Rows in published order; `sortedByCount`: the endpoint documents or shows a descending (or ascending) sort by count. */
export interface OrderedList {
  where: string;
  keys: string[];
  names: string[];
  direction: "descending" | "ascending";
}

/** Cells that partition a total: every respondent of the total is in exactly one of them. */
export interface Partition {
  where: string;
  total: string;
  parts: string[];
}

/** A list that shows every row with at least one respondent: what it leaves out has none. */
export interface CompleteList {
  where: string;
  base: Description;
  dimension: "projects" | "categories" | "teams";
  listed: string[];
}

export class Crawl {
  readonly completeLists: CompleteList[] = [];
  readonly observations: Observation[] = [];
  readonly lists: OrderedList[] = [];
  readonly partitions: Partition[] = [];
  readonly descriptions = new Map<string, Description>();
  queries = 0;
  queriesWithFigures = 0;
  /** The employer-paid values the API lets one filter by; the rest of the answers (e.g. unanswered) are unpublished. */
  employerPaidValues: string[] = [];

  remember(description: Description): string {
    const key = keyOf(description);
    if (!this.descriptions.has(key)) this.descriptions.set(key, description);
    return key;
  }

  observe(
    description: Description,
    published: Published,
    where: string,
    flags: { listedOnlyIfAny?: boolean; zeroShownAsZero?: boolean } = {},
  ): string {
    const key = this.remember(description);
    this.observations.push({
      key,
      description,
      published,
      where,
      listedOnlyIfAny: flags.listedOnlyIfAny ?? false,
      zeroShownAsZero: flags.zeroShownAsZero ?? false,
    });
    return key;
  }
}

/** A count cell of the API ({suppressed:false,value} | {suppressed:true,reason,display}) as published. */
export function readCell(cell: unknown): Published {
  const c = (cell ?? {}) as { suppressed?: boolean; value?: unknown; display?: unknown; reason?: unknown };
  if (c.suppressed === false && typeof c.value === "number") return { value: c.value, display: null, reason: null };
  return {
    value: null,
    display: typeof c.display === "string" ? c.display : "?",
    reason: typeof c.reason === "string" ? c.reason : null,
  };
}
