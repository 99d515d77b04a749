-- The checks every answer's statements run in their triggers, written as static SQL so each session plans them
-- once, and rollups that delete only what exists.
--
-- Measured under the submission benchmark (pg_stat_user_functions, docs/benchmarks.md "2026-12-06"): a batch of new
-- answers fires about twenty statement triggers, and most of their time went to planning. Each totals trigger
-- first asked, through SQL text built and planned on every call (EXECUTE), whether any changed row belonged to an
-- answer already counted (0.2 ms a call, nothing to count for new answers); the pending-entry lock did the same
-- (0.17 ms a call, six a batch); and the rollups deleted a new answer's category and pair rows, of which it has
-- none, firing those tables' triggers twice more.

-- Whether a statement's changed rows include any of a response already counted in the totals (not pending), by
-- the column `key` holding the response's id. The plan is made once per session; each changed row's response is
-- looked up by key, so the pending table is never read whole.
CREATE FUNCTION "census_touches_counted"("op" TEXT, "key" TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT format($f$
  IF TG_OP = 'UPDATE' THEN
    touched := EXISTS (SELECT 1 FROM "before" x WHERE NOT EXISTS (SELECT 1 FROM "RoundTotalPending" n WHERE n."responseId" = x.%1$I))
      OR EXISTS (SELECT 1 FROM "after" x WHERE NOT EXISTS (SELECT 1 FROM "RoundTotalPending" n WHERE n."responseId" = x.%1$I));
  ELSE
    touched := EXISTS (SELECT 1 FROM "changed" x WHERE NOT EXISTS (SELECT 1 FROM "RoundTotalPending" n WHERE n."responseId" = x.%1$I));
  END IF;$f$, "key")
$$;

-- Put the static check in place of the dynamic one in each totals trigger (the rest of each function unchanged).
DO $$
DECLARE
  fn TEXT;
  key TEXT;
  definition TEXT;
  dynamic TEXT;
BEGIN
  FOREACH fn IN ARRAY ARRAY['census_totals_response()', 'census_answer_totals_response()', 'census_totals_response_project()',
    'census_answer_totals_response_project()', 'census_totals_response_pair()', 'census_totals_response_category()',
    'census_totals_response_team()', 'census_answer_totals_response_team()'] LOOP
    key := CASE WHEN fn IN ('census_totals_response()', 'census_answer_totals_response()') THEN 'id' ELSE 'responseId' END;
    dynamic := format('EXECUTE "census_touches_stored"(TG_OP, ''"%s"'') INTO touched;', key);
    definition := pg_get_functiondef(fn::regprocedure);
    IF position(dynamic IN definition) = 0 THEN
      RAISE EXCEPTION 'census: % does not check counted rows as expected', fn;
    END IF;
    EXECUTE replace(definition, dynamic, "census_touches_counted"(NULL, key));
    -- Index lookups only: without fresh statistics the anti-join was planned as a read of the whole pending table.
    EXECUTE format('ALTER FUNCTION %s SET enable_seqscan = off', fn);
  END LOOP;
END $$;
DROP FUNCTION "census_touches_counted"(TEXT, TEXT);

-- The pending-entry lock (20261207010000_new_answers_counted_in_folds), static: TG_ARGV[0] is 'id' on "Response"
-- and 'responseId' on the tables of its rows.
CREATE OR REPLACE FUNCTION "census_hold_pending"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_ARGV[0] = 'id' THEN
    IF TG_OP = 'UPDATE' THEN
      PERFORM COUNT(*) FROM (SELECT "id" AS "responseId" FROM "before" UNION SELECT "id" FROM "after") c
        CROSS JOIN LATERAL (SELECT 1 FROM "RoundTotalPending" n WHERE n."responseId" = c."responseId"
          AND n."txid" <> txid_current() FOR SHARE OF n) AS "held";
    ELSE
      PERFORM COUNT(*) FROM (SELECT DISTINCT "id" AS "responseId" FROM "changed") c
        CROSS JOIN LATERAL (SELECT 1 FROM "RoundTotalPending" n WHERE n."responseId" = c."responseId"
          AND n."txid" <> txid_current() FOR SHARE OF n) AS "held";
    END IF;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM COUNT(*) FROM (SELECT "responseId" FROM "before" UNION SELECT "responseId" FROM "after") c
      CROSS JOIN LATERAL (SELECT 1 FROM "RoundTotalPending" n WHERE n."responseId" = c."responseId"
        AND n."txid" <> txid_current() FOR SHARE OF n) AS "held";
  ELSE
    PERFORM COUNT(*) FROM (SELECT DISTINCT "responseId" FROM "changed") c
      CROSS JOIN LATERAL (SELECT 1 FROM "RoundTotalPending" n WHERE n."responseId" = c."responseId"
        AND n."txid" <> txid_current() FOR SHARE OF n) AS "held";
  END IF;
  RETURN NULL;
END $$;
ALTER FUNCTION "census_hold_pending"() SET enable_seqscan = off;

-- The rollups of the given responses, derived again from their project rows. A new answer has no rollup rows yet:
-- the deletes run only where there are some, so its insert does not fire the rollup tables' delete triggers.
CREATE OR REPLACE FUNCTION "census_derive_response_rollups"("ids" TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "ResponseCategory" WHERE "responseId" = ANY ("ids")) THEN
    DELETE FROM "ResponseCategory" WHERE "responseId" = ANY ("ids");
  END IF;
  INSERT INTO "ResponseCategory" ("responseId", "roundId", "categoryId", "kindCode", "kindReview", "kindBugs", "kindDocs", "kindMaintainer")
    SELECT rp."responseId", MIN(rp."roundId"), p."categoryId", bool_or(rp."kindCode"), bool_or(rp."kindReview"), bool_or(rp."kindBugs"), bool_or(rp."kindDocs"), bool_or(rp."kindMaintainer")
    FROM "ResponseProject" rp JOIN "Project" p ON p."id" = rp."projectId"
    WHERE rp."responseId" = ANY ("ids")
    GROUP BY rp."responseId", p."categoryId";
  IF EXISTS (SELECT 1 FROM "ResponsePair" WHERE "responseId" = ANY ("ids")) THEN
    DELETE FROM "ResponsePair" WHERE "responseId" = ANY ("ids");
  END IF;
  INSERT INTO "ResponsePair" ("responseId", "roundId", "firstId", "secondId")
    SELECT a."responseId", a."roundId", a."projectId", b."projectId"
    FROM "ResponseProject" a JOIN "ResponseProject" b ON b."responseId" = a."responseId" AND b."projectId" > a."projectId"
    WHERE a."responseId" = ANY ("ids") AND b."responseId" = ANY ("ids");
END $$;
-- CREATE OR REPLACE drops the function's settings: the one it had (20261205010000_write_triggers_by_index), again.
ALTER FUNCTION "census_derive_response_rollups"(TEXT[]) SET plan_cache_mode = force_custom_plan;
-- And index lookups only: an EXISTS is planned to stop at its first row, and without fresh statistics a scan of
-- the table looked the quicker way there; for a new answer, which has no rows to find, it read the whole table
-- (137 ms a call at 25,000 answers, measured).
ALTER FUNCTION "census_derive_response_rollups"(TEXT[]) SET enable_seqscan = off;
