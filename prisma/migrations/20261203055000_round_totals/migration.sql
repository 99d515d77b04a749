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
-- Every trigger adds what its row contributes, joined with the response's other rows as they stand, so the totals
-- equal counting afresh after any sequence of writes in any order (tests/integration/round-totals.test.ts).
-- A cell is counted in the round of the row it comes from. Cells that drop to 0 stay, as 0.

CREATE TABLE "RoundTotal" (
    "roundId" INTEGER NOT NULL,
    "teamId" INTEGER NOT NULL,
    "cell" TEXT NOT NULL,
    "a" INTEGER NOT NULL,
    "b" INTEGER NOT NULL,
    "respondents" INTEGER NOT NULL,

    PRIMARY KEY ("roundId", "teamId", "cell", "a", "b")
) WITHOUT ROWID;

-- A response's rows go before it, each with its own totals: a cascade could delete them after the response,
-- when the totals of its own cells no longer know the response's teams.
CREATE TRIGGER "Response_delete_rows_first" BEFORE DELETE ON "Response"
BEGIN
  DELETE FROM "ResponseProject" WHERE "responseId" = OLD."id";
  DELETE FROM "ResponseTeam" WHERE "responseId" = OLD."id";
END;

-- A response: its own cells (n, projects-per-respondent bin, day), in every scope it belongs to. Only complete
-- answers count (lib/survey/completeness.ts): every trigger below adds nothing for an incomplete one.
CREATE TRIGGER "Response_totals_after_insert" AFTER INSERT ON "Response"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT NEW."roundId", s."teamId", c."cell", c."a", 0, 1
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."id") s
    CROSS JOIN (SELECT 'n' AS "cell", 0 AS "a" UNION ALL SELECT 'bin', NEW."projectCount"
      UNION ALL SELECT 'day', CAST(replace(substr(NEW."createdAt", 1, 10), '-', '') AS INTEGER)) c
    WHERE NEW."isComplete"
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
END;

CREATE TRIGGER "Response_totals_after_delete" AFTER DELETE ON "Response"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT OLD."roundId", s."teamId", c."cell", c."a", 0, -1
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."id") s
    CROSS JOIN (SELECT 'n' AS "cell", 0 AS "a" UNION ALL SELECT 'bin', OLD."projectCount"
      UNION ALL SELECT 'day', CAST(replace(substr(OLD."createdAt", 1, 10), '-', '') AS INTEGER)) c
    WHERE OLD."isComplete"
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
END;

CREATE TRIGGER "Response_totals_after_update" AFTER UPDATE ON "Response"
WHEN OLD."isComplete" AND NEW."isComplete" AND (OLD."projectCount" IS NOT NEW."projectCount"
  OR OLD."createdAt" IS NOT NEW."createdAt" OR OLD."roundId" IS NOT NEW."roundId" OR OLD."id" IS NOT NEW."id")
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT OLD."roundId", s."teamId", c."cell", c."a", 0, -1
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."id") s
    CROSS JOIN (SELECT 'n' AS "cell", 0 AS "a" UNION ALL SELECT 'bin', OLD."projectCount"
      UNION ALL SELECT 'day', CAST(replace(substr(OLD."createdAt", 1, 10), '-', '') AS INTEGER)) c
    WHERE OLD."isComplete"
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT NEW."roundId", s."teamId", c."cell", c."a", 0, 1
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."id") s
    CROSS JOIN (SELECT 'n' AS "cell", 0 AS "a" UNION ALL SELECT 'bin', NEW."projectCount"
      UNION ALL SELECT 'day', CAST(replace(substr(NEW."createdAt", 1, 10), '-', '') AS INTEGER)) c
    WHERE NEW."isComplete"
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
END;

-- A response becoming complete (or no longer): every cell of it, in every scope, comes in (or goes).
CREATE TRIGGER "Response_totals_after_completeness_change" AFTER UPDATE OF "isComplete" ON "Response"
WHEN OLD."isComplete" IS NOT NEW."isComplete"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT c."roundId", s."teamId", c."cell", c."a", c."b", -1
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."id") s
    CROSS JOIN (
      SELECT OLD."roundId" AS "roundId", 'n' AS "cell", 0 AS "a", 0 AS "b"
      UNION ALL SELECT OLD."roundId", 'bin', OLD."projectCount", 0
      UNION ALL SELECT OLD."roundId", 'day', CAST(replace(substr(OLD."createdAt", 1, 10), '-', '') AS INTEGER), 0
      UNION ALL SELECT "roundId", 'project', "projectId", 0 FROM "ResponseProject" WHERE "responseId" = OLD."id"
      UNION ALL SELECT "roundId", 'pair', "firstId", "secondId" FROM "ResponsePair" WHERE "responseId" = OLD."id"
      UNION ALL SELECT "roundId", 'category', "categoryId", 0 FROM "ResponseCategory" WHERE "responseId" = OLD."id"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 0 FROM "ResponseCategory" WHERE "responseId" = OLD."id" AND "kindCode"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 1 FROM "ResponseCategory" WHERE "responseId" = OLD."id" AND "kindReview"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 2 FROM "ResponseCategory" WHERE "responseId" = OLD."id" AND "kindBugs"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 3 FROM "ResponseCategory" WHERE "responseId" = OLD."id" AND "kindDocs"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 4 FROM "ResponseCategory" WHERE "responseId" = OLD."id" AND "kindMaintainer"
      UNION ALL SELECT "roundId", 'team', "teamId", 0 FROM "ResponseTeam" WHERE "responseId" = OLD."id"
      UNION ALL SELECT rc."roundId", 'team-category', rt."teamId", rc."categoryId" FROM "ResponseTeam" rt
        JOIN "ResponseCategory" rc ON rc."responseId" = rt."responseId" WHERE rt."responseId" = OLD."id") c
    WHERE OLD."isComplete"
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT c."roundId", s."teamId", c."cell", c."a", c."b", 1
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."id") s
    CROSS JOIN (
      SELECT NEW."roundId" AS "roundId", 'n' AS "cell", 0 AS "a", 0 AS "b"
      UNION ALL SELECT NEW."roundId", 'bin', NEW."projectCount", 0
      UNION ALL SELECT NEW."roundId", 'day', CAST(replace(substr(NEW."createdAt", 1, 10), '-', '') AS INTEGER), 0
      UNION ALL SELECT "roundId", 'project', "projectId", 0 FROM "ResponseProject" WHERE "responseId" = NEW."id"
      UNION ALL SELECT "roundId", 'pair', "firstId", "secondId" FROM "ResponsePair" WHERE "responseId" = NEW."id"
      UNION ALL SELECT "roundId", 'category', "categoryId", 0 FROM "ResponseCategory" WHERE "responseId" = NEW."id"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 0 FROM "ResponseCategory" WHERE "responseId" = NEW."id" AND "kindCode"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 1 FROM "ResponseCategory" WHERE "responseId" = NEW."id" AND "kindReview"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 2 FROM "ResponseCategory" WHERE "responseId" = NEW."id" AND "kindBugs"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 3 FROM "ResponseCategory" WHERE "responseId" = NEW."id" AND "kindDocs"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 4 FROM "ResponseCategory" WHERE "responseId" = NEW."id" AND "kindMaintainer"
      UNION ALL SELECT "roundId", 'team', "teamId", 0 FROM "ResponseTeam" WHERE "responseId" = NEW."id"
      UNION ALL SELECT rc."roundId", 'team-category', rt."teamId", rc."categoryId" FROM "ResponseTeam" rt
        JOIN "ResponseCategory" rc ON rc."responseId" = rt."responseId" WHERE rt."responseId" = NEW."id") c
    WHERE NEW."isComplete"
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
END;

-- A selection: its project, in every scope of its response.
CREATE TRIGGER "ResponseProject_totals_after_insert" AFTER INSERT ON "ResponseProject"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT NEW."roundId", s."teamId", 'project', NEW."projectId", 0, 1
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId") s
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = NEW."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
END;

CREATE TRIGGER "ResponseProject_totals_after_delete" AFTER DELETE ON "ResponseProject"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT OLD."roundId", s."teamId", 'project', OLD."projectId", 0, -1
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."responseId") s
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = OLD."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
END;

-- Recoded kinds change no project cell (kinds are counted per category, below); a merged project moves its cells.
CREATE TRIGGER "ResponseProject_totals_after_update" AFTER UPDATE ON "ResponseProject"
WHEN OLD."projectId" IS NOT NEW."projectId" OR OLD."responseId" IS NOT NEW."responseId" OR OLD."roundId" IS NOT NEW."roundId"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT OLD."roundId", s."teamId", 'project', OLD."projectId", 0, -1
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."responseId") s
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = OLD."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT NEW."roundId", s."teamId", 'project', NEW."projectId", 0, 1
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId") s
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = NEW."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
END;

-- A pair of projects chosen together (derived by the rollup triggers).
CREATE TRIGGER "ResponsePair_totals_after_insert" AFTER INSERT ON "ResponsePair"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT NEW."roundId", s."teamId", 'pair', NEW."firstId", NEW."secondId", 1
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId") s
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = NEW."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
END;

CREATE TRIGGER "ResponsePair_totals_after_delete" AFTER DELETE ON "ResponsePair"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT OLD."roundId", s."teamId", 'pair', OLD."firstId", OLD."secondId", -1
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."responseId") s
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = OLD."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
END;

CREATE TRIGGER "ResponsePair_totals_after_update" AFTER UPDATE ON "ResponsePair"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT OLD."roundId", s."teamId", 'pair', OLD."firstId", OLD."secondId", -1
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."responseId") s
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = OLD."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT NEW."roundId", s."teamId", 'pair', NEW."firstId", NEW."secondId", 1
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId") s
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = NEW."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
END;

-- A (response, category) row (derived by the rollup triggers): the category, each kind named there, and the
-- category under each of the response's teams.
CREATE TRIGGER "ResponseCategory_totals_after_insert" AFTER INSERT ON "ResponseCategory"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT NEW."roundId", s."teamId", c."cell", c."a", c."b", 1
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId") s
    CROSS JOIN (
      SELECT 'category' AS "cell", NEW."categoryId" AS "a", 0 AS "b"
      UNION ALL SELECT 'kind', NEW."categoryId", 0 WHERE NEW."kindCode"
      UNION ALL SELECT 'kind', NEW."categoryId", 1 WHERE NEW."kindReview"
      UNION ALL SELECT 'kind', NEW."categoryId", 2 WHERE NEW."kindBugs"
      UNION ALL SELECT 'kind', NEW."categoryId", 3 WHERE NEW."kindDocs"
      UNION ALL SELECT 'kind', NEW."categoryId", 4 WHERE NEW."kindMaintainer"
      UNION ALL SELECT 'team-category', "teamId", NEW."categoryId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId") c
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = NEW."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
END;

CREATE TRIGGER "ResponseCategory_totals_after_delete" AFTER DELETE ON "ResponseCategory"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT OLD."roundId", s."teamId", c."cell", c."a", c."b", -1
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."responseId") s
    CROSS JOIN (
      SELECT 'category' AS "cell", OLD."categoryId" AS "a", 0 AS "b"
      UNION ALL SELECT 'kind', OLD."categoryId", 0 WHERE OLD."kindCode"
      UNION ALL SELECT 'kind', OLD."categoryId", 1 WHERE OLD."kindReview"
      UNION ALL SELECT 'kind', OLD."categoryId", 2 WHERE OLD."kindBugs"
      UNION ALL SELECT 'kind', OLD."categoryId", 3 WHERE OLD."kindDocs"
      UNION ALL SELECT 'kind', OLD."categoryId", 4 WHERE OLD."kindMaintainer"
      UNION ALL SELECT 'team-category', "teamId", OLD."categoryId" FROM "ResponseTeam" WHERE "responseId" = OLD."responseId") c
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = OLD."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
END;

-- Kinds named anew in a category (another project of it was added): only the kinds that changed move.
CREATE TRIGGER "ResponseCategory_totals_after_kinds_update" AFTER UPDATE ON "ResponseCategory"
WHEN OLD."responseId" IS NEW."responseId" AND OLD."categoryId" IS NEW."categoryId" AND OLD."roundId" IS NEW."roundId"
  AND (OLD."kindCode" IS NOT NEW."kindCode" OR OLD."kindReview" IS NOT NEW."kindReview" OR OLD."kindBugs" IS NOT NEW."kindBugs"
    OR OLD."kindDocs" IS NOT NEW."kindDocs" OR OLD."kindMaintainer" IS NOT NEW."kindMaintainer")
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT NEW."roundId", s."teamId", 'kind', NEW."categoryId", k."b", k."delta"
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId") s
    CROSS JOIN (
      SELECT 0 AS "b", NEW."kindCode" - OLD."kindCode" AS "delta"
      UNION ALL SELECT 1, NEW."kindReview" - OLD."kindReview"
      UNION ALL SELECT 2, NEW."kindBugs" - OLD."kindBugs"
      UNION ALL SELECT 3, NEW."kindDocs" - OLD."kindDocs"
      UNION ALL SELECT 4, NEW."kindMaintainer" - OLD."kindMaintainer") k
    WHERE k."delta" <> 0 AND EXISTS (SELECT 1 FROM "Response" WHERE "id" = NEW."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
END;

-- Any other change of the row (direct SQL): the old row out, the new one in.
CREATE TRIGGER "ResponseCategory_totals_after_update" AFTER UPDATE ON "ResponseCategory"
WHEN OLD."responseId" IS NOT NEW."responseId" OR OLD."categoryId" IS NOT NEW."categoryId" OR OLD."roundId" IS NOT NEW."roundId"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT OLD."roundId", s."teamId", c."cell", c."a", c."b", -1
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."responseId") s
    CROSS JOIN (
      SELECT 'category' AS "cell", OLD."categoryId" AS "a", 0 AS "b"
      UNION ALL SELECT 'kind', OLD."categoryId", 0 WHERE OLD."kindCode"
      UNION ALL SELECT 'kind', OLD."categoryId", 1 WHERE OLD."kindReview"
      UNION ALL SELECT 'kind', OLD."categoryId", 2 WHERE OLD."kindBugs"
      UNION ALL SELECT 'kind', OLD."categoryId", 3 WHERE OLD."kindDocs"
      UNION ALL SELECT 'kind', OLD."categoryId", 4 WHERE OLD."kindMaintainer"
      UNION ALL SELECT 'team-category', "teamId", OLD."categoryId" FROM "ResponseTeam" WHERE "responseId" = OLD."responseId") c
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = OLD."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT NEW."roundId", s."teamId", c."cell", c."a", c."b", 1
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId") s
    CROSS JOIN (
      SELECT 'category' AS "cell", NEW."categoryId" AS "a", 0 AS "b"
      UNION ALL SELECT 'kind', NEW."categoryId", 0 WHERE NEW."kindCode"
      UNION ALL SELECT 'kind', NEW."categoryId", 1 WHERE NEW."kindReview"
      UNION ALL SELECT 'kind', NEW."categoryId", 2 WHERE NEW."kindBugs"
      UNION ALL SELECT 'kind', NEW."categoryId", 3 WHERE NEW."kindDocs"
      UNION ALL SELECT 'kind', NEW."categoryId", 4 WHERE NEW."kindMaintainer"
      UNION ALL SELECT 'team-category', "teamId", NEW."categoryId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId") c
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = NEW."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
END;

-- A team of a response is both a cell (in every scope of the response) and a scope of its own (holding every
-- cell of the response). Added: the team's cells in the scopes the response already had; then the new scope,
-- with every cell of the response as it stands (its teams including this one). Each cell is counted in the round
-- of the row it comes from (team × category: the category row's), so a row moved to another round by direct SQL
-- moves exactly its own cells.
CREATE TRIGGER "ResponseTeam_totals_after_insert" AFTER INSERT ON "ResponseTeam"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT c."roundId", s."teamId", c."cell", c."a", c."b", 1
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId" AND "teamId" <> NEW."teamId") s
    CROSS JOIN (
      SELECT NEW."roundId" AS "roundId", 'team' AS "cell", NEW."teamId" AS "a", 0 AS "b"
      UNION ALL SELECT "roundId", 'team-category', NEW."teamId", "categoryId" FROM "ResponseCategory" WHERE "responseId" = NEW."responseId") c
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = NEW."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT c."roundId", NEW."teamId", c."cell", c."a", c."b", 1
    FROM (
      SELECT "roundId", 'n' AS "cell", 0 AS "a", 0 AS "b" FROM "Response" WHERE "id" = NEW."responseId"
      UNION ALL SELECT "roundId", 'bin', "projectCount", 0 FROM "Response" WHERE "id" = NEW."responseId"
      UNION ALL SELECT "roundId", 'day', CAST(replace(substr("createdAt", 1, 10), '-', '') AS INTEGER), 0 FROM "Response" WHERE "id" = NEW."responseId"
      UNION ALL SELECT "roundId", 'project', "projectId", 0 FROM "ResponseProject" WHERE "responseId" = NEW."responseId"
      UNION ALL SELECT "roundId", 'pair', "firstId", "secondId" FROM "ResponsePair" WHERE "responseId" = NEW."responseId"
      UNION ALL SELECT "roundId", 'category', "categoryId", 0 FROM "ResponseCategory" WHERE "responseId" = NEW."responseId"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 0 FROM "ResponseCategory" WHERE "responseId" = NEW."responseId" AND "kindCode"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 1 FROM "ResponseCategory" WHERE "responseId" = NEW."responseId" AND "kindReview"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 2 FROM "ResponseCategory" WHERE "responseId" = NEW."responseId" AND "kindBugs"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 3 FROM "ResponseCategory" WHERE "responseId" = NEW."responseId" AND "kindDocs"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 4 FROM "ResponseCategory" WHERE "responseId" = NEW."responseId" AND "kindMaintainer"
      UNION ALL SELECT t."roundId", 'team', t."teamId", 0 FROM (SELECT "roundId", "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId") t
      UNION ALL SELECT rc."roundId", 'team-category', t."teamId", rc."categoryId" FROM (SELECT "roundId", "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId") t
        CROSS JOIN "ResponseCategory" rc WHERE rc."responseId" = NEW."responseId") c
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = NEW."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
END;

-- Removed: the same, taken away (the response's teams as they were, this one included).
CREATE TRIGGER "ResponseTeam_totals_after_delete" AFTER DELETE ON "ResponseTeam"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT c."roundId", s."teamId", c."cell", c."a", c."b", -1
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."responseId") s
    CROSS JOIN (
      SELECT OLD."roundId" AS "roundId", 'team' AS "cell", OLD."teamId" AS "a", 0 AS "b"
      UNION ALL SELECT "roundId", 'team-category', OLD."teamId", "categoryId" FROM "ResponseCategory" WHERE "responseId" = OLD."responseId") c
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = OLD."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT c."roundId", OLD."teamId", c."cell", c."a", c."b", -1
    FROM (
      SELECT "roundId", 'n' AS "cell", 0 AS "a", 0 AS "b" FROM "Response" WHERE "id" = OLD."responseId"
      UNION ALL SELECT "roundId", 'bin', "projectCount", 0 FROM "Response" WHERE "id" = OLD."responseId"
      UNION ALL SELECT "roundId", 'day', CAST(replace(substr("createdAt", 1, 10), '-', '') AS INTEGER), 0 FROM "Response" WHERE "id" = OLD."responseId"
      UNION ALL SELECT "roundId", 'project', "projectId", 0 FROM "ResponseProject" WHERE "responseId" = OLD."responseId"
      UNION ALL SELECT "roundId", 'pair', "firstId", "secondId" FROM "ResponsePair" WHERE "responseId" = OLD."responseId"
      UNION ALL SELECT "roundId", 'category', "categoryId", 0 FROM "ResponseCategory" WHERE "responseId" = OLD."responseId"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 0 FROM "ResponseCategory" WHERE "responseId" = OLD."responseId" AND "kindCode"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 1 FROM "ResponseCategory" WHERE "responseId" = OLD."responseId" AND "kindReview"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 2 FROM "ResponseCategory" WHERE "responseId" = OLD."responseId" AND "kindBugs"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 3 FROM "ResponseCategory" WHERE "responseId" = OLD."responseId" AND "kindDocs"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 4 FROM "ResponseCategory" WHERE "responseId" = OLD."responseId" AND "kindMaintainer"
      UNION ALL SELECT t."roundId", 'team', t."teamId", 0 FROM (SELECT "roundId", "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."responseId" UNION ALL SELECT OLD."roundId", OLD."teamId") t
      UNION ALL SELECT rc."roundId", 'team-category', t."teamId", rc."categoryId" FROM (SELECT "roundId", "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."responseId" UNION ALL SELECT OLD."roundId", OLD."teamId") t
        CROSS JOIN "ResponseCategory" rc WHERE rc."responseId" = OLD."responseId") c
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = OLD."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
END;

-- Changed (direct SQL): the old row taken away as if the new one were not there yet, then the new one added.
CREATE TRIGGER "ResponseTeam_totals_after_update" AFTER UPDATE ON "ResponseTeam"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT c."roundId", s."teamId", c."cell", c."a", c."b", -1
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."responseId" AND NOT ("responseId" = NEW."responseId" AND "teamId" = NEW."teamId")) s
    CROSS JOIN (
      SELECT OLD."roundId" AS "roundId", 'team' AS "cell", OLD."teamId" AS "a", 0 AS "b"
      UNION ALL SELECT "roundId", 'team-category', OLD."teamId", "categoryId" FROM "ResponseCategory" WHERE "responseId" = OLD."responseId") c
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = OLD."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT c."roundId", OLD."teamId", c."cell", c."a", c."b", -1
    FROM (
      SELECT "roundId", 'n' AS "cell", 0 AS "a", 0 AS "b" FROM "Response" WHERE "id" = OLD."responseId"
      UNION ALL SELECT "roundId", 'bin', "projectCount", 0 FROM "Response" WHERE "id" = OLD."responseId"
      UNION ALL SELECT "roundId", 'day', CAST(replace(substr("createdAt", 1, 10), '-', '') AS INTEGER), 0 FROM "Response" WHERE "id" = OLD."responseId"
      UNION ALL SELECT "roundId", 'project', "projectId", 0 FROM "ResponseProject" WHERE "responseId" = OLD."responseId"
      UNION ALL SELECT "roundId", 'pair', "firstId", "secondId" FROM "ResponsePair" WHERE "responseId" = OLD."responseId"
      UNION ALL SELECT "roundId", 'category', "categoryId", 0 FROM "ResponseCategory" WHERE "responseId" = OLD."responseId"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 0 FROM "ResponseCategory" WHERE "responseId" = OLD."responseId" AND "kindCode"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 1 FROM "ResponseCategory" WHERE "responseId" = OLD."responseId" AND "kindReview"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 2 FROM "ResponseCategory" WHERE "responseId" = OLD."responseId" AND "kindBugs"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 3 FROM "ResponseCategory" WHERE "responseId" = OLD."responseId" AND "kindDocs"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 4 FROM "ResponseCategory" WHERE "responseId" = OLD."responseId" AND "kindMaintainer"
      UNION ALL SELECT t."roundId", 'team', t."teamId", 0 FROM (SELECT "roundId", "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."responseId" AND NOT ("responseId" = NEW."responseId" AND "teamId" = NEW."teamId") UNION ALL SELECT OLD."roundId", OLD."teamId") t
      UNION ALL SELECT rc."roundId", 'team-category', t."teamId", rc."categoryId" FROM (SELECT "roundId", "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."responseId" AND NOT ("responseId" = NEW."responseId" AND "teamId" = NEW."teamId") UNION ALL SELECT OLD."roundId", OLD."teamId") t
        CROSS JOIN "ResponseCategory" rc WHERE rc."responseId" = OLD."responseId") c
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = OLD."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT c."roundId", s."teamId", c."cell", c."a", c."b", 1
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId" AND "teamId" <> NEW."teamId") s
    CROSS JOIN (
      SELECT NEW."roundId" AS "roundId", 'team' AS "cell", NEW."teamId" AS "a", 0 AS "b"
      UNION ALL SELECT "roundId", 'team-category', NEW."teamId", "categoryId" FROM "ResponseCategory" WHERE "responseId" = NEW."responseId") c
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = NEW."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
    SELECT c."roundId", NEW."teamId", c."cell", c."a", c."b", 1
    FROM (
      SELECT "roundId", 'n' AS "cell", 0 AS "a", 0 AS "b" FROM "Response" WHERE "id" = NEW."responseId"
      UNION ALL SELECT "roundId", 'bin', "projectCount", 0 FROM "Response" WHERE "id" = NEW."responseId"
      UNION ALL SELECT "roundId", 'day', CAST(replace(substr("createdAt", 1, 10), '-', '') AS INTEGER), 0 FROM "Response" WHERE "id" = NEW."responseId"
      UNION ALL SELECT "roundId", 'project', "projectId", 0 FROM "ResponseProject" WHERE "responseId" = NEW."responseId"
      UNION ALL SELECT "roundId", 'pair', "firstId", "secondId" FROM "ResponsePair" WHERE "responseId" = NEW."responseId"
      UNION ALL SELECT "roundId", 'category', "categoryId", 0 FROM "ResponseCategory" WHERE "responseId" = NEW."responseId"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 0 FROM "ResponseCategory" WHERE "responseId" = NEW."responseId" AND "kindCode"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 1 FROM "ResponseCategory" WHERE "responseId" = NEW."responseId" AND "kindReview"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 2 FROM "ResponseCategory" WHERE "responseId" = NEW."responseId" AND "kindBugs"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 3 FROM "ResponseCategory" WHERE "responseId" = NEW."responseId" AND "kindDocs"
      UNION ALL SELECT "roundId", 'kind', "categoryId", 4 FROM "ResponseCategory" WHERE "responseId" = NEW."responseId" AND "kindMaintainer"
      UNION ALL SELECT t."roundId", 'team', t."teamId", 0 FROM (SELECT "roundId", "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId") t
      UNION ALL SELECT rc."roundId", 'team-category', t."teamId", rc."categoryId" FROM (SELECT "roundId", "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId") t
        CROSS JOIN "ResponseCategory" rc WHERE rc."responseId" = NEW."responseId") c
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = NEW."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents";
END;

-- The answers already stored: every cell of every complete response, in every scope it belongs to.
INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents")
  SELECT c."roundId", s."teamId", c."cell", c."a", c."b", COUNT(*)
  FROM (
    SELECT "id" AS "responseId", "roundId", 'n' AS "cell", 0 AS "a", 0 AS "b" FROM "Response"
    UNION ALL SELECT "id", "roundId", 'bin', "projectCount", 0 FROM "Response"
    UNION ALL SELECT "id", "roundId", 'day', CAST(replace(substr("createdAt", 1, 10), '-', '') AS INTEGER), 0 FROM "Response"
    UNION ALL SELECT "responseId", "roundId", 'project', "projectId", 0 FROM "ResponseProject"
    UNION ALL SELECT "responseId", "roundId", 'pair', "firstId", "secondId" FROM "ResponsePair"
    UNION ALL SELECT "responseId", "roundId", 'category', "categoryId", 0 FROM "ResponseCategory"
    UNION ALL SELECT "responseId", "roundId", 'kind', "categoryId", 0 FROM "ResponseCategory" WHERE "kindCode"
    UNION ALL SELECT "responseId", "roundId", 'kind', "categoryId", 1 FROM "ResponseCategory" WHERE "kindReview"
    UNION ALL SELECT "responseId", "roundId", 'kind', "categoryId", 2 FROM "ResponseCategory" WHERE "kindBugs"
    UNION ALL SELECT "responseId", "roundId", 'kind', "categoryId", 3 FROM "ResponseCategory" WHERE "kindDocs"
    UNION ALL SELECT "responseId", "roundId", 'kind', "categoryId", 4 FROM "ResponseCategory" WHERE "kindMaintainer"
    UNION ALL SELECT "responseId", "roundId", 'team', "teamId", 0 FROM "ResponseTeam"
    UNION ALL SELECT rt."responseId", rc."roundId", 'team-category', rt."teamId", rc."categoryId"
      FROM "ResponseTeam" rt JOIN "ResponseCategory" rc ON rc."responseId" = rt."responseId"
  ) c
  JOIN (SELECT "id" AS "responseId", 0 AS "teamId" FROM "Response" WHERE "isComplete"
    UNION ALL SELECT rt."responseId", rt."teamId" FROM "ResponseTeam" rt JOIN "Response" r ON r."id" = rt."responseId" WHERE r."isComplete") s
    ON s."responseId" = c."responseId"
  GROUP BY c."roundId", s."teamId", c."cell", c."a", c."b";
