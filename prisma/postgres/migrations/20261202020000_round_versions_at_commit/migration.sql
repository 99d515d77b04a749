-- A round's change counter now moves at commit instead of at the transaction's first write.
--
-- The statement-level triggers of 20261202000000_summary_snapshots updated the round's "DataVersion" row at the
-- first statement that wrote the round, and PostgreSQL holds a row lock until commit: every other transaction
-- writing that round waited for the whole of the first one (its remaining statements, its round trips, its
-- commit). Deferred constraint triggers move the counter when the transaction commits, once per round and
-- transaction, so the row is held only for the commit itself. Readers still see an answer and the counter move
-- together: both are part of the same commit.
--
-- SQLite needs none of this: it has one writer at a time anyway, and its per-row triggers stay as they are.

DROP TRIGGER "Response_version_after_insert" ON "Response";
DROP TRIGGER "Response_version_after_delete" ON "Response";
DROP TRIGGER "Response_version_after_update" ON "Response";
DROP TRIGGER "ResponseProject_version_after_insert" ON "ResponseProject";
DROP TRIGGER "ResponseProject_version_after_delete" ON "ResponseProject";
DROP TRIGGER "ResponseProject_version_after_update" ON "ResponseProject";
DROP TRIGGER "ResponseTeam_version_after_insert" ON "ResponseTeam";
DROP TRIGGER "ResponseTeam_version_after_delete" ON "ResponseTeam";
DROP TRIGGER "ResponseTeam_version_after_update" ON "ResponseTeam";
DROP FUNCTION "census_bump_round_versions"();
DROP FUNCTION "census_bump_round_versions_on_update"();

-- Fired at commit for each changed row (constraint triggers are row-level only); a transaction-local setting
-- remembers the rounds already counted, so the counter moves once per round and transaction.
CREATE FUNCTION "census_bump_round_version_at_commit"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  round_ids integer[];
  round_id integer;
BEGIN
  IF TG_OP = 'INSERT' THEN
    round_ids := ARRAY[NEW."roundId"];
  ELSIF TG_OP = 'DELETE' THEN
    round_ids := ARRAY[OLD."roundId"];
  ELSE
    -- Both the old and the new round, should a row ever move between rounds.
    round_ids := ARRAY[OLD."roundId", NEW."roundId"];
  END IF;
  FOREACH round_id IN ARRAY round_ids LOOP
    IF current_setting('census.round_version_moved_' || round_id, true) IS DISTINCT FROM 'yes' THEN
      PERFORM set_config('census.round_version_moved_' || round_id, 'yes', true);
      INSERT INTO "DataVersion" ("scope", "version") VALUES ('round:' || round_id, 1)
        ON CONFLICT ("scope") DO UPDATE SET "version" = "DataVersion"."version" + 1;
    END IF;
  END LOOP;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "Response_version_at_commit" AFTER INSERT OR UPDATE OR DELETE ON "Response"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "census_bump_round_version_at_commit"();
CREATE CONSTRAINT TRIGGER "ResponseProject_version_at_commit" AFTER INSERT OR UPDATE OR DELETE ON "ResponseProject"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "census_bump_round_version_at_commit"();
CREATE CONSTRAINT TRIGGER "ResponseTeam_version_at_commit" AFTER INSERT OR UPDATE OR DELETE ON "ResponseTeam"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "census_bump_round_version_at_commit"();
