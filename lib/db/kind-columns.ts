// The column of each kind of contribution, on ResponseProject and on the derived ResponseCategory alike.
import type { ContributionKind } from "../survey/answer-codes";

export const KIND_COLUMNS: Record<ContributionKind, string> = {
  code: "kindCode",
  review: "kindReview",
  bugs: "kindBugs",
  docs: "kindDocs",
  maintainer: "kindMaintainer",
};
