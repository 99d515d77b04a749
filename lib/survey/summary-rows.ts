// The inputs of summary shaping (./summary-shape.ts): count rows as the queries in lib/db return them, each cell
// with its respondents and the sum of their record keys, and the catalogue's labels. Types only, and the one
// conversion of a row to the tally the cell key method publishes.
import { EMPTY_TALLY, type Tally } from "./cell-key";
import type { ContributionKind } from "./answer-codes";

export interface ProjectLabel {
  id: number;
  slug: string;
  name: string;
  categoryId: number;
}
export interface CategoryLabel {
  id: number;
  slug: string;
  name: string;
  position: number;
}
export interface TeamLabel {
  id: number;
  slug: string;
  name: string;
}
export interface SummaryLabels {
  projects: ProjectLabel[];
  categories: CategoryLabel[];
  teams: TeamLabel[];
}

/** Every count row carries its cell's respondents and the sum of their record keys (never shown). */
export interface Counted {
  respondents: number;
  keySum: number;
}
export interface ProjectCountRow extends Counted {
  projectId: number;
}
export interface CategoryKindRow extends Counted {
  categoryId: number;
  kinds: Record<ContributionKind, Tally>;
}
export interface BinRow extends Counted {
  projectCount: number;
}
export interface TeamCountRow extends Counted {
  teamId: number;
}
export interface TeamCategoryRow extends Counted {
  teamId: number;
  categoryId: number;
}
export interface PairRow extends Counted {
  firstId: number;
  secondId: number;
}
export interface RoundCountRow extends Counted {
  roundId: number;
}
export interface RoundProjectRow extends Counted {
  roundId: number;
  projectId: number;
}
export interface DayRow extends Counted {
  day: string;
}

export const tallyOf = (row: Counted | undefined): Tally =>
  row ? { count: row.respondents, keySum: row.keySum } : EMPTY_TALLY;
