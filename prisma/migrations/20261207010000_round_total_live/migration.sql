-- The totals as readers read them (lib/db/round-totals.ts). On SQLite the triggers count every answer inside its
-- own transaction, so they are "RoundTotal" itself; on PostgreSQL the same view adds the answers not yet folded
-- into it (prisma/postgres/migrations/20261207010000_new_answers_counted_in_folds).
CREATE VIEW "RoundTotalLive" AS
  SELECT "roundId", "teamId", "cell", "a", "b", "respondents", "keySum" FROM "RoundTotal";
