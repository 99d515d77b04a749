-- The completeness rule (lib/survey/completeness.ts): an answer names a team or "not an OpenStack contributor",
-- and a project, a free-text entry or the new "I contribute to nothing outside OpenStack". Every write sets
-- "isComplete"; answers already stored are flagged here, kept, and left out of every count.

ALTER TABLE "Response" ADD COLUMN "nothingOutsideOpenStack" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Response" ADD COLUMN "isComplete" BOOLEAN NOT NULL DEFAULT true;

CREATE INDEX "Response_roundId_isComplete_idx" ON "Response"("roundId", "isComplete");

UPDATE "Response" SET "isComplete" = false
WHERE NOT (
  ("notOpenStackContributor" OR EXISTS (SELECT 1 FROM "ResponseTeam" t WHERE t."responseId" = "Response"."id"))
  AND ("projectCount" > 0 OR EXISTS (SELECT 1 FROM "OtherEntry" o WHERE o."responseId" = "Response"."id"))
);
