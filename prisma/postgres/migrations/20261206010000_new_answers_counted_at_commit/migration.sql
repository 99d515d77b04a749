-- A new answer's totals are worked out once, at commit, from its final rows, instead of piece by piece by the
-- statement triggers of every table its rows go into.
--
-- Saving a batch of new answers is three INSERT statements (responses, selections, teams), and each fired up to
-- six statement triggers, each planning and running its own query to stage what its rows add to "RoundTotal":
-- about 30 ms of a 20-answer transaction, against 1 ms for the inserts themselves (docs/benchmarks.md,
-- "Submissions"). A response inserted in a transaction has no totals yet to correct, so nothing needs staging
-- until its rows are complete: the insert now registers it in "RoundTotalNewResponse", every totals trigger leaves
-- out the rows of registered responses (returning at once when a statement touched no other), and the commit step
-- counts the registered responses' cells from their rows as they stand, in one query, beside the staged changes
-- of stored responses (edits, deletions, organisers' changes), which the triggers still stage as before.
-- Whatever happens to a new response before commit (its rows replaced, made incomplete, deleted) is therefore
-- counted once, as it ends up; tests/integration/round-totals.test.ts checks the totals against counting afresh.

-- Both staging tables hold rows of the running transaction only (deleted at its commit, gone with its rollback),
-- so they need no WAL: unlogged, emptied after a crash, which loses nothing.
ALTER TABLE "RoundTotalChange" SET UNLOGGED;

CREATE UNLOGGED TABLE "RoundTotalNewResponse" (
    "txid" BIGINT NOT NULL DEFAULT txid_current(),
    "responseId" TEXT NOT NULL
);
CREATE INDEX "RoundTotalNewResponse_txid_responseId_idx" ON "RoundTotalNewResponse" ("txid", "responseId");

CREATE FUNCTION "census_register_new_responses"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RoundTotalNewResponse" ("responseId") SELECT "id" FROM "changed";
  RETURN NULL;
END $$;

CREATE TRIGGER "Response_counted_at_commit" AFTER INSERT ON "Response"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_register_new_responses"();

-- The changed rows (census_changed_rows) of responses stored before this transaction; `key` names the column
-- holding the response's id.
CREATE FUNCTION "census_stored_rows"("op" TEXT, "key" TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT format(
    'SELECT * FROM (%s) AS "rows" WHERE NOT EXISTS (SELECT 1 FROM "RoundTotalNewResponse" n
       WHERE n."txid" = txid_current() AND n."responseId" = "rows".%s)',
    "census_changed_rows"("op"), "key")
$$;

-- Whether a statement changed rows of stored responses: when it did not, a totals trigger has nothing to stage and
-- returns before planning its query. (Transition tables are visible only in the trigger function itself, so each
-- function asks.)
CREATE FUNCTION "census_touches_stored"("op" TEXT, "key" TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT format('SELECT EXISTS (%s)', "census_stored_rows"("op", "key"))
$$;

-- The cells every complete response of `ids` counts in, once per scope it belongs to, with its record key: what
-- the statement triggers would have staged for the response as it stands. The same cells as counting a round
-- afresh (20261204030000_cell_keys, 20261204060000_round_totals_answers), for these responses only. Both sides of
-- every join are limited to `ids`, so each goes through an index whatever the tables hold (the planner cannot see
-- how few ids the array holds; 20261205010000_write_triggers_by_index).
CREATE FUNCTION "census_response_cells"("ids" TEXT[])
  RETURNS TABLE ("roundId" INTEGER, "teamId" INTEGER, "cell" TEXT, "a" INTEGER, "b" INTEGER, "respondents" INTEGER, "keySum" INTEGER)
  LANGUAGE sql STABLE AS $$
  SELECT c."roundId", s."teamId", c."cell", c."a", c."b", 1, s."recordKey"
  FROM (
    SELECT r."id" AS "responseId", r."roundId", 'n' AS "cell", 0 AS "a", 0 AS "b" FROM "Response" r WHERE r."id" = ANY ("ids")
    UNION ALL SELECT r."id", r."roundId", 'bin', r."projectCount", 0 FROM "Response" r WHERE r."id" = ANY ("ids")
    UNION ALL SELECT r."id", r."roundId", 'day', CAST(to_char(r."createdAt", 'YYYYMMDD') AS INTEGER), 0 FROM "Response" r WHERE r."id" = ANY ("ids")
    UNION ALL SELECT r."id", r."roundId", 'years', COALESCE(r."yearsContributing", -1), 0 FROM "Response" r WHERE r."id" = ANY ("ids")
    UNION ALL SELECT r."id", r."roundId", 'paid', "census_paid_code"(r."employerPaid"), 0 FROM "Response" r WHERE r."id" = ANY ("ids")
    UNION ALL SELECT rp."responseId", rp."roundId", 'project', rp."projectId", 0 FROM "ResponseProject" rp WHERE rp."responseId" = ANY ("ids")
    UNION ALL SELECT rp."responseId", rp."roundId", 'frequency', rp."projectId", "census_frequency_code"(rp."frequency")
      FROM "ResponseProject" rp WHERE rp."responseId" = ANY ("ids")
    UNION ALL SELECT p."responseId", p."roundId", 'pair', p."firstId", p."secondId" FROM "ResponsePair" p WHERE p."responseId" = ANY ("ids")
    UNION ALL SELECT rc."responseId", rc."roundId", 'category', rc."categoryId", 0 FROM "ResponseCategory" rc WHERE rc."responseId" = ANY ("ids")
    UNION ALL SELECT rc."responseId", rc."roundId", 'kind', rc."categoryId", k."b" FROM "ResponseCategory" rc
      CROSS JOIN LATERAL (VALUES (0, rc."kindCode"), (1, rc."kindReview"), (2, rc."kindBugs"), (3, rc."kindDocs"),
        (4, rc."kindMaintainer")) k("b", "named") WHERE rc."responseId" = ANY ("ids") AND k."named"
    UNION ALL SELECT rt."responseId", rt."roundId", 'team', rt."teamId", 0 FROM "ResponseTeam" rt WHERE rt."responseId" = ANY ("ids")
    UNION ALL SELECT rt."responseId", rc."roundId", 'team-category', rt."teamId", rc."categoryId"
      FROM "ResponseTeam" rt JOIN "ResponseCategory" rc ON rc."responseId" = rt."responseId"
      WHERE rt."responseId" = ANY ("ids") AND rc."responseId" = ANY ("ids")
  ) c
  JOIN (SELECT r."id" AS "responseId", 0 AS "teamId", r."recordKey" FROM "Response" r WHERE r."id" = ANY ("ids") AND r."isComplete"
    UNION ALL SELECT rt."responseId", rt."teamId", r."recordKey" FROM "ResponseTeam" rt JOIN "Response" r ON r."id" = rt."responseId"
      WHERE rt."responseId" = ANY ("ids") AND r."id" = ANY ("ids") AND r."isComplete") s
    ON s."responseId" = c."responseId"
$$;

-- At commit, once per transaction: the staged changes of stored responses and the cells of new ones, added to the
-- totals in key order (so committing transactions take the rows' locks in one order).
CREATE OR REPLACE FUNCTION "census_add_staged_totals"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  new_ids TEXT[];
BEGIN
  IF current_setting('census.totals_added', true) IS DISTINCT FROM 'yes' THEN
    PERFORM set_config('census.totals_added', 'yes', true);
    WITH "registered" AS (DELETE FROM "RoundTotalNewResponse" WHERE "txid" = txid_current() RETURNING "responseId")
    SELECT array_agg(DISTINCT "responseId") INTO new_ids FROM "registered";
    WITH "staged" AS (DELETE FROM "RoundTotalChange" WHERE "txid" = txid_current() RETURNING *)
    INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
      SELECT "roundId", "teamId", "cell", "a", "b", SUM("respondents"), SUM("keySum")
      FROM (SELECT "roundId", "teamId", "cell", "a", "b", "respondents", "keySum" FROM "staged"
        UNION ALL SELECT * FROM "census_response_cells"(COALESCE(new_ids, '{}'))) AS "changes"
      GROUP BY 1, 2, 3, 4, 5 HAVING SUM("respondents") <> 0 OR SUM("keySum") <> 0 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT ("roundId", "teamId", "cell", "a", "b")
        DO UPDATE SET "respondents" = "RoundTotal"."respondents" + excluded."respondents",
          "keySum" = "RoundTotal"."keySum" + excluded."keySum";
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "RoundTotalNewResponse_add_at_commit" AFTER INSERT ON "RoundTotalNewResponse"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "census_add_staged_totals"();

-- The totals triggers of 20261204030000_cell_keys and 20261204060000_round_totals_answers, each leaving out the rows
-- of new responses. An inserted response is always new, so the response triggers stage nothing for an INSERT.

CREATE OR REPLACE FUNCTION "census_totals_response"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched BOOLEAN;
BEGIN
  IF TG_OP = 'INSERT' THEN RETURN NULL; END IF;
  EXECUTE "census_touches_stored"(TG_OP, '"id"') INTO touched;
  IF NOT touched THEN RETURN NULL; END IF;
  EXECUTE "census_stage_totals"(format(
    'SELECT x."roundId", s."teamId", c."cell", c."a", 0 AS "b", x."sign" AS "delta", x."sign" * x."recordKey" AS "keyDelta" FROM (%s) x
     CROSS JOIN LATERAL (SELECT 0 AS "teamId" UNION ALL SELECT rt."teamId" FROM "ResponseTeam" rt WHERE rt."responseId" = x."id") s
     CROSS JOIN LATERAL (VALUES (''n'', 0), (''bin'', x."projectCount"),
       (''day'', CAST(to_char(x."createdAt", ''YYYYMMDD'') AS INTEGER))) c("cell", "a")
     WHERE x."isComplete"',
    "census_stored_rows"(TG_OP, '"id"')));
  IF TG_OP = 'UPDATE' THEN
    EXECUTE "census_stage_totals"(
      'SELECT c."roundId", s."teamId", c."cell", c."a", c."b", x."sign" AS "delta", x."sign" * x."recordKey" AS "keyDelta"
       FROM (SELECT a."id", a."recordKey", CASE WHEN a."isComplete" THEN 1 ELSE -1 END AS "sign" FROM "after" a
         JOIN "before" b ON b."id" = a."id" WHERE a."isComplete" <> b."isComplete"
           AND NOT EXISTS (SELECT 1 FROM "RoundTotalNewResponse" n WHERE n."txid" = txid_current() AND n."responseId" = a."id")) x
       CROSS JOIN LATERAL (SELECT 0 AS "teamId" UNION ALL SELECT rt."teamId" FROM "ResponseTeam" rt WHERE rt."responseId" = x."id") s
       CROSS JOIN LATERAL (
         SELECT rp."roundId", ''project'' AS "cell", rp."projectId" AS "a", 0 AS "b" FROM "ResponseProject" rp WHERE rp."responseId" = x."id"
         UNION ALL SELECT p."roundId", ''pair'', p."firstId", p."secondId" FROM "ResponsePair" p WHERE p."responseId" = x."id"
         UNION ALL SELECT rc."roundId", ''category'', rc."categoryId", 0 FROM "ResponseCategory" rc WHERE rc."responseId" = x."id"
         UNION ALL SELECT rc."roundId", ''kind'', rc."categoryId", k."b" FROM "ResponseCategory" rc
           CROSS JOIN LATERAL (VALUES (0, rc."kindCode"), (1, rc."kindReview"), (2, rc."kindBugs"), (3, rc."kindDocs"),
             (4, rc."kindMaintainer")) k("b", "named") WHERE rc."responseId" = x."id" AND k."named"
         UNION ALL SELECT rt."roundId", ''team'', rt."teamId", 0 FROM "ResponseTeam" rt WHERE rt."responseId" = x."id"
         UNION ALL SELECT rc."roundId", ''team-category'', rt."teamId", rc."categoryId" FROM "ResponseTeam" rt
           JOIN "ResponseCategory" rc ON rc."responseId" = rt."responseId" WHERE rt."responseId" = x."id") c');
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "census_answer_totals_response"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched BOOLEAN;
BEGIN
  IF TG_OP = 'INSERT' THEN RETURN NULL; END IF;
  EXECUTE "census_touches_stored"(TG_OP, '"id"') INTO touched;
  IF NOT touched THEN RETURN NULL; END IF;
  EXECUTE "census_stage_totals"(format(
    'SELECT x."roundId", s."teamId", c."cell", c."a", 0 AS "b", x."sign" AS "delta", x."sign" * x."recordKey" AS "keyDelta" FROM (%s) x
     CROSS JOIN LATERAL (SELECT 0 AS "teamId" UNION ALL SELECT rt."teamId" FROM "ResponseTeam" rt WHERE rt."responseId" = x."id") s
     CROSS JOIN LATERAL (VALUES (''years'', COALESCE(x."yearsContributing", -1)),
       (''paid'', "census_paid_code"(x."employerPaid"))) c("cell", "a")
     WHERE x."isComplete"',
    "census_stored_rows"(TG_OP, '"id"')));
  IF TG_OP = 'UPDATE' THEN
    EXECUTE "census_stage_totals"(
      'SELECT rp."roundId", s."teamId", ''frequency'' AS "cell", rp."projectId" AS "a",
         "census_frequency_code"(rp."frequency") AS "b", x."sign" AS "delta", x."sign" * x."recordKey" AS "keyDelta"
       FROM (SELECT a."id", a."recordKey", CASE WHEN a."isComplete" THEN 1 ELSE -1 END AS "sign" FROM "after" a
         JOIN "before" b ON b."id" = a."id" WHERE a."isComplete" <> b."isComplete"
           AND NOT EXISTS (SELECT 1 FROM "RoundTotalNewResponse" n WHERE n."txid" = txid_current() AND n."responseId" = a."id")) x
       CROSS JOIN LATERAL (SELECT 0 AS "teamId" UNION ALL SELECT rt."teamId" FROM "ResponseTeam" rt WHERE rt."responseId" = x."id") s
       JOIN "ResponseProject" rp ON rp."responseId" = x."id"');
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "census_totals_response_project"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched BOOLEAN;
BEGIN
  EXECUTE "census_touches_stored"(TG_OP, '"responseId"') INTO touched;
  IF NOT touched THEN RETURN NULL; END IF;
  EXECUTE "census_stage_totals"(format(
    'SELECT x."roundId", s."teamId", ''project'' AS "cell", x."projectId" AS "a", 0 AS "b", x."sign" AS "delta", x."sign" * g."recordKey" AS "keyDelta" FROM (%s) x
     JOIN "Response" g ON g."id" = x."responseId" AND g."isComplete"
     CROSS JOIN LATERAL (SELECT 0 AS "teamId" UNION ALL SELECT rt."teamId" FROM "ResponseTeam" rt WHERE rt."responseId" = x."responseId") s',
    "census_stored_rows"(TG_OP, '"responseId"')));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "census_answer_totals_response_project"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched BOOLEAN;
BEGIN
  EXECUTE "census_touches_stored"(TG_OP, '"responseId"') INTO touched;
  IF NOT touched THEN RETURN NULL; END IF;
  EXECUTE "census_stage_totals"(format(
    'SELECT x."roundId", s."teamId", ''frequency'' AS "cell", x."projectId" AS "a",
       "census_frequency_code"(x."frequency") AS "b", x."sign" AS "delta", x."sign" * g."recordKey" AS "keyDelta" FROM (%s) x
     JOIN "Response" g ON g."id" = x."responseId" AND g."isComplete"
     CROSS JOIN LATERAL (SELECT 0 AS "teamId" UNION ALL SELECT rt."teamId" FROM "ResponseTeam" rt WHERE rt."responseId" = x."responseId") s',
    "census_stored_rows"(TG_OP, '"responseId"')));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "census_totals_response_pair"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched BOOLEAN;
BEGIN
  EXECUTE "census_touches_stored"(TG_OP, '"responseId"') INTO touched;
  IF NOT touched THEN RETURN NULL; END IF;
  EXECUTE "census_stage_totals"(format(
    'SELECT x."roundId", s."teamId", ''pair'' AS "cell", x."firstId" AS "a", x."secondId" AS "b", x."sign" AS "delta", x."sign" * g."recordKey" AS "keyDelta" FROM (%s) x
     JOIN "Response" g ON g."id" = x."responseId" AND g."isComplete"
     CROSS JOIN LATERAL (SELECT 0 AS "teamId" UNION ALL SELECT rt."teamId" FROM "ResponseTeam" rt WHERE rt."responseId" = x."responseId") s',
    "census_stored_rows"(TG_OP, '"responseId"')));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "census_totals_response_category"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched BOOLEAN;
BEGIN
  EXECUTE "census_touches_stored"(TG_OP, '"responseId"') INTO touched;
  IF NOT touched THEN RETURN NULL; END IF;
  EXECUTE "census_stage_totals"(format(
    'SELECT x."roundId", s."teamId", c."cell", c."a", c."b", x."sign" AS "delta", x."sign" * g."recordKey" AS "keyDelta" FROM (%s) x
     JOIN "Response" g ON g."id" = x."responseId" AND g."isComplete"
     CROSS JOIN LATERAL (SELECT 0 AS "teamId" UNION ALL SELECT rt."teamId" FROM "ResponseTeam" rt WHERE rt."responseId" = x."responseId") s
     CROSS JOIN LATERAL (
       SELECT ''category'' AS "cell", x."categoryId" AS "a", 0 AS "b"
       UNION ALL SELECT ''kind'', x."categoryId", k."b" FROM (VALUES (0, x."kindCode"), (1, x."kindReview"), (2, x."kindBugs"),
         (3, x."kindDocs"), (4, x."kindMaintainer")) k("b", "named") WHERE k."named"
       UNION ALL SELECT ''team-category'', rt."teamId", x."categoryId" FROM "ResponseTeam" rt WHERE rt."responseId" = x."responseId") c',
    "census_stored_rows"(TG_OP, '"responseId"')));
  RETURN NULL;
END $$;

-- census_team_cells takes its changed rows (and the hidden ones) as a table name; the team triggers now hand it
-- the stored responses' rows through a CTE of their own.
CREATE OR REPLACE FUNCTION "census_totals_response_team"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched BOOLEAN;
  none CONSTANT TEXT := '(SELECT NULL::text AS "responseId", NULL::integer AS "teamId" WHERE FALSE)';
  stored CONSTANT TEXT := 'WITH "stored" AS (SELECT "responseId", "roundId", "teamId" FROM %s r WHERE NOT EXISTS
    (SELECT 1 FROM "RoundTotalNewResponse" n WHERE n."txid" = txid_current() AND n."responseId" = r."responseId"))
    SELECT * FROM (%s) AS "team_cells"';
BEGIN
  EXECUTE "census_touches_stored"(TG_OP, '"responseId"') INTO touched;
  IF NOT touched THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    EXECUTE "census_stage_totals"(format(stored, '"changed"', "census_team_cells"('"stored"', 1, none)));
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE "census_stage_totals"(format(stored, '"changed"', "census_team_cells"('"stored"', -1, none)));
  ELSE
    -- An update (direct SQL): the old rows taken away as if the new ones were not there yet, then the new ones added.
    EXECUTE "census_stage_totals"(format(stored, '"before"', "census_team_cells"('"stored"', -1, '"after"')));
    EXECUTE "census_stage_totals"(format(stored, '"after"', "census_team_cells"('"stored"', 1, none)));
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "census_answer_totals_response_team"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched BOOLEAN;
BEGIN
  EXECUTE "census_touches_stored"(TG_OP, '"responseId"') INTO touched;
  IF NOT touched THEN RETURN NULL; END IF;
  EXECUTE "census_stage_totals"(format(
    'SELECT c."roundId", x."teamId", c."cell", c."a", c."b", x."sign" AS "delta", x."sign" * g."recordKey" AS "keyDelta" FROM (%s) x
     JOIN "Response" g ON g."id" = x."responseId" AND g."isComplete"
     CROSS JOIN LATERAL (
       SELECT g."roundId", ''years'' AS "cell", COALESCE(g."yearsContributing", -1) AS "a", 0 AS "b"
       UNION ALL SELECT g."roundId", ''paid'', "census_paid_code"(g."employerPaid"), 0
       UNION ALL SELECT rp."roundId", ''frequency'', rp."projectId", "census_frequency_code"(rp."frequency")
         FROM "ResponseProject" rp WHERE rp."responseId" = x."responseId") c',
    "census_stored_rows"(TG_OP, '"responseId"')));
  RETURN NULL;
END $$;

-- The two functions that look up the rows of a list of responses plan each call for the ids it is given. A
-- PL/pgSQL statement's plan is kept for the connection's life, and after five calls PostgreSQL may keep one made
-- for any ids: planned while the tables were small, it scanned them whole, and every later call on that connection
-- took longer as they grew (a submission's transaction went from 7 to 18 ms over 3,000 answers on one connection,
-- against a steady 4 ms on a connection opened later; docs/benchmarks.md, "Submissions").
ALTER FUNCTION "census_add_staged_totals"() SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION "census_derive_response_rollups"(TEXT[]) SET plan_cache_mode = force_custom_plan;
