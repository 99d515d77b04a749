-- New answers' totals are added to "RoundTotal" in folds of many answers, after their transactions, instead of in
-- each answering transaction's commit step; readers add the answers not folded yet (the view "RoundTotalLive").
--
-- The commit step of a 10-answer transaction updated ~580 of the bench round's ~720 totals rows: about 6 ms of a
-- ~19 ms transaction, one transaction at a time, while a fold of 100 answers updates the same ~720 rows once
-- (docs/benchmarks.md, "2026-12-05 evening"). What an answer adds does not change: the same cells
-- (census_response_cells), counted from its rows as they stand when it is folded.
--
-- The protocol, so that every response is counted exactly once:
-- * A new response is registered in "RoundTotalPending" when inserted (as it was in "RoundTotalNewResponse", but
--   kept past the commit). The totals triggers leave out the rows of every pending response, as they left out
--   those of the transaction's own new ones: its cells are counted, as they end up, when it is folded.
-- * Readers read "RoundTotalLive": the totals plus the cells of pending responses, in one statement (one snapshot).
--   A fold deletes the pending rows and adds their cells in one transaction, so a reader sees each response once.
-- * A transaction changing rows of a response pending since an earlier transaction first locks its pending row
--   (FOR SHARE, the "_0_hold_pending" triggers, which fire before the totals triggers of the same statement). A fold
--   claims pending rows FOR UPDATE SKIP LOCKED, so it never counts a response that an open transaction is changing
--   (that one waits for the next fold), and a transaction that reaches a response while a fold holds it waits until
--   the fold has committed, then finds it no longer pending and stages its changes against the folded totals.
-- * The fold counts in a statement after the one that claimed: a new snapshot, which sees every transaction that
--   held a claimed response, since each held it until its commit.

DROP TRIGGER "RoundTotalNewResponse_add_at_commit" ON "RoundTotalNewResponse";
DROP INDEX "RoundTotalNewResponse_txid_responseId_idx";
ALTER TABLE "RoundTotalNewResponse" RENAME TO "RoundTotalPending";
-- Logged now: pending rows outlive their transaction, and a crash must not lose answers' share of the totals.
ALTER TABLE "RoundTotalPending" SET LOGGED;
ALTER TABLE "RoundTotalPending" ADD CONSTRAINT "RoundTotalPending_pkey" PRIMARY KEY ("responseId");
ALTER TRIGGER "Response_counted_at_commit" ON "Response" RENAME TO "Response_registered_pending";

-- A response re-inserted with the id of one deleted before it was folded finds that one's entry: it takes it over
-- (and its lock, so no fold claims it before this transaction commits; one that already has waits for the fold).
CREATE OR REPLACE FUNCTION "census_register_new_responses"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RoundTotalPending" ("responseId") SELECT "id" FROM "changed"
    ON CONFLICT ("responseId") DO UPDATE SET "txid" = excluded."txid";
  RETURN NULL;
END $$;

-- The totals triggers of 20261206010000_new_answers_counted_at_commit, each leaving out the rows of every pending
-- response instead of those registered by its own transaction: the same functions with that one condition changed.
CREATE OR REPLACE FUNCTION "census_stored_rows"("op" TEXT, "key" TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT format(
    'SELECT * FROM (%s) AS "rows" WHERE NOT EXISTS (SELECT 1 FROM "RoundTotalPending" n WHERE n."responseId" = "rows".%s)',
    "census_changed_rows"("op"), "key")
$$;
DO $$
DECLARE
  fn TEXT;
  definition TEXT;
BEGIN
  FOREACH fn IN ARRAY ARRAY['census_totals_response()', 'census_answer_totals_response()', 'census_totals_response_team()'] LOOP
    definition := pg_get_functiondef(fn::regprocedure);
    IF position('"RoundTotalNewResponse" n WHERE n."txid" = txid_current() AND ' IN definition) = 0 THEN
      RAISE EXCEPTION 'census: % does not exclude new responses as expected', fn;
    END IF;
    EXECUTE replace(definition, '"RoundTotalNewResponse" n WHERE n."txid" = txid_current() AND ', '"RoundTotalPending" n WHERE ');
  END LOOP;
END $$;

-- The commit step adds only the staged changes of responses that were already counted (edits, deletions,
-- organisers' changes).
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

-- Lock the pending rows, registered by other transactions, of the responses whose rows a statement changed.
-- TG_ARGV[0] names the column holding the response's id. Each changed response is looked up by key (LATERAL):
-- planned as a scan of the pending table instead, with statistics taken while it was nearly empty, the lock took
-- 3 ms per statement once a few thousand answers were pending.
CREATE FUNCTION "census_hold_pending"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format(
    'SELECT COUNT(*) FROM (SELECT DISTINCT r.%I AS "responseId" FROM (%s) r) c
       CROSS JOIN LATERAL (SELECT 1 FROM "RoundTotalPending" n WHERE n."responseId" = c."responseId"
         AND n."txid" <> txid_current() FOR SHARE OF n) AS "held"',
    TG_ARGV[0], "census_changed_rows"(TG_OP));
  RETURN NULL;
END $$;

-- Statement triggers of one event fire in the order of their names: "_0_" puts these before the totals triggers.
CREATE TRIGGER "Response_0_hold_pending_after_update" AFTER UPDATE ON "Response"
  REFERENCING OLD TABLE AS "before" NEW TABLE AS "after" FOR EACH STATEMENT EXECUTE FUNCTION "census_hold_pending"('id');
CREATE TRIGGER "Response_0_hold_pending_after_delete" AFTER DELETE ON "Response"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_hold_pending"('id');
DO $$
DECLARE
  tbl TEXT;
BEGIN
  FOREACH tbl IN ARRAY ARRAY['ResponseProject', 'ResponsePair', 'ResponseCategory', 'ResponseTeam'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS "changed"
      FOR EACH STATEMENT EXECUTE FUNCTION "census_hold_pending"(''responseId'')', tbl || '_0_hold_pending_after_insert', tbl);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS "before" NEW TABLE AS "after"
      FOR EACH STATEMENT EXECUTE FUNCTION "census_hold_pending"(''responseId'')', tbl || '_0_hold_pending_after_update', tbl);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS "changed"
      FOR EACH STATEMENT EXECUTE FUNCTION "census_hold_pending"(''responseId'')', tbl || '_0_hold_pending_after_delete', tbl);
  END LOOP;
END $$;

-- Fold up to `most` pending responses into the totals; returns how many were taken. Responses deleted while pending
-- have no rows left and add nothing. Run in a transaction of its own (lib/db/round-totals-fold.ts).
CREATE FUNCTION "census_fold_pending"("most" INTEGER) RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
  claimed TEXT[];
BEGIN
  SELECT array_agg("responseId") INTO claimed FROM (
    SELECT "responseId" FROM "RoundTotalPending" ORDER BY "responseId" LIMIT "most" FOR UPDATE SKIP LOCKED) AS "free";
  IF claimed IS NULL THEN RETURN 0; END IF;
  DELETE FROM "RoundTotalPending" WHERE "responseId" = ANY (claimed);
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT "roundId", "teamId", "cell", "a", "b", SUM("respondents"), SUM("keySum") FROM "census_response_cells"(claimed)
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b")
      DO UPDATE SET "respondents" = "RoundTotal"."respondents" + excluded."respondents",
        "keySum" = "RoundTotal"."keySum" + excluded."keySum";
  RETURN cardinality(claimed);
END $$;
ALTER FUNCTION "census_fold_pending"(INTEGER) SET plan_cache_mode = force_custom_plan;
-- For a fold of many ids the cells query is estimated at millions of rows (the planner cannot see how few rows
-- each id has), and PostgreSQL compiled it with JIT first: ~500 ms before a fold of 100 answers that then took 15 ms.
-- With statistics older than the rows (a table filled since it was last analysed) it also read the answer tables
-- whole instead of looking the ids up: every part of this query is an index lookup by response id.
ALTER FUNCTION "census_fold_pending"(INTEGER) SET jit = off;
ALTER FUNCTION "census_fold_pending"(INTEGER) SET enable_seqscan = off;

-- The cells of every pending response. Planned for the ids at hand (EXECUTE): the same query planned for any ids,
-- as a plain call from the view would be, took 17-19 ms for 60 pending responses instead of 8 ms. Index lookups
-- only, as in the fold: with stale statistics, 60 pending answers took 43 ms of whole-table reads instead of 4 ms.
CREATE FUNCTION "census_pending_cells"()
  RETURNS TABLE ("roundId" INTEGER, "teamId" INTEGER, "cell" TEXT, "a" INTEGER, "b" INTEGER, "respondents" INTEGER, "keySum" INTEGER)
  LANGUAGE plpgsql STABLE SET jit = off SET enable_seqscan = off AS $$
BEGIN
  RETURN QUERY EXECUTE 'SELECT * FROM "census_response_cells"($1)' USING ARRAY(SELECT "responseId" FROM "RoundTotalPending");
END $$;

-- The totals as they stand: what is folded plus the cells of the responses still pending. Filters on the cell's
-- columns reach every part (they are grouping columns). With nothing pending it is RoundTotal itself: the cells
-- query and the grouping (~2 ms for a round's 4,000 cells) are left out. (STABLE: the function reads in the
-- view's snapshot, so a fold committing meanwhile is seen by all of it or none.)
CREATE VIEW "RoundTotalLive" AS
  SELECT "roundId", "teamId", "cell", "a", "b", CAST("respondents" AS BIGINT) AS "respondents", CAST("keySum" AS BIGINT) AS "keySum"
  FROM "RoundTotal" WHERE NOT EXISTS (SELECT 1 FROM "RoundTotalPending")
  UNION ALL
  SELECT "roundId", "teamId", "cell", "a", "b", SUM("respondents"), SUM("keySum")
  FROM (
    SELECT "roundId", "teamId", "cell", "a", "b", "respondents", "keySum" FROM "RoundTotal"
    UNION ALL SELECT * FROM "census_pending_cells"()
  ) AS "cells"
  WHERE EXISTS (SELECT 1 FROM "RoundTotalPending")
  GROUP BY 1, 2, 3, 4, 5;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_proc WHERE prosrc LIKE '%RoundTotalNewResponse%') THEN
    RAISE EXCEPTION 'census: a function still names RoundTotalNewResponse';
  END IF;
END $$;
