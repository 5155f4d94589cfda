-- The evidence page is kept serialised per owner and data_version (apps/api
-- lib/body-cache.ts), and each acknowledgement and endorsement on it shows who made it, by
-- name: renaming someone bumps the data_version of every owner of an entry they
-- acknowledged or endorsed, so no page keeps the old name. Owners are locked in id order,
-- as the weekly aggregates' trigger does. (Semicolons inside the body are written \073:
-- Prisma's pg adapter splits scripts at every semicolon.)
CREATE OR REPLACE FUNCTION "bump_owners_on_rename"() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  owners TEXT[]\073
BEGIN
  SELECT array_agg(DISTINCT x.user_id) INTO owners FROM (
    SELECT e.user_id FROM "acknowledgements" a JOIN "evidence" e ON e.id = a.evidence_id
     WHERE a.by_id = NEW.id
    UNION ALL
    SELECT e.user_id FROM "endorsements" n JOIN "evidence" e ON e.id = n.evidence_id
     WHERE n.by_id = NEW.id
  ) x\073
  IF owners IS NULL THEN
    RETURN NULL\073
  END IF\073
  PERFORM 1 FROM "users" WHERE id = ANY(owners) ORDER BY id FOR NO KEY UPDATE\073
  UPDATE "users" SET "data_version" = "data_version" + 1 WHERE id = ANY(owners)\073
  RETURN NULL\073
END
';

CREATE TRIGGER "users_rename_bumps_evidence_owners" AFTER UPDATE OF "name" ON "users"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name")
  EXECUTE FUNCTION "bump_owners_on_rename"();
