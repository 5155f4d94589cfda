-- AlterTable
ALTER TABLE "users" ADD COLUMN     "data_version" BIGINT NOT NULL DEFAULT 0;


-- Every change to what readiness reads (a user's evidence, the acknowledgements of that
-- evidence, their check-ins) bumps the user's data_version, so a readiness answer cached
-- under a version is never served after the data changed, whichever process or path
-- wrote it. Triggers, not application code, so no write path can forget.
--
-- The function body is an escape string with \073 for every semicolon: Prisma's pg
-- adapter runs migration scripts split naively at each semicolon, quotes or not.
CREATE FUNCTION "bump_user_data_version"() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  row_user_id TEXT\073
BEGIN
  IF TG_TABLE_NAME = ''acknowledgements'' THEN
    SELECT e.user_id INTO row_user_id FROM "evidence" e
     WHERE e.id = CASE WHEN TG_OP = ''DELETE'' THEN OLD.evidence_id ELSE NEW.evidence_id END\073
  ELSIF TG_OP = ''DELETE'' THEN
    row_user_id := OLD.user_id\073
  ELSE
    row_user_id := NEW.user_id\073
  END IF\073
  UPDATE "users" SET "data_version" = "data_version" + 1 WHERE "id" = row_user_id\073
  RETURN NULL\073
END
';

CREATE TRIGGER "evidence_bumps_data_version" AFTER INSERT OR UPDATE OR DELETE ON "evidence"
  FOR EACH ROW EXECUTE FUNCTION "bump_user_data_version"();
CREATE TRIGGER "acknowledgements_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "acknowledgements"
  FOR EACH ROW EXECUTE FUNCTION "bump_user_data_version"();
CREATE TRIGGER "checkins_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "checkins"
  FOR EACH ROW EXECUTE FUNCTION "bump_user_data_version"();
