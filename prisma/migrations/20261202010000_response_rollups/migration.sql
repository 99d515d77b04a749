-- Rows derived from ResponseProject, kept by triggers inside every writing transaction (so no write path can
-- forget them): ResponseCategory, one row per (response, category) with the kinds named there, and ResponsePair,
-- one row per pair of projects a respondent chose together. The dashboard counts them with plain indexed
-- GROUP BYs instead of a distinct-set per category and a self-join of every selection.

-- CreateTable
CREATE TABLE "ResponseCategory" (
    "responseId" TEXT NOT NULL,
    "roundId" INTEGER NOT NULL,
    "categoryId" INTEGER NOT NULL,
    "kindCode" BOOLEAN NOT NULL DEFAULT false,
    "kindReview" BOOLEAN NOT NULL DEFAULT false,
    "kindBugs" BOOLEAN NOT NULL DEFAULT false,
    "kindDocs" BOOLEAN NOT NULL DEFAULT false,
    "kindMaintainer" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("responseId", "categoryId")
);

-- CreateTable
CREATE TABLE "ResponsePair" (
    "responseId" TEXT NOT NULL,
    "roundId" INTEGER NOT NULL,
    "firstId" INTEGER NOT NULL,
    "secondId" INTEGER NOT NULL,

    PRIMARY KEY ("responseId", "firstId", "secondId")
);

-- CreateIndex
CREATE INDEX "ResponseCategory_roundId_categoryId_kindCode_kindReview_kindBugs_kindDocs_kindMaintainer_idx" ON "ResponseCategory"("roundId", "categoryId", "kindCode", "kindReview", "kindBugs", "kindDocs", "kindMaintainer");

-- CreateIndex
CREATE INDEX "ResponsePair_roundId_firstId_secondId_idx" ON "ResponsePair"("roundId", "firstId", "secondId");

-- A new selection: its category gains the respondent (or the kinds named there), and it pairs with each project
-- the response already has. Rows of one multi-row INSERT are seen one by one, so each pair is added once.
CREATE TRIGGER "ResponseProject_rollups_after_insert" AFTER INSERT ON "ResponseProject"
BEGIN
  INSERT INTO "ResponseCategory" ("responseId", "roundId", "categoryId", "kindCode", "kindReview", "kindBugs", "kindDocs", "kindMaintainer")
    SELECT NEW."responseId", NEW."roundId", p."categoryId", NEW."kindCode", NEW."kindReview", NEW."kindBugs", NEW."kindDocs", NEW."kindMaintainer" FROM "Project" p WHERE p."id" = NEW."projectId"
    ON CONFLICT ("responseId", "categoryId") DO UPDATE SET "kindCode" = MAX("kindCode", excluded."kindCode"), "kindReview" = MAX("kindReview", excluded."kindReview"), "kindBugs" = MAX("kindBugs", excluded."kindBugs"), "kindDocs" = MAX("kindDocs", excluded."kindDocs"), "kindMaintainer" = MAX("kindMaintainer", excluded."kindMaintainer");
  INSERT INTO "ResponsePair" ("responseId", "roundId", "firstId", "secondId")
    SELECT NEW."responseId", NEW."roundId", MIN(NEW."projectId", o."projectId"), MAX(NEW."projectId", o."projectId")
    FROM "ResponseProject" o WHERE o."responseId" = NEW."responseId" AND o."projectId" <> NEW."projectId";
END;

-- A removed selection: its category is counted again from what the response still has there; its pairs go.
CREATE TRIGGER "ResponseProject_rollups_after_delete" AFTER DELETE ON "ResponseProject"
BEGIN
  DELETE FROM "ResponseCategory" WHERE "responseId" = OLD."responseId" AND "categoryId" = (SELECT "categoryId" FROM "Project" WHERE "id" = OLD."projectId");
  INSERT INTO "ResponseCategory" ("responseId", "roundId", "categoryId", "kindCode", "kindReview", "kindBugs", "kindDocs", "kindMaintainer")
    SELECT rp."responseId", MIN(rp."roundId"), p."categoryId", MAX(rp."kindCode"), MAX(rp."kindReview"), MAX(rp."kindBugs"), MAX(rp."kindDocs"), MAX(rp."kindMaintainer")
    FROM "ResponseProject" rp JOIN "Project" p ON p."id" = rp."projectId"
    WHERE rp."responseId" = OLD."responseId" AND p."categoryId" = (SELECT "categoryId" FROM "Project" WHERE "id" = OLD."projectId")
    GROUP BY rp."responseId", p."categoryId";
  DELETE FROM "ResponsePair" WHERE "responseId" = OLD."responseId" AND ("firstId" = OLD."projectId" OR "secondId" = OLD."projectId");
END;

-- A changed selection (kinds recoded, a project merged into another): the response's rows are derived afresh.
CREATE TRIGGER "ResponseProject_rollups_after_update" AFTER UPDATE ON "ResponseProject"
BEGIN
  DELETE FROM "ResponseCategory" WHERE "responseId" IN (OLD."responseId", NEW."responseId");
  INSERT INTO "ResponseCategory" ("responseId", "roundId", "categoryId", "kindCode", "kindReview", "kindBugs", "kindDocs", "kindMaintainer")
    SELECT rp."responseId", MIN(rp."roundId"), p."categoryId", MAX(rp."kindCode"), MAX(rp."kindReview"), MAX(rp."kindBugs"), MAX(rp."kindDocs"), MAX(rp."kindMaintainer")
    FROM "ResponseProject" rp JOIN "Project" p ON p."id" = rp."projectId"
    WHERE rp."responseId" IN (OLD."responseId", NEW."responseId")
    GROUP BY rp."responseId", p."categoryId";
  DELETE FROM "ResponsePair" WHERE "responseId" IN (OLD."responseId", NEW."responseId");
  INSERT INTO "ResponsePair" ("responseId", "roundId", "firstId", "secondId")
    SELECT a."responseId", a."roundId", a."projectId", b."projectId"
    FROM "ResponseProject" a JOIN "ResponseProject" b ON b."responseId" = a."responseId" AND b."projectId" > a."projectId"
    WHERE a."responseId" IN (OLD."responseId", NEW."responseId");
END;

-- A project moved to another category: every response that chose it is derived afresh.
CREATE TRIGGER "Project_rollups_after_category_change" AFTER UPDATE OF "categoryId" ON "Project"
WHEN OLD."categoryId" IS NOT NEW."categoryId"
BEGIN
  DELETE FROM "ResponseCategory" WHERE "responseId" IN (SELECT "responseId" FROM "ResponseProject" WHERE "projectId" = NEW."id");
  INSERT INTO "ResponseCategory" ("responseId", "roundId", "categoryId", "kindCode", "kindReview", "kindBugs", "kindDocs", "kindMaintainer")
    SELECT rp."responseId", MIN(rp."roundId"), p."categoryId", MAX(rp."kindCode"), MAX(rp."kindReview"), MAX(rp."kindBugs"), MAX(rp."kindDocs"), MAX(rp."kindMaintainer")
    FROM "ResponseProject" rp JOIN "Project" p ON p."id" = rp."projectId"
    WHERE rp."responseId" IN (SELECT "responseId" FROM "ResponseProject" WHERE "projectId" = NEW."id")
    GROUP BY rp."responseId", p."categoryId";
END;

-- The answers already stored.
INSERT INTO "ResponseCategory" ("responseId", "roundId", "categoryId", "kindCode", "kindReview", "kindBugs", "kindDocs", "kindMaintainer")
    SELECT rp."responseId", MIN(rp."roundId"), p."categoryId", MAX(rp."kindCode"), MAX(rp."kindReview"), MAX(rp."kindBugs"), MAX(rp."kindDocs"), MAX(rp."kindMaintainer")
    FROM "ResponseProject" rp JOIN "Project" p ON p."id" = rp."projectId"
    WHERE 1 = 1
    GROUP BY rp."responseId", p."categoryId";
INSERT INTO "ResponsePair" ("responseId", "roundId", "firstId", "secondId")
    SELECT a."responseId", a."roundId", a."projectId", b."projectId"
    FROM "ResponseProject" a JOIN "ResponseProject" b ON b."responseId" = a."responseId" AND b."projectId" > a."projectId"
    WHERE 1 = 1;
