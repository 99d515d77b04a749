-- Responses get a public id beside the internal one.
--
-- "id" stays the key every child and derived table references, but new rows now take a time-ordered UUIDv7 so
-- a submission's rows append to the end of those indexes instead of landing on random pages. Because such an id
-- reveals when the response was made, it no longer leaves the server: "publicId", a random UUID, is what
-- exports, the API and the organisers' pages show. Rows stored before this migration keep their random id as
-- their public id too, so every exported file and link stays valid.
--
-- SQLite adds a NOT NULL column only with a default; the empty string is never a valid public id and the unique
-- index admits it once at most, so a write path that forgot the column would fail instead of storing a blank.

-- AlterTable
ALTER TABLE "Response" ADD COLUMN "publicId" TEXT NOT NULL DEFAULT '';

UPDATE "Response" SET "publicId" = "id";

-- CreateIndex
CREATE UNIQUE INDEX "Response_publicId_key" ON "Response"("publicId");
