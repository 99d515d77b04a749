-- Exact totals of every round, kept by triggers inside every writing transaction, so the dashboard of a live
-- round reads its figures instead of counting every row again after each new answer. One row per
-- (round, scope, cell):
--   scope "teamId": 0 = every respondent of the round; a team's id = the respondents who chose that team;
--   cell (a, b):    'n' (0, 0)                  respondents
--                   'bin' (projectCount, 0)     respondents who chose that many projects
--                   'day' (yyyymmdd, 0)         responses first submitted that UTC day
--                   'project' (projectId, 0)    respondents who chose the project
--                   'category' (categoryId, 0)  respondents with a project in the category
--                   'kind' (categoryId, k)      of those, respondents naming kind k there (k: 0 code, 1 review,
--                                               2 bugs, 3 docs, 4 maintainer, CONTRIBUTION_KINDS' order)
--                   'team' (teamId, 0)          respondents who chose the team
--                   'team-category' (teamId, categoryId)
--                   'pair' (firstId, secondId)  respondents who chose both projects
-- Every trigger works out what its statement's rows contribute, joined with the responses' other rows as they
-- stand, so the totals equal counting afresh after any sequence of writes (tests/integration/round-totals.test.ts).
-- A cell is counted in the round of the row it comes from (team × category: the category row's). Cells that
-- drop to 0 stay, as 0.
--
-- The contributions are added at commit, like the round counters (20261202020000_round_versions_at_commit):
-- the statement triggers stage them in "RoundTotalChange", and a deferred trigger adds the transaction's staged
-- rows to "RoundTotal" once, when it commits. Two transactions writing one round therefore never wait for each
-- other's row locks on the totals until commit; they hold them only for the commit itself. A staged row never
-- outlives its transaction, so readers read "RoundTotal" alone.

-- CreateTable
CREATE TABLE "RoundTotal" (
    "roundId" INTEGER NOT NULL,
    "teamId" INTEGER NOT NULL,
    "cell" TEXT NOT NULL,
    "a" INTEGER NOT NULL,
    "b" INTEGER NOT NULL,
    "respondents" INTEGER NOT NULL,

    CONSTRAINT "RoundTotal_pkey" PRIMARY KEY ("roundId","teamId","cell","a","b")
);

-- A transaction's contributions until it commits: never read by the app (and so not a Prisma model).
CREATE TABLE "RoundTotalChange" (
    "roundId" INTEGER NOT NULL,
    "teamId" INTEGER NOT NULL,
    "cell" TEXT NOT NULL,
    "a" INTEGER NOT NULL,
    "b" INTEGER NOT NULL,
    "respondents" INTEGER NOT NULL
);

-- The rows a statement changed, each with its sign: +1 inserted, -1 deleted, both for an update.
CREATE FUNCTION "census_changed_rows"("op" TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE "op"
    WHEN 'INSERT' THEN 'SELECT *, 1 AS "sign" FROM "changed"'
    WHEN 'DELETE' THEN 'SELECT *, -1 AS "sign" FROM "changed"'
    ELSE 'SELECT *, -1 AS "sign" FROM "before" UNION ALL SELECT *, 1 AS "sign" FROM "after"'
  END
$$;

-- The statement staging the (round, scope, cell, a, b, delta) rows of `cells` (a query text), summed per cell.
-- Run by the trigger function itself: a statement's transition tables are visible there only.
CREATE FUNCTION "census_stage_totals"("cells" TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT format(
    'INSERT INTO "RoundTotalChange" ("roundId", "teamId", "cell", "a", "b", "respondents")
       SELECT "roundId", "teamId", "cell", "a", "b", SUM("delta") FROM (%s) AS "cells"
       GROUP BY 1, 2, 3, 4, 5 HAVING SUM("delta") <> 0', "cells")
$$;

-- At commit, once per transaction: its staged rows added to the totals, in key order so that committing
-- transactions take the rows' locks in the same order.
CREATE FUNCTION "census_add_staged_totals"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('census.totals_added', true) IS DISTINCT FROM 'yes' THEN
    PERFORM set_config('census.totals_added', 'yes', true);
    WITH "staged" AS (DELETE FROM "RoundTotalChange" RETURNING *)
    INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
      SELECT "roundId", "teamId", "cell", "a", "b", SUM("respondents") FROM "staged"
      GROUP BY 1, 2, 3, 4, 5 HAVING SUM("respondents") <> 0 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT ("roundId", "teamId", "cell", "a", "b")
        DO UPDATE SET "respondents" = "RoundTotal"."respondents" + excluded."respondents";
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "RoundTotalChange_add_at_commit" AFTER INSERT ON "RoundTotalChange"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "census_add_staged_totals"();

-- Below, the scopes of a changed row x's response are LATERAL (SELECT 0 UNION ALL its teams).

-- A response: its own cells (n, projects-per-respondent bin, day), in every scope it belongs to. Only complete
-- answers count (lib/survey/completeness.ts): nothing is added for an incomplete one, here or below. A response
-- becoming complete (or no longer) brings in (or takes away) every other cell of it too, in every scope.
CREATE FUNCTION "census_totals_response"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE "census_stage_totals"(format(
    'SELECT x."roundId", s."teamId", c."cell", c."a", 0 AS "b", x."sign" AS "delta" FROM (%s) x
     CROSS JOIN LATERAL (SELECT 0 AS "teamId" UNION ALL SELECT rt."teamId" FROM "ResponseTeam" rt WHERE rt."responseId" = x."id") s
     CROSS JOIN LATERAL (VALUES (''n'', 0), (''bin'', x."projectCount"),
       (''day'', CAST(to_char(x."createdAt", ''YYYYMMDD'') AS INTEGER))) c("cell", "a")
     WHERE x."isComplete"',
    "census_changed_rows"(TG_OP)));
  IF TG_OP = 'UPDATE' THEN
    EXECUTE "census_stage_totals"(
      'SELECT c."roundId", s."teamId", c."cell", c."a", c."b", x."sign" AS "delta"
       FROM (SELECT a."id", CASE WHEN a."isComplete" THEN 1 ELSE -1 END AS "sign" FROM "after" a
         JOIN "before" b ON b."id" = a."id" WHERE a."isComplete" <> b."isComplete") x
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

-- A selection: its project.
CREATE FUNCTION "census_totals_response_project"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE "census_stage_totals"(format(
    'SELECT x."roundId", s."teamId", ''project'' AS "cell", x."projectId" AS "a", 0 AS "b", x."sign" AS "delta" FROM (%s) x
     JOIN "Response" g ON g."id" = x."responseId" AND g."isComplete"
     CROSS JOIN LATERAL (SELECT 0 AS "teamId" UNION ALL SELECT rt."teamId" FROM "ResponseTeam" rt WHERE rt."responseId" = x."responseId") s',
    "census_changed_rows"(TG_OP)));
  RETURN NULL;
END $$;

-- A pair of projects chosen together (derived by the rollup triggers).
CREATE FUNCTION "census_totals_response_pair"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE "census_stage_totals"(format(
    'SELECT x."roundId", s."teamId", ''pair'' AS "cell", x."firstId" AS "a", x."secondId" AS "b", x."sign" AS "delta" FROM (%s) x
     JOIN "Response" g ON g."id" = x."responseId" AND g."isComplete"
     CROSS JOIN LATERAL (SELECT 0 AS "teamId" UNION ALL SELECT rt."teamId" FROM "ResponseTeam" rt WHERE rt."responseId" = x."responseId") s',
    "census_changed_rows"(TG_OP)));
  RETURN NULL;
END $$;

-- A (response, category) row (derived by the rollup triggers): the category, each kind named there, and the
-- category under each of the response's teams.
CREATE FUNCTION "census_totals_response_category"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE "census_stage_totals"(format(
    'SELECT x."roundId", s."teamId", c."cell", c."a", c."b", x."sign" AS "delta" FROM (%s) x
     JOIN "Response" g ON g."id" = x."responseId" AND g."isComplete"
     CROSS JOIN LATERAL (SELECT 0 AS "teamId" UNION ALL SELECT rt."teamId" FROM "ResponseTeam" rt WHERE rt."responseId" = x."responseId") s
     CROSS JOIN LATERAL (
       SELECT ''category'' AS "cell", x."categoryId" AS "a", 0 AS "b"
       UNION ALL SELECT ''kind'', x."categoryId", k."b" FROM (VALUES (0, x."kindCode"), (1, x."kindReview"), (2, x."kindBugs"),
         (3, x."kindDocs"), (4, x."kindMaintainer")) k("b", "named") WHERE k."named"
       UNION ALL SELECT ''team-category'', rt."teamId", x."categoryId" FROM "ResponseTeam" rt WHERE rt."responseId" = x."responseId") c',
    "census_changed_rows"(TG_OP)));
  RETURN NULL;
END $$;

-- Teams of responses changed by one statement (possibly several per response). A team is both a cell (in every
-- scope of its response) and a scope of its own (holding every cell of the response). For the rows `x` added
-- (sign 1) or taken away (sign -1), with the response's teams being those it has now minus the rows of `hidden`
-- (an update's new rows, while its old ones are taken away): the changed teams' cells in the response's other
-- scopes; and each changed team's scope with every cell of the response, its teams being those it has (minus
-- hidden) together with the changed ones.
CREATE FUNCTION "census_team_cells"("x" TEXT, "sign" INTEGER, "hidden" TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT format(
    'WITH "teams" AS (SELECT rt."responseId", rt."roundId", rt."teamId" FROM "ResponseTeam" rt
       WHERE rt."responseId" IN (SELECT "responseId" FROM %1$s)
         AND NOT EXISTS (SELECT 1 FROM %3$s h WHERE h."responseId" = rt."responseId" AND h."teamId" = rt."teamId")),
     "others" AS (SELECT * FROM "teams" t WHERE NOT EXISTS (SELECT 1 FROM %1$s o WHERE o."responseId" = t."responseId" AND o."teamId" = t."teamId")),
     "together" AS (SELECT "responseId", "roundId", "teamId" FROM "others" UNION ALL SELECT "responseId", "roundId", "teamId" FROM %1$s)
     SELECT x."roundId", s."teamId", ''team'' AS "cell", x."teamId" AS "a", 0 AS "b", %2$s AS "delta" FROM %1$s x JOIN "Response" g ON g."id" = x."responseId" AND g."isComplete"
       CROSS JOIN LATERAL (SELECT 0 AS "teamId" UNION ALL SELECT o."teamId" FROM "others" o WHERE o."responseId" = x."responseId") s
     UNION ALL SELECT rc."roundId", s."teamId", ''team-category'', x."teamId", rc."categoryId", %2$s FROM %1$s x JOIN "Response" g ON g."id" = x."responseId" AND g."isComplete"
       JOIN "ResponseCategory" rc ON rc."responseId" = x."responseId"
       CROSS JOIN LATERAL (SELECT 0 AS "teamId" UNION ALL SELECT o."teamId" FROM "others" o WHERE o."responseId" = x."responseId") s
     UNION ALL SELECT c."roundId", x."teamId", c."cell", c."a", c."b", %2$s FROM %1$s x JOIN "Response" g ON g."id" = x."responseId" AND g."isComplete"
       CROSS JOIN LATERAL (
         SELECT r."roundId", ''n'' AS "cell", 0 AS "a", 0 AS "b" FROM "Response" r WHERE r."id" = x."responseId"
         UNION ALL SELECT r."roundId", ''bin'', r."projectCount", 0 FROM "Response" r WHERE r."id" = x."responseId"
         UNION ALL SELECT r."roundId", ''day'', CAST(to_char(r."createdAt", ''YYYYMMDD'') AS INTEGER), 0 FROM "Response" r WHERE r."id" = x."responseId"
         UNION ALL SELECT rp."roundId", ''project'', rp."projectId", 0 FROM "ResponseProject" rp WHERE rp."responseId" = x."responseId"
         UNION ALL SELECT p."roundId", ''pair'', p."firstId", p."secondId" FROM "ResponsePair" p WHERE p."responseId" = x."responseId"
         UNION ALL SELECT rc."roundId", ''category'', rc."categoryId", 0 FROM "ResponseCategory" rc WHERE rc."responseId" = x."responseId"
         UNION ALL SELECT rc."roundId", ''kind'', rc."categoryId", k."b" FROM "ResponseCategory" rc
           CROSS JOIN LATERAL (VALUES (0, rc."kindCode"), (1, rc."kindReview"), (2, rc."kindBugs"), (3, rc."kindDocs"),
             (4, rc."kindMaintainer")) k("b", "named") WHERE rc."responseId" = x."responseId" AND k."named"
         UNION ALL SELECT t."roundId", ''team'', t."teamId", 0 FROM "together" t WHERE t."responseId" = x."responseId"
         UNION ALL SELECT rc."roundId", ''team-category'', t."teamId", rc."categoryId" FROM "together" t
           JOIN "ResponseCategory" rc ON rc."responseId" = t."responseId" WHERE t."responseId" = x."responseId") c',
    "x", "sign", "hidden")
$$;

CREATE FUNCTION "census_totals_response_team"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE "census_stage_totals"("census_team_cells"('"changed"', 1, '(SELECT NULL::text AS "responseId", NULL::integer AS "teamId" WHERE FALSE)'));
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE "census_stage_totals"("census_team_cells"('"changed"', -1, '(SELECT NULL::text AS "responseId", NULL::integer AS "teamId" WHERE FALSE)'));
  ELSE
    -- An update (direct SQL): the old rows taken away as if the new ones were not there yet, then the new ones added.
    EXECUTE "census_stage_totals"("census_team_cells"('"before"', -1, '"after"'));
    EXECUTE "census_stage_totals"("census_team_cells"('"after"', 1, '(SELECT NULL::text AS "responseId", NULL::integer AS "teamId" WHERE FALSE)'));
  END IF;
  RETURN NULL;
END $$;

-- A response's rows go before it, each statement with its own totals: a cascade would delete them after the
-- response, when its statement's totals no longer know the response's teams.
CREATE FUNCTION "census_delete_response_rows_first"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ResponseProject" WHERE "responseId" = OLD."id";
  DELETE FROM "ResponseTeam" WHERE "responseId" = OLD."id";
  RETURN OLD;
END $$;

CREATE TRIGGER "Response_delete_rows_first" BEFORE DELETE ON "Response"
  FOR EACH ROW EXECUTE FUNCTION "census_delete_response_rows_first"();

CREATE TRIGGER "Response_totals_after_insert" AFTER INSERT ON "Response"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_totals_response"();
CREATE TRIGGER "Response_totals_after_delete" AFTER DELETE ON "Response"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_totals_response"();
CREATE TRIGGER "Response_totals_after_update" AFTER UPDATE ON "Response"
  REFERENCING OLD TABLE AS "before" NEW TABLE AS "after" FOR EACH STATEMENT EXECUTE FUNCTION "census_totals_response"();

CREATE TRIGGER "ResponseProject_totals_after_insert" AFTER INSERT ON "ResponseProject"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_totals_response_project"();
CREATE TRIGGER "ResponseProject_totals_after_delete" AFTER DELETE ON "ResponseProject"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_totals_response_project"();
CREATE TRIGGER "ResponseProject_totals_after_update" AFTER UPDATE ON "ResponseProject"
  REFERENCING OLD TABLE AS "before" NEW TABLE AS "after" FOR EACH STATEMENT EXECUTE FUNCTION "census_totals_response_project"();

CREATE TRIGGER "ResponsePair_totals_after_insert" AFTER INSERT ON "ResponsePair"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_totals_response_pair"();
CREATE TRIGGER "ResponsePair_totals_after_delete" AFTER DELETE ON "ResponsePair"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_totals_response_pair"();
CREATE TRIGGER "ResponsePair_totals_after_update" AFTER UPDATE ON "ResponsePair"
  REFERENCING OLD TABLE AS "before" NEW TABLE AS "after" FOR EACH STATEMENT EXECUTE FUNCTION "census_totals_response_pair"();

CREATE TRIGGER "ResponseCategory_totals_after_insert" AFTER INSERT ON "ResponseCategory"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_totals_response_category"();
CREATE TRIGGER "ResponseCategory_totals_after_delete" AFTER DELETE ON "ResponseCategory"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_totals_response_category"();
CREATE TRIGGER "ResponseCategory_totals_after_update" AFTER UPDATE ON "ResponseCategory"
  REFERENCING OLD TABLE AS "before" NEW TABLE AS "after" FOR EACH STATEMENT EXECUTE FUNCTION "census_totals_response_category"();

CREATE TRIGGER "ResponseTeam_totals_after_insert" AFTER INSERT ON "ResponseTeam"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_totals_response_team"();
CREATE TRIGGER "ResponseTeam_totals_after_delete" AFTER DELETE ON "ResponseTeam"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_totals_response_team"();
CREATE TRIGGER "ResponseTeam_totals_after_update" AFTER UPDATE ON "ResponseTeam"
  REFERENCING OLD TABLE AS "before" NEW TABLE AS "after" FOR EACH STATEMENT EXECUTE FUNCTION "census_totals_response_team"();

-- The answers already stored: every cell of every complete response, in every scope it belongs to.
INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
  SELECT c."roundId", s."teamId", c."cell", c."a", c."b", COUNT(*)
  FROM (
    SELECT "id" AS "responseId", "roundId", 'n' AS "cell", 0 AS "a", 0 AS "b" FROM "Response"
    UNION ALL SELECT "id", "roundId", 'bin', "projectCount", 0 FROM "Response"
    UNION ALL SELECT "id", "roundId", 'day', CAST(to_char("createdAt", 'YYYYMMDD') AS INTEGER), 0 FROM "Response"
    UNION ALL SELECT "responseId", "roundId", 'project', "projectId", 0 FROM "ResponseProject"
    UNION ALL SELECT "responseId", "roundId", 'pair', "firstId", "secondId" FROM "ResponsePair"
    UNION ALL SELECT "responseId", "roundId", 'category', "categoryId", 0 FROM "ResponseCategory"
    UNION ALL SELECT rc."responseId", rc."roundId", 'kind', rc."categoryId", k."b" FROM "ResponseCategory" rc
      CROSS JOIN LATERAL (VALUES (0, rc."kindCode"), (1, rc."kindReview"), (2, rc."kindBugs"), (3, rc."kindDocs"),
        (4, rc."kindMaintainer")) k("b", "named") WHERE k."named"
    UNION ALL SELECT "responseId", "roundId", 'team', "teamId", 0 FROM "ResponseTeam"
    UNION ALL SELECT rt."responseId", rc."roundId", 'team-category', rt."teamId", rc."categoryId"
      FROM "ResponseTeam" rt JOIN "ResponseCategory" rc ON rc."responseId" = rt."responseId"
  ) c
  JOIN (SELECT "id" AS "responseId", 0 AS "teamId" FROM "Response" WHERE "isComplete"
    UNION ALL SELECT rt."responseId", rt."teamId" FROM "ResponseTeam" rt JOIN "Response" r ON r."id" = rt."responseId" WHERE r."isComplete") s
    ON s."responseId" = c."responseId"
  GROUP BY c."roundId", s."teamId", c."cell", c."a", c."b";
