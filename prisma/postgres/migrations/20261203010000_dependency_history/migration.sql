-- Dependency lists as real files have them, and their history.
--
-- A package is one row, unique by its PEP 503 name ("normalized": lower case, runs of "-", "_", "." as one "-"),
-- so django_compressor and django-compressor are one package; its spelling ("package") follows the latest file
-- and is no longer unique on its own. "variants" keeps every listing of the package (one per Python version or
-- platform marker). "originSource" and "mappingSource" say why origin and projectId hold ("list", "auto",
-- "organiser"), so a reload re-derives only what was derived. Rows stored before keep what they had ("list").
--
-- DependencyLoad records each load (which file, when, what changed) and DependencyListing the list as it stood
-- after it, so a round is compared against the dependencies of its own time. The list stored before this
-- migration becomes one load dated 1970, in force for every earlier round.

DROP INDEX "Dependency_package_key";

ALTER TABLE "Dependency" ADD COLUMN "originSource" TEXT NOT NULL DEFAULT 'auto';
ALTER TABLE "Dependency" ADD COLUMN "mappingSource" TEXT NOT NULL DEFAULT 'auto';
ALTER TABLE "Dependency" ADD COLUMN "variants" TEXT NOT NULL DEFAULT '';

UPDATE "Dependency" SET "originSource" = 'list', "mappingSource" = 'list',
  "normalized" = replace(replace(lower(replace(replace("package", '_', '-'), '.', '-')), '---', '-'), '--', '-');

CREATE TABLE "DependencyLoad" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "source" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "packages" INTEGER NOT NULL,
    "added" INTEGER NOT NULL,
    "updated" INTEGER NOT NULL,
    "dropped" INTEGER NOT NULL,

    CONSTRAINT "DependencyLoad_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "DependencyListing" (
    "loadId" INTEGER NOT NULL,
    "dependencyId" INTEGER NOT NULL,
    "section" TEXT NOT NULL,

    CONSTRAINT "DependencyListing_pkey" PRIMARY KEY ("loadId","dependencyId")
);

CREATE INDEX "DependencyLoad_at_idx" ON "DependencyLoad"("at");
CREATE INDEX "DependencyListing_dependencyId_idx" ON "DependencyListing"("dependencyId");

ALTER TABLE "DependencyListing" ADD CONSTRAINT "DependencyListing_loadId_fkey" FOREIGN KEY ("loadId") REFERENCES "DependencyLoad"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DependencyListing" ADD CONSTRAINT "DependencyListing_dependencyId_fkey" FOREIGN KEY ("dependencyId") REFERENCES "Dependency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "DependencyLoad" ("at", "source", "sha256", "packages", "added", "updated", "dropped")
SELECT TIMESTAMP '1970-01-01 00:00:00', 'list before load history', '', COUNT(*), 0, 0, 0
FROM "Dependency" WHERE "status" = 'active' HAVING COUNT(*) > 0;

INSERT INTO "DependencyListing" ("loadId", "dependencyId", "section")
SELECT l."id", d."id", d."section" FROM "Dependency" d, "DependencyLoad" l WHERE d."status" = 'active';
