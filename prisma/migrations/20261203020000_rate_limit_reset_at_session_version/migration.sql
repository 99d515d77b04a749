-- Rate-limit windows end at an integer (milliseconds since the epoch), so the limiter's single counting statement
-- compares them in SQL the same way on SQLite and PostgreSQL. The counters are short-lived: the old ones are
-- dropped rather than converted.
DROP TABLE "RateLimit";

CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL,
    "resetAt" BIGINT NOT NULL
);

CREATE INDEX "RateLimit_resetAt_idx" ON "RateLimit"("resetAt");

-- An organiser's sessions carry this number; moving it ends all of them at once.
ALTER TABLE "Organiser" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
