-- Stored dashboard figures, and the change counters that say when they are stale. The counters are kept by
-- statement-level triggers, so every write path (submissions, edits, imports, deletions, triage, merges,
-- retention) moves them inside its own transaction without knowing about them, once per statement and round
-- rather than once per row.

-- CreateTable
CREATE TABLE "DataVersion" (
    "scope" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DataVersion_pkey" PRIMARY KEY ("scope")
);

-- CreateTable
CREATE TABLE "SummarySnapshot" (
    "filterKey" TEXT NOT NULL,
    "part" TEXT NOT NULL,
    "stamp" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SummarySnapshot_pkey" PRIMARY KEY ("filterKey","part")
);

-- A round's answers changed: the rows a statement inserted or deleted are in its transition table "changed".
CREATE FUNCTION "census_bump_round_versions"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "DataVersion" ("scope", "version")
    SELECT DISTINCT 'round:' || "roundId", 1 FROM "changed"
    ON CONFLICT ("scope") DO UPDATE SET "version" = "DataVersion"."version" + 1;
  RETURN NULL;
END $$;

-- An update: both the old and the new round, should a row ever move between rounds.
CREATE FUNCTION "census_bump_round_versions_on_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "DataVersion" ("scope", "version")
    SELECT 'round:' || "roundId", 1 FROM (SELECT "roundId" FROM "before" UNION SELECT "roundId" FROM "after") AS touched
    ON CONFLICT ("scope") DO UPDATE SET "version" = "DataVersion"."version" + 1;
  RETURN NULL;
END $$;

-- Rounds or the catalogue changed (labels, categories, statuses, merges).
CREATE FUNCTION "census_bump_catalogue_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('catalogue', 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "DataVersion"."version" + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER "Response_version_after_insert" AFTER INSERT ON "Response"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_bump_round_versions"();
CREATE TRIGGER "Response_version_after_delete" AFTER DELETE ON "Response"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_bump_round_versions"();
CREATE TRIGGER "Response_version_after_update" AFTER UPDATE ON "Response"
  REFERENCING OLD TABLE AS "before" NEW TABLE AS "after" FOR EACH STATEMENT EXECUTE FUNCTION "census_bump_round_versions_on_update"();

CREATE TRIGGER "ResponseProject_version_after_insert" AFTER INSERT ON "ResponseProject"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_bump_round_versions"();
CREATE TRIGGER "ResponseProject_version_after_delete" AFTER DELETE ON "ResponseProject"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_bump_round_versions"();
CREATE TRIGGER "ResponseProject_version_after_update" AFTER UPDATE ON "ResponseProject"
  REFERENCING OLD TABLE AS "before" NEW TABLE AS "after" FOR EACH STATEMENT EXECUTE FUNCTION "census_bump_round_versions_on_update"();

CREATE TRIGGER "ResponseTeam_version_after_insert" AFTER INSERT ON "ResponseTeam"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_bump_round_versions"();
CREATE TRIGGER "ResponseTeam_version_after_delete" AFTER DELETE ON "ResponseTeam"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "census_bump_round_versions"();
CREATE TRIGGER "ResponseTeam_version_after_update" AFTER UPDATE ON "ResponseTeam"
  REFERENCING OLD TABLE AS "before" NEW TABLE AS "after" FOR EACH STATEMENT EXECUTE FUNCTION "census_bump_round_versions_on_update"();

CREATE TRIGGER "Round_version_after_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Round"
  FOR EACH STATEMENT EXECUTE FUNCTION "census_bump_catalogue_version"();

CREATE TRIGGER "Project_version_after_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Project"
  FOR EACH STATEMENT EXECUTE FUNCTION "census_bump_catalogue_version"();

CREATE TRIGGER "Category_version_after_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Category"
  FOR EACH STATEMENT EXECUTE FUNCTION "census_bump_catalogue_version"();

CREATE TRIGGER "Team_version_after_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Team"
  FOR EACH STATEMENT EXECUTE FUNCTION "census_bump_catalogue_version"();
