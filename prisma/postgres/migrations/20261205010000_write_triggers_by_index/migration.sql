-- Two statements of every submitted answer's transaction found their rows by scanning a whole table; both now go
-- through an index, so a submission costs the same whatever the tables hold.
--
-- 1. The pairs of the responses a statement touched are derived with both sides of the self-join limited to those
-- responses. With only one side limited, the planner, which cannot see how few ids the array holds, hashed the
-- limited side and scanned every other selection of every round for the other: about 10 ms per submitted answer
-- at 45,000 selections, growing with the table, and most of the time a submission spent in PostgreSQL
-- (docs/benchmarks.md, "Submissions"). Both sides now use the primary key's index, whatever the table's size.
CREATE OR REPLACE FUNCTION "census_derive_response_rollups"("ids" TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ResponseCategory" WHERE "responseId" = ANY ("ids");
  INSERT INTO "ResponseCategory" ("responseId", "roundId", "categoryId", "kindCode", "kindReview", "kindBugs", "kindDocs", "kindMaintainer")
    SELECT rp."responseId", MIN(rp."roundId"), p."categoryId", bool_or(rp."kindCode"), bool_or(rp."kindReview"), bool_or(rp."kindBugs"), bool_or(rp."kindDocs"), bool_or(rp."kindMaintainer")
    FROM "ResponseProject" rp JOIN "Project" p ON p."id" = rp."projectId"
    WHERE rp."responseId" = ANY ("ids")
    GROUP BY rp."responseId", p."categoryId";
  DELETE FROM "ResponsePair" WHERE "responseId" = ANY ("ids");
  INSERT INTO "ResponsePair" ("responseId", "roundId", "firstId", "secondId")
    SELECT a."responseId", a."roundId", a."projectId", b."projectId"
    FROM "ResponseProject" a JOIN "ResponseProject" b ON b."responseId" = a."responseId" AND b."projectId" > a."projectId"
    WHERE a."responseId" = ANY ("ids") AND b."responseId" = ANY ("ids");
END $$;

-- 2. At commit, the totals a transaction staged are added to "RoundTotal". They were found by deleting every row
-- of "RoundTotalChange", which holds only the committing transaction's rows but, between vacuums, the dead rows
-- of every earlier one: the delete scanned them all (8,000 pages, 27 ms, and JIT compilation on top for the
-- planner's estimate of 784,000 rows, after a benchmark on a server without autovacuum). Each staged row now
-- carries its transaction's id, and the commit step reads its own rows through an index.
ALTER TABLE "RoundTotalChange" ADD COLUMN "txid" BIGINT NOT NULL DEFAULT txid_current();
CREATE INDEX "RoundTotalChange_txid_idx" ON "RoundTotalChange" ("txid");

CREATE OR REPLACE FUNCTION "census_add_staged_totals"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('census.totals_added', true) IS DISTINCT FROM 'yes' THEN
    PERFORM set_config('census.totals_added', 'yes', true);
    WITH "staged" AS (DELETE FROM "RoundTotalChange" WHERE "txid" = txid_current() RETURNING *)
    INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
      SELECT "roundId", "teamId", "cell", "a", "b", SUM("respondents"), SUM("keySum") FROM "staged"
      GROUP BY 1, 2, 3, 4, 5 HAVING SUM("respondents") <> 0 OR SUM("keySum") <> 0 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT ("roundId", "teamId", "cell", "a", "b")
        DO UPDATE SET "respondents" = "RoundTotal"."respondents" + excluded."respondents",
          "keySum" = "RoundTotal"."keySum" + excluded."keySum";
  END IF;
  RETURN NULL;
END $$;
