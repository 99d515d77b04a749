-- Rows derived from ResponseProject, kept by triggers inside every writing transaction (so no write path can
-- forget them): ResponseCategory, one row per (response, category) with the kinds named there, and ResponsePair,
-- one row per pair of projects a respondent chose together. The dashboard counts them with plain indexed
-- GROUP BYs instead of a distinct-set per category and a self-join of every selection.
-- On PostgreSQL the triggers are per statement: the responses a statement touched are derived afresh, as a set.

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

    CONSTRAINT "ResponseCategory_pkey" PRIMARY KEY ("responseId","categoryId")
);

-- CreateTable
CREATE TABLE "ResponsePair" (
    "responseId" TEXT NOT NULL,
    "roundId" INTEGER NOT NULL,
    "firstId" INTEGER NOT NULL,
    "secondId" INTEGER NOT NULL,

    CONSTRAINT "ResponsePair_pkey" PRIMARY KEY ("responseId","firstId","secondId")
);

-- CreateIndex
CREATE INDEX "ResponseCategory_roundId_categoryId_kindCode_kindReview_kin_idx" ON "ResponseCategory"("roundId", "categoryId", "kindCode", "kindReview", "kindBugs", "kindDocs", "kindMaintainer");

-- CreateIndex
CREATE INDEX "ResponsePair_roundId_firstId_secondId_idx" ON "ResponsePair"("roundId", "firstId", "secondId");

-- Derive the rows of the given responses afresh from their selections.
CREATE FUNCTION "census_derive_response_rollups"("ids" TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
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
    WHERE a."responseId" = ANY ("ids");
END $$;

CREATE FUNCTION "census_rollups_after_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "census_derive_response_rollups"(ARRAY(SELECT DISTINCT "responseId" FROM "changed"));
  RETURN NULL;
END $$;

CREATE FUNCTION "census_rollups_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "census_derive_response_rollups"(
    ARRAY(SELECT "responseId" FROM "before" UNION SELECT "responseId" FROM "after"));
  RETURN NULL;
END $$;

CREATE FUNCTION "census_rollups_after_category_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "census_derive_response_rollups"(
    ARRAY(SELECT DISTINCT "responseId" FROM "ResponseProject" WHERE "projectId" = NEW."id"));
  RETURN NULL;
END $$;

CREATE TRIGGER "ResponseProject_rollups_after_insert" AFTER INSERT ON "ResponseProject"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_rollups_after_change"();
CREATE TRIGGER "ResponseProject_rollups_after_delete" AFTER DELETE ON "ResponseProject"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_rollups_after_change"();
CREATE TRIGGER "ResponseProject_rollups_after_update" AFTER UPDATE ON "ResponseProject"
  REFERENCING OLD TABLE AS "before" NEW TABLE AS "after" FOR EACH STATEMENT EXECUTE FUNCTION "census_rollups_after_update"();
CREATE TRIGGER "Project_rollups_after_category_change" AFTER UPDATE OF "categoryId" ON "Project"
  FOR EACH ROW WHEN (OLD."categoryId" IS DISTINCT FROM NEW."categoryId")
  EXECUTE FUNCTION "census_rollups_after_category_change"();

-- The answers already stored.
INSERT INTO "ResponseCategory" ("responseId", "roundId", "categoryId", "kindCode", "kindReview", "kindBugs", "kindDocs", "kindMaintainer")
    SELECT rp."responseId", MIN(rp."roundId"), p."categoryId", bool_or(rp."kindCode"), bool_or(rp."kindReview"), bool_or(rp."kindBugs"), bool_or(rp."kindDocs"), bool_or(rp."kindMaintainer")
    FROM "ResponseProject" rp JOIN "Project" p ON p."id" = rp."projectId"
    WHERE TRUE
    GROUP BY rp."responseId", p."categoryId";
INSERT INTO "ResponsePair" ("responseId", "roundId", "firstId", "secondId")
    SELECT a."responseId", a."roundId", a."projectId", b."projectId"
    FROM "ResponseProject" a JOIN "ResponseProject" b ON b."responseId" = a."responseId" AND b."projectId" > a."projectId"
    WHERE TRUE;
