-- Freshness (apps/api/src/freshness): every trigger that bumps users.data_version, the
-- version each per-process cache is keyed by, defined here together, so one file says
-- what changes a person's data version, and apps/api/src/freshness/triggers.ts declares the
-- same list and tests/api/freshness-triggers.test.ts compares it with pg_trigger. The
-- functions and triggers were spread over three migrations (readiness_data_version,
-- rest_of_the_role, weekly_aggregates, evidence_page_names), and are replaced here as
-- they were, except that bump_user_data_version keeps only the branch its one remaining
-- trigger (working_agreements) runs. (Semicolons inside the bodies are written \073:
-- Prisma's pg adapter splits scripts at every semicolon.)

-- Entries, check-ins, acknowledgements and endorsements: per statement, the (user, week)
-- pairs it touched: their owners are locked in id order, their data_version bumped, and
-- the pairs recounted into weekly_aggregates (see the weekly_aggregates migration).
CREATE OR REPLACE FUNCTION "track_weekly_aggregates"() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  owners TEXT[]\073
  users_of TEXT[]\073
  weeks_of DATE[]\073
BEGIN
  IF TG_TABLE_NAME = ''evidence'' AND TG_OP = ''INSERT'' THEN
    -- New entries carry no acknowledgement or endorsement yet: their counts are added to
    -- the week (a constant cost however many entries the week holds), no recount.
    SELECT array_agg(DISTINCT n.user_id) INTO owners FROM new_rows n\073
    IF owners IS NULL THEN
      RETURN NULL\073
    END IF\073
    PERFORM 1 FROM "users" WHERE id = ANY(owners) ORDER BY id FOR NO KEY UPDATE\073
    UPDATE "users" SET "data_version" = "data_version" + 1 WHERE id = ANY(owners)\073
    INSERT INTO "weekly_aggregates" ("user_id", "week_start", "ownership", "review",
      "proposal", "mentoring", "communication", "unblocking", "feedback", "entries",
      "acknowledged", "last_on", "changed_version")
    SELECT n.user_id, iso_week_start(n.occurred_on),
      count(*) FILTER (WHERE ''ownership'' = ANY(n.kinds))::int,
      count(*) FILTER (WHERE ''review'' = ANY(n.kinds))::int,
      count(*) FILTER (WHERE ''proposal'' = ANY(n.kinds))::int,
      count(*) FILTER (WHERE ''mentoring'' = ANY(n.kinds))::int,
      count(*) FILTER (WHERE ''communication'' = ANY(n.kinds))::int,
      count(*) FILTER (WHERE ''unblocking'' = ANY(n.kinds))::int,
      count(*) FILTER (WHERE ''feedback'' = ANY(n.kinds))::int,
      count(*)::int, 0, max(n.occurred_on), u.data_version
    FROM new_rows n JOIN "users" u ON u.id = n.user_id
    WHERE n.deleted_at IS NULL
    GROUP BY n.user_id, iso_week_start(n.occurred_on), u.data_version
    ON CONFLICT ("user_id", "week_start") DO UPDATE SET
      "ownership" = "weekly_aggregates"."ownership" + EXCLUDED."ownership",
      "review" = "weekly_aggregates"."review" + EXCLUDED."review",
      "proposal" = "weekly_aggregates"."proposal" + EXCLUDED."proposal",
      "mentoring" = "weekly_aggregates"."mentoring" + EXCLUDED."mentoring",
      "communication" = "weekly_aggregates"."communication" + EXCLUDED."communication",
      "unblocking" = "weekly_aggregates"."unblocking" + EXCLUDED."unblocking",
      "feedback" = "weekly_aggregates"."feedback" + EXCLUDED."feedback",
      "entries" = "weekly_aggregates"."entries" + EXCLUDED."entries",
      "last_on" = greatest("weekly_aggregates"."last_on", EXCLUDED."last_on"),
      "changed_version" = EXCLUDED."changed_version"\073
    RETURN NULL\073
  END IF\073
  IF TG_TABLE_NAME = ''evidence'' THEN
    IF TG_OP = ''INSERT'' THEN
      SELECT array_agg(n.user_id), array_agg(iso_week_start(n.occurred_on))
        INTO users_of, weeks_of FROM new_rows n\073
      owners := users_of\073
    ELSIF TG_OP = ''DELETE'' THEN
      SELECT array_agg(o.user_id), array_agg(iso_week_start(o.occurred_on))
        INTO users_of, weeks_of FROM old_rows o\073
      owners := users_of\073
    ELSE
      SELECT array_agg(DISTINCT n.user_id) INTO owners FROM new_rows n\073
      SELECT array_agg(x.user_id), array_agg(x.week_start) INTO users_of, weeks_of FROM (
        SELECT o.user_id, iso_week_start(o.occurred_on) AS week_start
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE (o.user_id, o.occurred_on, o.kinds, o.deleted_at IS NULL)
          IS DISTINCT FROM (n.user_id, n.occurred_on, n.kinds, n.deleted_at IS NULL)
        UNION
        SELECT n.user_id, iso_week_start(n.occurred_on)
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE (o.user_id, o.occurred_on, o.kinds, o.deleted_at IS NULL)
          IS DISTINCT FROM (n.user_id, n.occurred_on, n.kinds, n.deleted_at IS NULL)
      ) x\073
    END IF\073
  ELSIF TG_TABLE_NAME = ''checkins'' THEN
    IF TG_OP = ''INSERT'' THEN
      SELECT array_agg(n.user_id), array_agg(n.week_start) INTO users_of, weeks_of
        FROM new_rows n\073
    ELSIF TG_OP = ''DELETE'' THEN
      SELECT array_agg(o.user_id), array_agg(o.week_start) INTO users_of, weeks_of
        FROM old_rows o\073
    ELSE
      SELECT array_agg(x.user_id), array_agg(x.week_start) INTO users_of, weeks_of FROM (
        SELECT o.user_id, o.week_start FROM old_rows o
        UNION SELECT n.user_id, n.week_start FROM new_rows n
      ) x\073
    END IF\073
    owners := users_of\073
  ELSE
    -- acknowledgements and endorsements: the week of the entry they are about. An entry
    -- deleted in the same statement (a cascade) is gone here: its own trigger recounts.
    IF TG_OP = ''INSERT'' THEN
      SELECT array_agg(e.user_id), array_agg(iso_week_start(e.occurred_on))
        INTO users_of, weeks_of FROM new_rows n JOIN "evidence" e ON e.id = n.evidence_id\073
    ELSIF TG_OP = ''DELETE'' THEN
      SELECT array_agg(e.user_id), array_agg(iso_week_start(e.occurred_on))
        INTO users_of, weeks_of FROM old_rows o JOIN "evidence" e ON e.id = o.evidence_id\073
    ELSE
      SELECT array_agg(e.user_id), array_agg(iso_week_start(e.occurred_on))
        INTO users_of, weeks_of FROM (
          SELECT o.evidence_id FROM old_rows o UNION SELECT n.evidence_id FROM new_rows n
        ) x JOIN "evidence" e ON e.id = x.evidence_id\073
    END IF\073
    owners := users_of\073
  END IF\073
  IF owners IS NULL THEN
    RETURN NULL\073
  END IF\073
  PERFORM 1 FROM "users" WHERE id = ANY(owners) ORDER BY id FOR NO KEY UPDATE\073
  UPDATE "users" SET "data_version" = "data_version" + 1 WHERE id = ANY(owners)\073
  IF users_of IS NOT NULL THEN
    PERFORM refresh_weekly_aggregates(users_of, weeks_of)\073
  END IF\073
  RETURN NULL\073
END
';

-- The working agreement feeds unclear-em-boundary: its lead's data_version.
CREATE OR REPLACE FUNCTION "bump_user_data_version"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''DELETE'' THEN
    UPDATE "users" SET "data_version" = "data_version" + 1 WHERE "id" = OLD.user_id\073
  ELSE
    UPDATE "users" SET "data_version" = "data_version" + 1 WHERE "id" = NEW.user_id\073
  END IF\073
  RETURN NULL\073
END
';

-- A rename shows on every evidence page holding an acknowledgement or endorsement by
-- that person: their owners' data_version.
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

-- The triggers, one per table and event (transition tables allow one event per trigger).
CREATE OR REPLACE TRIGGER "evidence_insert_aggregates" AFTER INSERT ON "evidence"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "track_weekly_aggregates"();
CREATE OR REPLACE TRIGGER "evidence_update_aggregates" AFTER UPDATE ON "evidence"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "track_weekly_aggregates"();
CREATE OR REPLACE TRIGGER "evidence_delete_aggregates" AFTER DELETE ON "evidence"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "track_weekly_aggregates"();
CREATE OR REPLACE TRIGGER "checkins_insert_aggregates" AFTER INSERT ON "checkins"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "track_weekly_aggregates"();
CREATE OR REPLACE TRIGGER "checkins_update_aggregates" AFTER UPDATE ON "checkins"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "track_weekly_aggregates"();
CREATE OR REPLACE TRIGGER "checkins_delete_aggregates" AFTER DELETE ON "checkins"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "track_weekly_aggregates"();
CREATE OR REPLACE TRIGGER "acknowledgements_insert_aggregates" AFTER INSERT ON "acknowledgements"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "track_weekly_aggregates"();
CREATE OR REPLACE TRIGGER "acknowledgements_update_aggregates" AFTER UPDATE ON "acknowledgements"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "track_weekly_aggregates"();
CREATE OR REPLACE TRIGGER "acknowledgements_delete_aggregates" AFTER DELETE ON "acknowledgements"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "track_weekly_aggregates"();
CREATE OR REPLACE TRIGGER "endorsements_insert_aggregates" AFTER INSERT ON "endorsements"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "track_weekly_aggregates"();
CREATE OR REPLACE TRIGGER "endorsements_update_aggregates" AFTER UPDATE ON "endorsements"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "track_weekly_aggregates"();
CREATE OR REPLACE TRIGGER "endorsements_delete_aggregates" AFTER DELETE ON "endorsements"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "track_weekly_aggregates"();
CREATE OR REPLACE TRIGGER "working_agreements_bump_data_version"
  AFTER INSERT OR UPDATE OR DELETE ON "working_agreements"
  FOR EACH ROW EXECUTE FUNCTION "bump_user_data_version"();
CREATE OR REPLACE TRIGGER "users_rename_bumps_evidence_owners" AFTER UPDATE OF "name" ON "users"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name")
  EXECUTE FUNCTION "bump_owners_on_rename"();
