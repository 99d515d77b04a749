-- Responses get a public id beside the internal one.
--
-- "id" stays the key every child and derived table references, but new rows now take a time-ordered UUIDv7 so
-- a submission's rows append to the end of those indexes instead of landing on random pages. Because such an id
-- reveals when the response was made, it no longer leaves the server: "publicId", a random UUID, is what
-- exports, the API and the organisers' pages show. Rows stored before this migration keep their random id as
-- their public id too, so every exported file and link stays valid.

-- AlterTable
ALTER TABLE "Response" ADD COLUMN "publicId" TEXT;

UPDATE "Response" SET "publicId" = "id";

-- The UPDATE queued the round counters' deferred triggers (20261202020000_round_versions_at_commit), and a table
-- with pending trigger events cannot be altered: fire them now.
SET CONSTRAINTS ALL IMMEDIATE;

ALTER TABLE "Response" ALTER COLUMN "publicId" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Response_publicId_key" ON "Response"("publicId");
