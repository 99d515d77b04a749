-- The cell key method (docs/privacy.md). Every response gets a record key: a random integer in 0..255, set by the
-- database when the row is inserted (whatever writes it: the form, an import, the demo, direct SQL), never changed
-- (a trigger refuses), never read except by the counting queries, and never exported or shown. A cell's key is the
-- sum of its respondents' record keys modulo 256, and the fixed perturbation table (lib/survey/perturbation-table.ts)
-- turns (count, cell key) into the published figure.
--
-- RoundTotal keeps, beside each cell's respondents, the sum of their record keys ("keySum"), maintained by the same
-- triggers, so the totals of a live round give the same published figures as counting afresh.
--
-- SQLite adds a column only with a constant default, so "Response" is rebuilt with the random default (the way
-- Prisma redefines a table): every stored response gets its own random key as it is copied. Its indexes and
-- triggers are created again; the totals triggers (which read "Response") are dropped first and created again with
-- "keySum", and the totals are counted afresh at the end.

PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;

DROP TRIGGER "ResponseProject_totals_after_insert";
DROP TRIGGER "ResponseProject_totals_after_delete";
DROP TRIGGER "ResponseProject_totals_after_update";
DROP TRIGGER "ResponsePair_totals_after_insert";
DROP TRIGGER "ResponsePair_totals_after_delete";
DROP TRIGGER "ResponsePair_totals_after_update";
DROP TRIGGER "ResponseCategory_totals_after_insert";
DROP TRIGGER "ResponseCategory_totals_after_delete";
DROP TRIGGER "ResponseCategory_totals_after_kinds_update";
DROP TRIGGER "ResponseCategory_totals_after_update";
DROP TRIGGER "ResponseTeam_totals_after_insert";
DROP TRIGGER "ResponseTeam_totals_after_delete";
DROP TRIGGER "ResponseTeam_totals_after_update";

CREATE TABLE "new_Response" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" INTEGER NOT NULL,
    "editTokenHash" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'web',
    "importKey" TEXT,
    "notOpenStackContributor" BOOLEAN NOT NULL DEFAULT false,
    "yearsContributing" INTEGER,
    "employerPaid" TEXT,
    "comment" TEXT,
    "projectCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "publicId" TEXT NOT NULL DEFAULT '',
    "nothingOutsideOpenStack" BOOLEAN NOT NULL DEFAULT false,
    "isComplete" BOOLEAN NOT NULL DEFAULT true,
    -- random() & 255: uniform on 0..255 (two's complement keeps the low bits uniform for negative values too).
    "recordKey" INTEGER NOT NULL DEFAULT (random() & 255),
    CONSTRAINT "Response_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Response" ("id", "roundId", "editTokenHash", "source", "importKey", "notOpenStackContributor", "yearsContributing", "employerPaid", "comment", "projectCount", "createdAt", "updatedAt", "publicId", "nothingOutsideOpenStack", "isComplete") SELECT "id", "roundId", "editTokenHash", "source", "importKey", "notOpenStackContributor", "yearsContributing", "employerPaid", "comment", "projectCount", "createdAt", "updatedAt", "publicId", "nothingOutsideOpenStack", "isComplete" FROM "Response";
DROP TABLE "Response";
ALTER TABLE "new_Response" RENAME TO "Response";

CREATE UNIQUE INDEX "Response_editTokenHash_key" ON "Response"("editTokenHash");
CREATE INDEX "Response_roundId_createdAt_idx" ON "Response"("roundId", "createdAt");
CREATE INDEX "Response_roundId_employerPaid_idx" ON "Response"("roundId", "employerPaid");
CREATE UNIQUE INDEX "Response_roundId_importKey_key" ON "Response"("roundId", "importKey");
CREATE UNIQUE INDEX "Response_publicId_key" ON "Response"("publicId");
CREATE INDEX "Response_roundId_isComplete_idx" ON "Response"("roundId", "isComplete");

-- As created by 20261202000000_summary_snapshots.
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

-- As created by 20261203055000_round_totals.
CREATE TRIGGER "Response_delete_rows_first" BEFORE DELETE ON "Response"
BEGIN
  DELETE FROM "ResponseProject" WHERE "responseId" = OLD."id";
  DELETE FROM "ResponseTeam" WHERE "responseId" = OLD."id";
END;

-- A record key never changes: a new key would give every cell of the response a new cell key, and comparing the
-- figures before and after would tell which cells the response is in.
CREATE TRIGGER "Response_record_key_never_changes" BEFORE UPDATE OF "recordKey" ON "Response"
WHEN OLD."recordKey" IS NOT NEW."recordKey"
BEGIN
  SELECT RAISE(ABORT, 'a response''s record key never changes');
END;

ALTER TABLE "RoundTotal" ADD COLUMN "keySum" INTEGER NOT NULL DEFAULT 0;

-- The totals triggers of 20261203055000_round_totals, each adding the record key of the response beside its 1 or -1.
CREATE TRIGGER "Response_totals_after_insert" AFTER INSERT ON "Response"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT NEW."roundId", s."teamId", c."cell", c."a", 0, 1, NEW."recordKey"
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."id") s
    CROSS JOIN (SELECT 'n' AS "cell", 0 AS "a" UNION ALL SELECT 'bin', NEW."projectCount"
      UNION ALL SELECT 'day', CAST(replace(substr(NEW."createdAt", 1, 10), '-', '') AS INTEGER)) c
    WHERE NEW."isComplete"
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

CREATE TRIGGER "Response_totals_after_delete" AFTER DELETE ON "Response"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT OLD."roundId", s."teamId", c."cell", c."a", 0, -1, -OLD."recordKey"
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."id") s
    CROSS JOIN (SELECT 'n' AS "cell", 0 AS "a" UNION ALL SELECT 'bin', OLD."projectCount"
      UNION ALL SELECT 'day', CAST(replace(substr(OLD."createdAt", 1, 10), '-', '') AS INTEGER)) c
    WHERE OLD."isComplete"
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

CREATE TRIGGER "Response_totals_after_update" AFTER UPDATE ON "Response"
WHEN OLD."isComplete" AND NEW."isComplete" AND (OLD."projectCount" IS NOT NEW."projectCount"
  OR OLD."createdAt" IS NOT NEW."createdAt" OR OLD."roundId" IS NOT NEW."roundId" OR OLD."id" IS NOT NEW."id")
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT OLD."roundId", s."teamId", c."cell", c."a", 0, -1, -OLD."recordKey"
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."id") s
    CROSS JOIN (SELECT 'n' AS "cell", 0 AS "a" UNION ALL SELECT 'bin', OLD."projectCount"
      UNION ALL SELECT 'day', CAST(replace(substr(OLD."createdAt", 1, 10), '-', '') AS INTEGER)) c
    WHERE OLD."isComplete"
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT NEW."roundId", s."teamId", c."cell", c."a", 0, 1, NEW."recordKey"
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."id") s
    CROSS JOIN (SELECT 'n' AS "cell", 0 AS "a" UNION ALL SELECT 'bin', NEW."projectCount"
      UNION ALL SELECT 'day', CAST(replace(substr(NEW."createdAt", 1, 10), '-', '') AS INTEGER)) c
    WHERE NEW."isComplete"
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

CREATE TRIGGER "Response_totals_after_completeness_change" AFTER UPDATE OF "isComplete" ON "Response"
WHEN OLD."isComplete" IS NOT NEW."isComplete"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT c."roundId", s."teamId", c."cell", c."a", c."b", -1, -OLD."recordKey"
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
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT c."roundId", s."teamId", c."cell", c."a", c."b", 1, NEW."recordKey"
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
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

CREATE TRIGGER "ResponseProject_totals_after_insert" AFTER INSERT ON "ResponseProject"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT NEW."roundId", s."teamId", 'project', NEW."projectId", 0, 1, (SELECT "recordKey" FROM "Response" WHERE "id" = NEW."responseId")
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId") s
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = NEW."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

CREATE TRIGGER "ResponseProject_totals_after_delete" AFTER DELETE ON "ResponseProject"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT OLD."roundId", s."teamId", 'project', OLD."projectId", 0, -1, -(SELECT "recordKey" FROM "Response" WHERE "id" = OLD."responseId")
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."responseId") s
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = OLD."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

CREATE TRIGGER "ResponseProject_totals_after_update" AFTER UPDATE ON "ResponseProject"
WHEN OLD."projectId" IS NOT NEW."projectId" OR OLD."responseId" IS NOT NEW."responseId" OR OLD."roundId" IS NOT NEW."roundId"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT OLD."roundId", s."teamId", 'project', OLD."projectId", 0, -1, -(SELECT "recordKey" FROM "Response" WHERE "id" = OLD."responseId")
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."responseId") s
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = OLD."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT NEW."roundId", s."teamId", 'project', NEW."projectId", 0, 1, (SELECT "recordKey" FROM "Response" WHERE "id" = NEW."responseId")
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId") s
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = NEW."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

CREATE TRIGGER "ResponsePair_totals_after_insert" AFTER INSERT ON "ResponsePair"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT NEW."roundId", s."teamId", 'pair', NEW."firstId", NEW."secondId", 1, (SELECT "recordKey" FROM "Response" WHERE "id" = NEW."responseId")
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId") s
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = NEW."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

CREATE TRIGGER "ResponsePair_totals_after_delete" AFTER DELETE ON "ResponsePair"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT OLD."roundId", s."teamId", 'pair', OLD."firstId", OLD."secondId", -1, -(SELECT "recordKey" FROM "Response" WHERE "id" = OLD."responseId")
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."responseId") s
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = OLD."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

CREATE TRIGGER "ResponsePair_totals_after_update" AFTER UPDATE ON "ResponsePair"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT OLD."roundId", s."teamId", 'pair', OLD."firstId", OLD."secondId", -1, -(SELECT "recordKey" FROM "Response" WHERE "id" = OLD."responseId")
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."responseId") s
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = OLD."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT NEW."roundId", s."teamId", 'pair', NEW."firstId", NEW."secondId", 1, (SELECT "recordKey" FROM "Response" WHERE "id" = NEW."responseId")
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId") s
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = NEW."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

CREATE TRIGGER "ResponseCategory_totals_after_insert" AFTER INSERT ON "ResponseCategory"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT NEW."roundId", s."teamId", c."cell", c."a", c."b", 1, (SELECT "recordKey" FROM "Response" WHERE "id" = NEW."responseId")
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
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

CREATE TRIGGER "ResponseCategory_totals_after_delete" AFTER DELETE ON "ResponseCategory"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT OLD."roundId", s."teamId", c."cell", c."a", c."b", -1, -(SELECT "recordKey" FROM "Response" WHERE "id" = OLD."responseId")
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
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

CREATE TRIGGER "ResponseCategory_totals_after_kinds_update" AFTER UPDATE ON "ResponseCategory"
WHEN OLD."responseId" IS NEW."responseId" AND OLD."categoryId" IS NEW."categoryId" AND OLD."roundId" IS NEW."roundId"
  AND (OLD."kindCode" IS NOT NEW."kindCode" OR OLD."kindReview" IS NOT NEW."kindReview" OR OLD."kindBugs" IS NOT NEW."kindBugs"
    OR OLD."kindDocs" IS NOT NEW."kindDocs" OR OLD."kindMaintainer" IS NOT NEW."kindMaintainer")
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT NEW."roundId", s."teamId", 'kind', NEW."categoryId", k."b", k."delta", k."delta" * (SELECT "recordKey" FROM "Response" WHERE "id" = NEW."responseId")
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId") s
    CROSS JOIN (
      SELECT 0 AS "b", NEW."kindCode" - OLD."kindCode" AS "delta"
      UNION ALL SELECT 1, NEW."kindReview" - OLD."kindReview"
      UNION ALL SELECT 2, NEW."kindBugs" - OLD."kindBugs"
      UNION ALL SELECT 3, NEW."kindDocs" - OLD."kindDocs"
      UNION ALL SELECT 4, NEW."kindMaintainer" - OLD."kindMaintainer") k
    WHERE k."delta" <> 0 AND EXISTS (SELECT 1 FROM "Response" WHERE "id" = NEW."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

CREATE TRIGGER "ResponseCategory_totals_after_update" AFTER UPDATE ON "ResponseCategory"
WHEN OLD."responseId" IS NOT NEW."responseId" OR OLD."categoryId" IS NOT NEW."categoryId" OR OLD."roundId" IS NOT NEW."roundId"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT OLD."roundId", s."teamId", c."cell", c."a", c."b", -1, -(SELECT "recordKey" FROM "Response" WHERE "id" = OLD."responseId")
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
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT NEW."roundId", s."teamId", c."cell", c."a", c."b", 1, (SELECT "recordKey" FROM "Response" WHERE "id" = NEW."responseId")
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
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

CREATE TRIGGER "ResponseTeam_totals_after_insert" AFTER INSERT ON "ResponseTeam"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT c."roundId", s."teamId", c."cell", c."a", c."b", 1, (SELECT "recordKey" FROM "Response" WHERE "id" = NEW."responseId")
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId" AND "teamId" <> NEW."teamId") s
    CROSS JOIN (
      SELECT NEW."roundId" AS "roundId", 'team' AS "cell", NEW."teamId" AS "a", 0 AS "b"
      UNION ALL SELECT "roundId", 'team-category', NEW."teamId", "categoryId" FROM "ResponseCategory" WHERE "responseId" = NEW."responseId") c
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = NEW."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT c."roundId", NEW."teamId", c."cell", c."a", c."b", 1, (SELECT "recordKey" FROM "Response" WHERE "id" = NEW."responseId")
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
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

CREATE TRIGGER "ResponseTeam_totals_after_delete" AFTER DELETE ON "ResponseTeam"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT c."roundId", s."teamId", c."cell", c."a", c."b", -1, -(SELECT "recordKey" FROM "Response" WHERE "id" = OLD."responseId")
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."responseId") s
    CROSS JOIN (
      SELECT OLD."roundId" AS "roundId", 'team' AS "cell", OLD."teamId" AS "a", 0 AS "b"
      UNION ALL SELECT "roundId", 'team-category', OLD."teamId", "categoryId" FROM "ResponseCategory" WHERE "responseId" = OLD."responseId") c
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = OLD."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT c."roundId", OLD."teamId", c."cell", c."a", c."b", -1, -(SELECT "recordKey" FROM "Response" WHERE "id" = OLD."responseId")
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
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

CREATE TRIGGER "ResponseTeam_totals_after_update" AFTER UPDATE ON "ResponseTeam"
BEGIN
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT c."roundId", s."teamId", c."cell", c."a", c."b", -1, -(SELECT "recordKey" FROM "Response" WHERE "id" = OLD."responseId")
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = OLD."responseId" AND NOT ("responseId" = NEW."responseId" AND "teamId" = NEW."teamId")) s
    CROSS JOIN (
      SELECT OLD."roundId" AS "roundId", 'team' AS "cell", OLD."teamId" AS "a", 0 AS "b"
      UNION ALL SELECT "roundId", 'team-category', OLD."teamId", "categoryId" FROM "ResponseCategory" WHERE "responseId" = OLD."responseId") c
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = OLD."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT c."roundId", OLD."teamId", c."cell", c."a", c."b", -1, -(SELECT "recordKey" FROM "Response" WHERE "id" = OLD."responseId")
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
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT c."roundId", s."teamId", c."cell", c."a", c."b", 1, (SELECT "recordKey" FROM "Response" WHERE "id" = NEW."responseId")
    FROM (SELECT 0 AS "teamId" UNION ALL SELECT "teamId" FROM "ResponseTeam" WHERE "responseId" = NEW."responseId" AND "teamId" <> NEW."teamId") s
    CROSS JOIN (
      SELECT NEW."roundId" AS "roundId", 'team' AS "cell", NEW."teamId" AS "a", 0 AS "b"
      UNION ALL SELECT "roundId", 'team-category', NEW."teamId", "categoryId" FROM "ResponseCategory" WHERE "responseId" = NEW."responseId") c
    WHERE EXISTS (SELECT 1 FROM "Response" WHERE "id" = NEW."responseId" AND "isComplete")
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
  INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
    SELECT c."roundId", NEW."teamId", c."cell", c."a", c."b", 1, (SELECT "recordKey" FROM "Response" WHERE "id" = NEW."responseId")
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
    ON CONFLICT ("roundId", "teamId", "cell", "a", "b") DO UPDATE SET "respondents" = "respondents" + excluded."respondents", "keySum" = "keySum" + excluded."keySum";
END;

-- The answers already stored, counted afresh with their new keys.
DELETE FROM "RoundTotal";
INSERT INTO "RoundTotal" ("roundId", "teamId", "cell", "a", "b", "respondents", "keySum")
  SELECT c."roundId", s."teamId", c."cell", c."a", c."b", COUNT(*), SUM(s."recordKey")
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
  JOIN (SELECT "id" AS "responseId", 0 AS "teamId", "recordKey" FROM "Response" WHERE "isComplete"
    UNION ALL SELECT rt."responseId", rt."teamId", r."recordKey" FROM "ResponseTeam" rt JOIN "Response" r ON r."id" = rt."responseId" WHERE r."isComplete") s
    ON s."responseId" = c."responseId"
  GROUP BY c."roundId", s."teamId", c."cell", c."a", c."b";

-- Whether the results show a round's figures while it is open; off by default (docs/privacy.md: open rounds). Rounds
-- already stored take the default too: an open round's figures now appear once it closes, unless an organiser
-- chooses otherwise in the round admin.
ALTER TABLE "Round" ADD COLUMN "publishWhileOpen" BOOLEAN NOT NULL DEFAULT false;

PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
