-- Totals of the answers charted beside the projects, kept like the others (20261203055000_round_totals): staged
-- by statement triggers, added at commit. New cells, in every scope:
--   'years' (years, 0)                 respondents who answered that many years (-1: no answer)
--   'paid' (answer, 0)                 respondents by employer-paid answer (0 yes, 1 partly, 2 no, 3 prefer-not,
--                                      4 no answer: EMPLOYER_PAID_SERIES' order in lib/survey/summary-answers.ts)
--   'frequency' (projectId, f)         respondents who chose the project that often (0 once, 1 occasionally,
--                                      2 regularly, 3 anything else: not asked; FREQUENCY_SERIES' order)
-- Separate triggers beside the earlier ones: each stages only its own cells, each with its record keys
-- ("keyDelta": sign × record key, 20261204030000_cell_keys, docs/privacy.md).

CREATE FUNCTION "census_paid_code"("answer" TEXT) RETURNS INTEGER LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE "answer" WHEN 'yes' THEN 0 WHEN 'partly' THEN 1 WHEN 'no' THEN 2 WHEN 'prefer-not' THEN 3 ELSE 4 END
$$;

CREATE FUNCTION "census_frequency_code"("frequency" TEXT) RETURNS INTEGER LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE "frequency" WHEN 'once' THEN 0 WHEN 'occasionally' THEN 1 WHEN 'regularly' THEN 2 ELSE 3 END
$$;

-- A response: its years and employer-paid answer, in every scope it belongs to (an update: the old row out, the
-- new one in, so an edited answer, a move and a change of completeness all come out right). A response becoming
-- complete (or no longer) also brings in (or takes away) its projects' frequencies.
CREATE FUNCTION "census_answer_totals_response"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE "census_stage_totals"(format(
    'SELECT x."roundId", s."teamId", c."cell", c."a", 0 AS "b", x."sign" AS "delta", x."sign" * x."recordKey" AS "keyDelta" FROM (%s) x
     CROSS JOIN LATERAL (SELECT 0 AS "teamId" UNION ALL SELECT rt."teamId" FROM "ResponseTeam" rt WHERE rt."responseId" = x."id") s
     CROSS JOIN LATERAL (VALUES (''years'', COALESCE(x."yearsContributing", -1)),
       (''paid'', "census_paid_code"(x."employerPaid"))) c("cell", "a")
     WHERE x."isComplete"',
    "census_changed_rows"(TG_OP)));
  IF TG_OP = 'UPDATE' THEN
    EXECUTE "census_stage_totals"(
      'SELECT rp."roundId", s."teamId", ''frequency'' AS "cell", rp."projectId" AS "a",
         "census_frequency_code"(rp."frequency") AS "b", x."sign" AS "delta", x."sign" * x."recordKey" AS "keyDelta"
       FROM (SELECT a."id", a."recordKey", CASE WHEN a."isComplete" THEN 1 ELSE -1 END AS "sign" FROM "after" a
         JOIN "before" b ON b."id" = a."id" WHERE a."isComplete" <> b."isComplete") x
       CROSS JOIN LATERAL (SELECT 0 AS "teamId" UNION ALL SELECT rt."teamId" FROM "ResponseTeam" rt WHERE rt."responseId" = x."id") s
       JOIN "ResponseProject" rp ON rp."responseId" = x."id"');
  END IF;
  RETURN NULL;
END $$;

-- A selection: its project and frequency.
CREATE FUNCTION "census_answer_totals_response_project"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE "census_stage_totals"(format(
    'SELECT x."roundId", s."teamId", ''frequency'' AS "cell", x."projectId" AS "a",
       "census_frequency_code"(x."frequency") AS "b", x."sign" AS "delta", x."sign" * g."recordKey" AS "keyDelta" FROM (%s) x
     JOIN "Response" g ON g."id" = x."responseId" AND g."isComplete"
     CROSS JOIN LATERAL (SELECT 0 AS "teamId" UNION ALL SELECT rt."teamId" FROM "ResponseTeam" rt WHERE rt."responseId" = x."responseId") s',
    "census_changed_rows"(TG_OP)));
  RETURN NULL;
END $$;

-- A team of a response is a scope holding these cells of the response (the team is no cell of theirs).
CREATE FUNCTION "census_answer_totals_response_team"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE "census_stage_totals"(format(
    'SELECT c."roundId", x."teamId", c."cell", c."a", c."b", x."sign" AS "delta", x."sign" * g."recordKey" AS "keyDelta" FROM (%s) x
     JOIN "Response" g ON g."id" = x."responseId" AND g."isComplete"
     CROSS JOIN LATERAL (
       SELECT g."roundId", ''years'' AS "cell", COALESCE(g."yearsContributing", -1) AS "a", 0 AS "b"
       UNION ALL SELECT g."roundId", ''paid'', "census_paid_code"(g."employerPaid"), 0
       UNION ALL SELECT rp."roundId", ''frequency'', rp."projectId", "census_frequency_code"(rp."frequency")
         FROM "ResponseProject" rp WHERE rp."responseId" = x."responseId") c',
    "census_changed_rows"(TG_OP)));
  RETURN NULL;
END $$;

CREATE TRIGGER "Response_answer_totals_after_insert" AFTER INSERT ON "Response"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_answer_totals_response"();
CREATE TRIGGER "Response_answer_totals_after_delete" AFTER DELETE ON "Response"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_answer_totals_response"();
CREATE TRIGGER "Response_answer_totals_after_update" AFTER UPDATE ON "Response"
  REFERENCING OLD TABLE AS "before" NEW TABLE AS "after" FOR EACH STATEMENT EXECUTE FUNCTION "census_answer_totals_response"();

CREATE TRIGGER "ResponseProject_frequency_totals_after_insert" AFTER INSERT ON "ResponseProject"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_answer_totals_response_project"();
CREATE TRIGGER "ResponseProject_frequency_totals_after_delete" AFTER DELETE ON "ResponseProject"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_answer_totals_response_project"();
CREATE TRIGGER "ResponseProject_frequency_totals_after_update" AFTER UPDATE ON "ResponseProject"
  REFERENCING OLD TABLE AS "before" NEW TABLE AS "after" FOR EACH STATEMENT EXECUTE FUNCTION "census_answer_totals_response_project"();

CREATE TRIGGER "ResponseTeam_answer_totals_after_insert" AFTER INSERT ON "ResponseTeam"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_answer_totals_response_team"();
CREATE TRIGGER "ResponseTeam_answer_totals_after_delete" AFTER DELETE ON "ResponseTeam"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_answer_totals_response_team"();
CREATE TRIGGER "ResponseTeam_answer_totals_after_update" AFTER UPDATE ON "ResponseTeam"
  REFERENCING OLD TABLE AS "before" NEW TABLE AS "after" FOR EACH STATEMENT EXECUTE FUNCTION "census_answer_totals_response_team"();

-- The answers already stored: these cells of every complete response, in every scope it belongs to.
INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
  SELECT c."roundId", s."teamId", c."cell", c."a", c."b", COUNT(*), SUM(s."recordKey")
  FROM (
    SELECT "id" AS "responseId", "roundId", 'years' AS "cell", COALESCE("yearsContributing", -1) AS "a", 0 AS "b" FROM "Response"
    UNION ALL SELECT "id", "roundId", 'paid', "census_paid_code"("employerPaid"), 0 FROM "Response"
    UNION ALL SELECT "responseId", "roundId", 'frequency', "projectId", "census_frequency_code"("frequency") FROM "ResponseProject"
  ) c
  JOIN (SELECT "id" AS "responseId", 0 AS "teamId", "recordKey" FROM "Response" WHERE "isComplete"
    UNION ALL SELECT rt."responseId", rt."teamId", r."recordKey" FROM "ResponseTeam" rt JOIN "Response" r ON r."id" = rt."responseId" WHERE r."isComplete") s
    ON s."responseId" = c."responseId"
  GROUP BY c."roundId", s."teamId", c."cell", c."a", c."b";
