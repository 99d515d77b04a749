-- The cell key method (docs/privacy.md). Every response gets a record key: a random integer in 0..255, set by the
-- database when the row is inserted (whatever writes it: the form, an import, the demo, direct SQL), never changed
-- (a trigger refuses), never read except by the counting queries, and never exported or shown. A cell's key is the
-- sum of its respondents' record keys modulo 256, and the fixed perturbation table (lib/survey/perturbation-table.ts)
-- turns (count, cell key) into the published figure.
--
-- RoundTotal keeps, beside each cell's respondents, the sum of their record keys ("keySum"), maintained by the same
-- triggers, so the totals of a live round give the same published figures as counting afresh.

-- A volatile default is evaluated once per existing row: every stored response gets its own random key.
ALTER TABLE "Response" ADD COLUMN "recordKey" INTEGER NOT NULL DEFAULT floor(random() * 256)::integer;

-- A record key never changes: a new key would give every cell of the response a new cell key, and comparing the
-- figures before and after would tell which cells the response is in.
CREATE FUNCTION "census_record_key_never_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."recordKey" IS DISTINCT FROM NEW."recordKey" THEN
    RAISE EXCEPTION 'a response''s record key never changes';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "Response_record_key_never_changes" BEFORE UPDATE OF "recordKey" ON "Response"
  FOR EACH ROW EXECUTE FUNCTION "census_record_key_never_changes"();

ALTER TABLE "RoundTotal" ADD COLUMN "keySum" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "RoundTotalChange" ADD COLUMN "keySum" INTEGER NOT NULL DEFAULT 0;

-- The functions of 20261203055000_round_totals, each staging the record keys ("keyDelta": sign × record key) beside
-- the respondents, and adding them up at commit.
CREATE OR REPLACE FUNCTION "census_stage_totals"("cells" TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT format(
    'INSERT INTO "RoundTotalChange" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
       SELECT "roundId", "teamId", "cell", "a", "b", SUM("delta"), SUM("keyDelta") FROM (%s) AS "cells"
       GROUP BY 1, 2, 3, 4, 5 HAVING SUM("delta") <> 0 OR SUM("keyDelta") <> 0', "cells")
$$;

CREATE OR REPLACE FUNCTION "census_add_staged_totals"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('census.totals_added', true) IS DISTINCT FROM 'yes' THEN
    PERFORM set_config('census.totals_added', 'yes', true);
    WITH "staged" AS (DELETE FROM "RoundTotalChange" RETURNING *)
    INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
      SELECT "roundId", "teamId", "cell", "a", "b", SUM("respondents"), SUM("keySum") FROM "staged"
      GROUP BY 1, 2, 3, 4, 5 HAVING SUM("respondents") <> 0 OR SUM("keySum") <> 0 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT ("roundId", "teamId", "cell", "a", "b")
        DO UPDATE SET "respondents" = "RoundTotal"."respondents" + excluded."respondents",
          "keySum" = "RoundTotal"."keySum" + excluded."keySum";
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "census_totals_response"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE "census_stage_totals"(format(
    'SELECT x."roundId", s."teamId", c."cell", c."a", 0 AS "b", x."sign" AS "delta", x."sign" * x."recordKey" AS "keyDelta" FROM (%s) x
     CROSS JOIN LATERAL (SELECT 0 AS "teamId" UNION ALL SELECT rt."teamId" FROM "ResponseTeam" rt WHERE rt."responseId" = x."id") s
     CROSS JOIN LATERAL (VALUES (''n'', 0), (''bin'', x."projectCount"),
       (''day'', CAST(to_char(x."createdAt", ''YYYYMMDD'') AS INTEGER))) c("cell", "a")
     WHERE x."isComplete"',
    "census_changed_rows"(TG_OP)));
  IF TG_OP = 'UPDATE' THEN
    EXECUTE "census_stage_totals"(
      'SELECT c."roundId", s."teamId", c."cell", c."a", c."b", x."sign" AS "delta", x."sign" * x."recordKey" AS "keyDelta"
       FROM (SELECT a."id", a."recordKey", CASE WHEN a."isComplete" THEN 1 ELSE -1 END AS "sign" FROM "after" a
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

CREATE OR REPLACE FUNCTION "census_totals_response_project"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE "census_stage_totals"(format(
    'SELECT x."roundId", s."teamId", ''project'' AS "cell", x."projectId" AS "a", 0 AS "b", x."sign" AS "delta", x."sign" * g."recordKey" AS "keyDelta" FROM (%s) x
     JOIN "Response" g ON g."id" = x."responseId" AND g."isComplete"
     CROSS JOIN LATERAL (SELECT 0 AS "teamId" UNION ALL SELECT rt."teamId" FROM "ResponseTeam" rt WHERE rt."responseId" = x."responseId") s',
    "census_changed_rows"(TG_OP)));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "census_totals_response_pair"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE "census_stage_totals"(format(
    'SELECT x."roundId", s."teamId", ''pair'' AS "cell", x."firstId" AS "a", x."secondId" AS "b", x."sign" AS "delta", x."sign" * g."recordKey" AS "keyDelta" FROM (%s) x
     JOIN "Response" g ON g."id" = x."responseId" AND g."isComplete"
     CROSS JOIN LATERAL (SELECT 0 AS "teamId" UNION ALL SELECT rt."teamId" FROM "ResponseTeam" rt WHERE rt."responseId" = x."responseId") s',
    "census_changed_rows"(TG_OP)));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "census_totals_response_category"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE "census_stage_totals"(format(
    'SELECT x."roundId", s."teamId", c."cell", c."a", c."b", x."sign" AS "delta", x."sign" * g."recordKey" AS "keyDelta" FROM (%s) x
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

CREATE OR REPLACE FUNCTION "census_team_cells"("x" TEXT, "sign" INTEGER, "hidden" TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT format(
    'WITH "teams" AS (SELECT rt."responseId", rt."roundId", rt."teamId" FROM "ResponseTeam" rt
       WHERE rt."responseId" IN (SELECT "responseId" FROM %1$s)
         AND NOT EXISTS (SELECT 1 FROM %3$s h WHERE h."responseId" = rt."responseId" AND h."teamId" = rt."teamId")),
     "others" AS (SELECT * FROM "teams" t WHERE NOT EXISTS (SELECT 1 FROM %1$s o WHERE o."responseId" = t."responseId" AND o."teamId" = t."teamId")),
     "together" AS (SELECT "responseId", "roundId", "teamId" FROM "others" UNION ALL SELECT "responseId", "roundId", "teamId" FROM %1$s)
     SELECT x."roundId", s."teamId", ''team'' AS "cell", x."teamId" AS "a", 0 AS "b", %2$s AS "delta", %2$s * g."recordKey" AS "keyDelta" FROM %1$s x JOIN "Response" g ON g."id" = x."responseId" AND g."isComplete"
       CROSS JOIN LATERAL (SELECT 0 AS "teamId" UNION ALL SELECT o."teamId" FROM "others" o WHERE o."responseId" = x."responseId") s
     UNION ALL SELECT rc."roundId", s."teamId", ''team-category'', x."teamId", rc."categoryId", %2$s, %2$s * g."recordKey" FROM %1$s x JOIN "Response" g ON g."id" = x."responseId" AND g."isComplete"
       JOIN "ResponseCategory" rc ON rc."responseId" = x."responseId"
       CROSS JOIN LATERAL (SELECT 0 AS "teamId" UNION ALL SELECT o."teamId" FROM "others" o WHERE o."responseId" = x."responseId") s
     UNION ALL SELECT c."roundId", x."teamId", c."cell", c."a", c."b", %2$s, %2$s * g."recordKey" FROM %1$s x JOIN "Response" g ON g."id" = x."responseId" AND g."isComplete"
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

-- The answers already stored, counted afresh with their keys.
DELETE FROM "RoundTotal";
INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
  SELECT c."roundId", s."teamId", c."cell", c."a", c."b", COUNT(*), SUM(s."recordKey")
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
  JOIN (SELECT "id" AS "responseId", 0 AS "teamId", "recordKey" FROM "Response" WHERE "isComplete"
    UNION ALL SELECT rt."responseId", rt."teamId", r."recordKey" FROM "ResponseTeam" rt JOIN "Response" r ON r."id" = rt."responseId" WHERE r."isComplete") s
    ON s."responseId" = c."responseId"
  GROUP BY c."roundId", s."teamId", c."cell", c."a", c."b";

-- Whether the results show a round's figures while it is open; off by default (docs/privacy.md: open rounds). Rounds
-- already stored take the default too: an open round's figures now appear once it closes, unless an organiser
-- chooses otherwise in the round admin.
ALTER TABLE "Round" ADD COLUMN "publishWhileOpen" BOOLEAN NOT NULL DEFAULT false;
