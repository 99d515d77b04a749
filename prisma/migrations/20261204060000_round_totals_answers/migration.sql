-- Totals of the answers charted beside the projects, kept like the others (20261203055000_round_totals), so the
-- dashboard of a live round reads them too instead of counting its rows again. New cells, in every scope:
--   'years' (years, 0)                 respondents who answered that many years (-1: no answer)
--   'paid' (answer, 0)                 respondents by employer-paid answer (0 yes, 1 partly, 2 no, 3 prefer-not,
--                                      4 no answer: EMPLOYER_PAID_SERIES' order in lib/survey/summary-answers.ts)
--   'frequency' (projectId, f)         respondents who chose the project that often (0 once, 1 occasionally,
--                                      2 regularly, 3 anything else: not asked; FREQUENCY_SERIES' order)
-- Separate triggers beside the earlier ones: each adds only its own cells, so the order they fire in is free.
-- Each cell also sums its respondents' record keys ("keySum", 20261204030000_cell_keys, docs/privacy.md).

-- A response: its years and employer-paid answer, in every scope it belongs to.
CREATE TRIGGER "Response_answer_totals_after_insert" AFTER INSERT ON "Response"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT NEW."roundId", s."teamId", c."cell", c."a", 0, 1, NEW."recordKey"
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."id") s
    CROSS JOIN (SELECT 'years' AS "cell", COALESCE(NEW."yearsContributing", -1) AS "a"
      UNION ALL SELECT 'paid', CASE NEW."employerPaid" WHEN 'yes' THEN 0 WHEN 'partly' THEN 1 WHEN 'no' THEN 2 WHEN 'prefer-not' THEN 3 ELSE 4 END) c
    WHERE NEW."isComplete"
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

CREATE TRIGGER "Response_answer_totals_after_delete" AFTER DELETE ON "Response"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT OLD."roundId", s."teamId", c."cell", c."a", 0, -1, -OLD."recordKey"
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."id") s
    CROSS JOIN (SELECT 'years' AS "cell", COALESCE(OLD."yearsContributing", -1) AS "a"
      UNION ALL SELECT 'paid', CASE OLD."employerPaid" WHEN 'yes' THEN 0 WHEN 'partly' THEN 1 WHEN 'no' THEN 2 WHEN 'prefer-not' THEN 3 ELSE 4 END) c
    WHERE OLD."isComplete"
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

-- An edited answer of a response that counts before and after (a change of completeness is handled below).
CREATE TRIGGER "Response_answer_totals_after_update" AFTER UPDATE ON "Response"
WHEN OLD."isComplete" AND NEW."isComplete" AND (OLD."yearsContributing" IS NOT NEW."yearsContributing"
  OR OLD."employerPaid" IS NOT NEW."employerPaid" OR OLD."roundId" IS NOT NEW."roundId" OR OLD."id" IS NOT NEW."id")
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT OLD."roundId", s."teamId", c."cell", c."a", 0, -1, -OLD."recordKey"
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."id") s
    CROSS JOIN (SELECT 'years' AS "cell", COALESCE(OLD."yearsContributing", -1) AS "a"
      UNION ALL SELECT 'paid', CASE OLD."employerPaid" WHEN 'yes' THEN 0 WHEN 'partly' THEN 1 WHEN 'no' THEN 2 WHEN 'prefer-not' THEN 3 ELSE 4 END) c
    WHERE TRUE
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT NEW."roundId", s."teamId", c."cell", c."a", 0, 1, NEW."recordKey"
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."id") s
    CROSS JOIN (SELECT 'years' AS "cell", COALESCE(NEW."yearsContributing", -1) AS "a"
      UNION ALL SELECT 'paid', CASE NEW."employerPaid" WHEN 'yes' THEN 0 WHEN 'partly' THEN 1 WHEN 'no' THEN 2 WHEN 'prefer-not' THEN 3 ELSE 4 END) c
    WHERE TRUE
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

-- A response becoming complete (or no longer): its answers and its projects' frequencies come in (or go), as they
-- were before the update and are after it.
CREATE TRIGGER "Response_answer_totals_after_completeness_change" AFTER UPDATE OF "isComplete" ON "Response"
WHEN OLD."isComplete" IS NOT NEW."isComplete"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT c."roundId", s."teamId", c."cell", c."a", c."b", -1, -OLD."recordKey"
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."id") s
    CROSS JOIN (
      SELECT OLD."roundId" AS "roundId", 'years' AS "cell", COALESCE(OLD."yearsContributing", -1) AS "a", 0 AS "b"
      UNION ALL SELECT OLD."roundId", 'paid', CASE OLD."employerPaid" WHEN 'yes' THEN 0 WHEN 'partly' THEN 1 WHEN 'no' THEN 2 WHEN 'prefer-not' THEN 3 ELSE 4 END, 0
      UNION ALL SELECT "roundId", 'frequency', "projectId",
        CASE "frequency" WHEN 'once' THEN 0 WHEN 'occasionally' THEN 1 WHEN 'regularly' THEN 2 ELSE 3 END
        FROM "ResponseProject" WHERE "responseId" = OLD."id") c
    WHERE OLD."isComplete"
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT c."roundId", s."teamId", c."cell", c."a", c."b", 1, NEW."recordKey"
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."id") s
    CROSS JOIN (
      SELECT NEW."roundId" AS "roundId", 'years' AS "cell", COALESCE(NEW."yearsContributing", -1) AS "a", 0 AS "b"
      UNION ALL SELECT NEW."roundId", 'paid', CASE NEW."employerPaid" WHEN 'yes' THEN 0 WHEN 'partly' THEN 1 WHEN 'no' THEN 2 WHEN 'prefer-not' THEN 3 ELSE 4 END, 0
      UNION ALL SELECT "roundId", 'frequency', "projectId",
        CASE "frequency" WHEN 'once' THEN 0 WHEN 'occasionally' THEN 1 WHEN 'regularly' THEN 2 ELSE 3 END
        FROM "ResponseProject" WHERE "responseId" = NEW."id") c
    WHERE NEW."isComplete"
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

-- A selection: its project and frequency, in every scope of its response.
CREATE TRIGGER "ResponseProject_frequency_totals_after_insert" AFTER INSERT ON "ResponseProject"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT NEW."roundId", s."teamId", 'frequency', NEW."projectId",
      CASE NEW."frequency" WHEN 'once' THEN 0 WHEN 'occasionally' THEN 1 WHEN 'regularly' THEN 2 ELSE 3 END, 1, (SELECT "recordKey" FROM "Response" WHERE "id" = NEW."responseId")
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId") s
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = NEW."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

CREATE TRIGGER "ResponseProject_frequency_totals_after_delete" AFTER DELETE ON "ResponseProject"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT OLD."roundId", s."teamId", 'frequency', OLD."projectId",
      CASE OLD."frequency" WHEN 'once' THEN 0 WHEN 'occasionally' THEN 1 WHEN 'regularly' THEN 2 ELSE 3 END, -1, -(SELECT "recordKey" FROM "Response" WHERE "id" = OLD."responseId")
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."responseId") s
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = OLD."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

CREATE TRIGGER "ResponseProject_frequency_totals_after_update" AFTER UPDATE ON "ResponseProject"
WHEN OLD."projectId" IS NOT NEW."projectId" OR OLD."responseId" IS NOT NEW."responseId" OR OLD."roundId" IS NOT NEW."roundId"
  OR OLD."frequency" IS NOT NEW."frequency"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT OLD."roundId", s."teamId", 'frequency', OLD."projectId",
      CASE OLD."frequency" WHEN 'once' THEN 0 WHEN 'occasionally' THEN 1 WHEN 'regularly' THEN 2 ELSE 3 END, -1, -(SELECT "recordKey" FROM "Response" WHERE "id" = OLD."responseId")
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."responseId") s
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = OLD."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT NEW."roundId", s."teamId", 'frequency', NEW."projectId",
      CASE NEW."frequency" WHEN 'once' THEN 0 WHEN 'occasionally' THEN 1 WHEN 'regularly' THEN 2 ELSE 3 END, 1, (SELECT "recordKey" FROM "Response" WHERE "id" = NEW."responseId")
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId") s
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = NEW."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

-- A team of a response is a scope holding these cells of the response (the team is no cell of theirs).
CREATE TRIGGER "ResponseTeam_answer_totals_after_insert" AFTER INSERT ON "ResponseTeam"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT c."roundId", NEW."teamId", c."cell", c."a", c."b", 1, (SELECT "recordKey" FROM "Response" WHERE "id" = NEW."responseId")
    FROM (
      SELECT "roundId", 'years' AS "cell", COALESCE("yearsContributing", -1) AS "a", 0 AS "b" FROM "Response" WHERE "id" = NEW."responseId"
      UNION ALL SELECT "roundId", 'paid', CASE "employerPaid" WHEN 'yes' THEN 0 WHEN 'partly' THEN 1 WHEN 'no' THEN 2 WHEN 'prefer-not' THEN 3 ELSE 4 END, 0
        FROM "Response" WHERE "id" = NEW."responseId"
      UNION ALL SELECT "roundId", 'frequency', "projectId",
        CASE "frequency" WHEN 'once' THEN 0 WHEN 'occasionally' THEN 1 WHEN 'regularly' THEN 2 ELSE 3 END
        FROM "ResponseProject" WHERE "responseId" = NEW."responseId") c
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = NEW."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

CREATE TRIGGER "ResponseTeam_answer_totals_after_delete" AFTER DELETE ON "ResponseTeam"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT c."roundId", OLD."teamId", c."cell", c."a", c."b", -1, -(SELECT "recordKey" FROM "Response" WHERE "id" = OLD."responseId")
    FROM (
      SELECT "roundId", 'years' AS "cell", COALESCE("yearsContributing", -1) AS "a", 0 AS "b" FROM "Response" WHERE "id" = OLD."responseId"
      UNION ALL SELECT "roundId", 'paid', CASE "employerPaid" WHEN 'yes' THEN 0 WHEN 'partly' THEN 1 WHEN 'no' THEN 2 WHEN 'prefer-not' THEN 3 ELSE 4 END, 0
        FROM "Response" WHERE "id" = OLD."responseId"
      UNION ALL SELECT "roundId", 'frequency', "projectId",
        CASE "frequency" WHEN 'once' THEN 0 WHEN 'occasionally' THEN 1 WHEN 'regularly' THEN 2 ELSE 3 END
        FROM "ResponseProject" WHERE "responseId" = OLD."responseId") c
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = OLD."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

CREATE TRIGGER "ResponseTeam_answer_totals_after_update" AFTER UPDATE ON "ResponseTeam"
WHEN OLD."responseId" IS NOT NEW."responseId" OR OLD."teamId" IS NOT NEW."teamId"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT c."roundId", OLD."teamId", c."cell", c."a", c."b", -1, -(SELECT "recordKey" FROM "Response" WHERE "id" = OLD."responseId")
    FROM (
      SELECT "roundId", 'years' AS "cell", COALESCE("yearsContributing", -1) AS "a", 0 AS "b" FROM "Response" WHERE "id" = OLD."responseId"
      UNION ALL SELECT "roundId", 'paid', CASE "employerPaid" WHEN 'yes' THEN 0 WHEN 'partly' THEN 1 WHEN 'no' THEN 2 WHEN 'prefer-not' THEN 3 ELSE 4 END, 0
        FROM "Response" WHERE "id" = OLD."responseId"
      UNION ALL SELECT "roundId", 'frequency', "projectId",
        CASE "frequency" WHEN 'once' THEN 0 WHEN 'occasionally' THEN 1 WHEN 'regularly' THEN 2 ELSE 3 END
        FROM "ResponseProject" WHERE "responseId" = OLD."responseId") c
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = OLD."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT c."roundId", NEW."teamId", c."cell", c."a", c."b", 1, (SELECT "recordKey" FROM "Response" WHERE "id" = NEW."responseId")
    FROM (
      SELECT "roundId", 'years' AS "cell", COALESCE("yearsContributing", -1) AS "a", 0 AS "b" FROM "Response" WHERE "id" = NEW."responseId"
      UNION ALL SELECT "roundId", 'paid', CASE "employerPaid" WHEN 'yes' THEN 0 WHEN 'partly' THEN 1 WHEN 'no' THEN 2 WHEN 'prefer-not' THEN 3 ELSE 4 END, 0
        FROM "Response" WHERE "id" = NEW."responseId"
      UNION ALL SELECT "roundId", 'frequency', "projectId",
        CASE "frequency" WHEN 'once' THEN 0 WHEN 'occasionally' THEN 1 WHEN 'regularly' THEN 2 ELSE 3 END
        FROM "ResponseProject" WHERE "responseId" = NEW."responseId") c
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = NEW."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

-- The answers already stored: these cells of every complete response, in every scope it belongs to.
INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
  SELECT c."roundId", s."teamId", c."cell", c."a", c."b", COUNT(*), SUM(s."recordKey")
  FROM (
    SELECT "id" AS "responseId", "roundId", 'years' AS "cell", COALESCE("yearsContributing", -1) AS "a", 0 AS "b" FROM "Response"
    UNION ALL SELECT "id", "roundId", 'paid', CASE "employerPaid" WHEN 'yes' THEN 0 WHEN 'partly' THEN 1 WHEN 'no' THEN 2 WHEN 'prefer-not' THEN 3 ELSE 4 END, 0 FROM "Response"
    UNION ALL SELECT "responseId", "roundId", 'frequency', "projectId",
      CASE "frequency" WHEN 'once' THEN 0 WHEN 'occasionally' THEN 1 WHEN 'regularly' THEN 2 ELSE 3 END FROM "ResponseProject"
  ) c
  JOIN (SELECT "id" AS "responseId", 0 AS "teamId", "recordKey" FROM "Response" WHERE "isComplete"
    UNION ALL SELECT rt."responseId", rt."teamId", r."recordKey" FROM "ResponseTeam" rt JOIN "Response" r ON r."id" = rt."responseId" WHERE r."isComplete") s
    ON s."responseId" = c."responseId"
  GROUP BY c."roundId", s."teamId", c."cell", c."a", c."b";
