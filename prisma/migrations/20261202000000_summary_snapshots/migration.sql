-- Stored dashboard figures, and the change counters that say when they are stale. The counters are kept by
-- triggers, so every write path (submissions, edits, imports, deletions, triage, merges, retention) moves
-- them inside its own transaction without knowing about them.

-- CreateTable
CREATE TABLE "DataVersion" (
    "scope" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "SummarySnapshot" (
    "filterKey" TEXT NOT NULL,
    "part" TEXT NOT NULL,
    "stamp" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("filterKey", "part")
);


-- A round's answers changed.

CREATE TRIGGER "Response_version_after_insert" AFTER INSERT ON "Response"
BEGIN
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('round:' || NEW."roundId", 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "Response_version_after_delete" AFTER DELETE ON "Response"
BEGIN
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('round:' || OLD."roundId", 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "Response_version_after_update" AFTER UPDATE ON "Response"
BEGIN
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('round:' || OLD."roundId", 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('round:' || NEW."roundId", 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "ResponseProject_version_after_insert" AFTER INSERT ON "ResponseProject"
BEGIN
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('round:' || NEW."roundId", 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "ResponseProject_version_after_delete" AFTER DELETE ON "ResponseProject"
BEGIN
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('round:' || OLD."roundId", 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "ResponseProject_version_after_update" AFTER UPDATE ON "ResponseProject"
BEGIN
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('round:' || OLD."roundId", 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('round:' || NEW."roundId", 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "ResponseTeam_version_after_insert" AFTER INSERT ON "ResponseTeam"
BEGIN
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('round:' || NEW."roundId", 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "ResponseTeam_version_after_delete" AFTER DELETE ON "ResponseTeam"
BEGIN
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('round:' || OLD."roundId", 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "ResponseTeam_version_after_update" AFTER UPDATE ON "ResponseTeam"
BEGIN
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('round:' || OLD."roundId", 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('round:' || NEW."roundId", 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;


-- Rounds or the catalogue changed (labels, categories, statuses, merges).

CREATE TRIGGER "Round_version_after_insert" AFTER INSERT ON "Round"
BEGIN
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('catalogue', 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "Round_version_after_delete" AFTER DELETE ON "Round"
BEGIN
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('catalogue', 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "Round_version_after_update" AFTER UPDATE ON "Round"
BEGIN
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('catalogue', 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "Project_version_after_insert" AFTER INSERT ON "Project"
BEGIN
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('catalogue', 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "Project_version_after_delete" AFTER DELETE ON "Project"
BEGIN
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('catalogue', 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "Project_version_after_update" AFTER UPDATE ON "Project"
BEGIN
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('catalogue', 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "Category_version_after_insert" AFTER INSERT ON "Category"
BEGIN
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('catalogue', 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "Category_version_after_delete" AFTER DELETE ON "Category"
BEGIN
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('catalogue', 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "Category_version_after_update" AFTER UPDATE ON "Category"
BEGIN
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('catalogue', 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "Team_version_after_insert" AFTER INSERT ON "Team"
BEGIN
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('catalogue', 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "Team_version_after_delete" AFTER DELETE ON "Team"
BEGIN
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('catalogue', 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "Team_version_after_update" AFTER UPDATE ON "Team"
BEGIN
  INSERT INTO "DataVersion" ("scope", "version") VALUES ('catalogue', 1)
    ON CONFLICT ("scope") DO UPDATE SET "version" = "version" + 1;
END;
