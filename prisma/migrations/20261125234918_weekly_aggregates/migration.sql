-- CreateTable
CREATE TABLE "weekly_aggregates" (
    "user_id" TEXT NOT NULL,
    "week_start" DATE NOT NULL,
    "ownership" INTEGER NOT NULL,
    "review" INTEGER NOT NULL,
    "proposal" INTEGER NOT NULL,
    "mentoring" INTEGER NOT NULL,
    "communication" INTEGER NOT NULL,
    "unblocking" INTEGER NOT NULL,
    "feedback" INTEGER NOT NULL,
    "entries" INTEGER NOT NULL,
    "acknowledged" INTEGER NOT NULL,
    "last_on" DATE,
    "hands_on_percent" INTEGER,
    "deep_work_blocks" INTEGER,
    "on_leave" BOOLEAN,
    "changed_version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "weekly_aggregates_pkey" PRIMARY KEY ("user_id","week_start")
);

-- CreateIndex
CREATE INDEX "weekly_aggregates_user_id_changed_version_idx" ON "weekly_aggregates"("user_id", "changed_version");

-- AddForeignKey
ALTER TABLE "weekly_aggregates" ADD CONSTRAINT "weekly_aggregates_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The weekly aggregates are kept by triggers, in the same transaction as the write, so no
-- write path (the API's single and batch creates, edits, deletes, restores, imports,
-- acknowledgements, endorsements, check-ins, a cascade when a user goes) can forget them or
-- leave them stale. Statement-level triggers with transition tables: a batch of 5,000
-- entries refreshes each of its (user, week) pairs once, not 5,000 times.
--
-- Logging entries adds the new entries' counts to their weeks (exact, because a new entry
-- has no acknowledgement or endorsement yet), so a create costs the same however many
-- entries its week already holds. Every other write recounts the (user, week) pairs it
-- touched from the base tables (a few entries through the evidence index) rather than
-- adding and subtracting deltas, so it cannot drift. Concurrent writers for one user are serialised by locking the user's row before
-- the recount (the data_version bump does it anyway): under READ COMMITTED each statement
-- of the trigger takes a fresh snapshot, so the recount sees every committed write.
--
-- Function bodies are escape strings with \073 for every semicolon: Prisma's pg adapter
-- runs migration scripts split at each semicolon, quotes or not.

-- The ISO week (its Monday) of a date, whatever the session's time zone or DateStyle.
CREATE FUNCTION "iso_week_start"(d DATE) RETURNS DATE LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS 'SELECT d - (extract(isodow FROM d)::int - 1)';

-- Recounts the given (user, week) pairs (parallel arrays) from the base tables and stamps
-- each recounted row with its owner's data_version (already bumped by the trigger in this
-- transaction). A week that became empty stays as a row of zeros without a check-in rather
-- than being deleted: a reader that holds a person's weeks as of version V then reads only
-- the rows with changed_version > V, deletions included.
CREATE FUNCTION "refresh_weekly_aggregates"(p_users TEXT[], p_weeks DATE[]) RETURNS VOID
LANGUAGE sql VOLATILE AS '
  INSERT INTO "weekly_aggregates" ("user_id", "week_start", "ownership", "review", "proposal",
    "mentoring", "communication", "unblocking", "feedback", "entries", "acknowledged",
    "last_on", "hands_on_percent", "deep_work_blocks", "on_leave", "changed_version")
  SELECT p.user_id, p.week_start, ev.ownership, ev.review, ev.proposal, ev.mentoring,
    ev.communication, ev.unblocking, ev.feedback, ev.entries, ev.acknowledged, ev.last_on,
    c.hands_on_percent, c.deep_work_blocks, c.on_leave, p.data_version
  FROM (
    SELECT DISTINCT t.user_id, t.week_start, u.data_version
    FROM unnest(p_users, p_weeks) AS t(user_id, week_start)
    JOIN "users" u ON u.id = t.user_id
  ) p
  CROSS JOIN LATERAL (
    SELECT
      count(*) FILTER (WHERE ''ownership'' = ANY(e.kinds))::int AS ownership,
      count(*) FILTER (WHERE ''review'' = ANY(e.kinds))::int AS review,
      count(*) FILTER (WHERE ''proposal'' = ANY(e.kinds))::int AS proposal,
      count(*) FILTER (WHERE ''mentoring'' = ANY(e.kinds))::int AS mentoring,
      count(*) FILTER (WHERE ''communication'' = ANY(e.kinds))::int AS communication,
      count(*) FILTER (WHERE ''unblocking'' = ANY(e.kinds))::int AS unblocking,
      count(*) FILTER (WHERE ''feedback'' = ANY(e.kinds))::int AS feedback,
      count(*)::int AS entries,
      count(*) FILTER (
        WHERE EXISTS (SELECT 1 FROM "acknowledgements" a WHERE a.evidence_id = e.id)
           OR EXISTS (SELECT 1 FROM "endorsements" en WHERE en.evidence_id = e.id)
      )::int AS acknowledged,
      max(e.occurred_on) AS last_on
    FROM "evidence" e
    WHERE e.user_id = p.user_id
      AND e.occurred_on >= p.week_start AND e.occurred_on < p.week_start + 7
      AND e.deleted_at IS NULL
  ) ev
  LEFT JOIN "checkins" c ON c.user_id = p.user_id AND c.week_start = p.week_start
  ON CONFLICT ("user_id", "week_start") DO UPDATE SET
    "ownership" = EXCLUDED."ownership", "review" = EXCLUDED."review",
    "proposal" = EXCLUDED."proposal", "mentoring" = EXCLUDED."mentoring",
    "communication" = EXCLUDED."communication", "unblocking" = EXCLUDED."unblocking",
    "feedback" = EXCLUDED."feedback", "entries" = EXCLUDED."entries",
    "acknowledged" = EXCLUDED."acknowledged", "last_on" = EXCLUDED."last_on",
    "hands_on_percent" = EXCLUDED."hands_on_percent",
    "deep_work_blocks" = EXCLUDED."deep_work_blocks", "on_leave" = EXCLUDED."on_leave",
    "changed_version" = EXCLUDED."changed_version"
';

-- The trigger: which (user, week) pairs a statement touched, then lock those users (in id
-- order, so two statements cannot deadlock), bump their data_version (the readiness
-- cache's key) and recount the pairs. An update that changes nothing readiness reads (an
-- entry's title, an acknowledgement's comment) still bumps the owner's version, as before,
-- but recounts nothing.
CREATE FUNCTION "track_weekly_aggregates"() RETURNS trigger LANGUAGE plpgsql AS E'
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

-- These triggers also bump data_version now: the row-level bumps they replace go.
DROP TRIGGER "evidence_bumps_data_version" ON "evidence";
DROP TRIGGER "acknowledgements_bump_data_version" ON "acknowledgements";
DROP TRIGGER "endorsements_bump_data_version" ON "endorsements";
DROP TRIGGER "checkins_bump_data_version" ON "checkins";

-- One trigger per table and event: transition tables allow only one event per trigger.
-- Named <table>_<event>_aggregates.
DO E'
DECLARE
  t TEXT\073
BEGIN
  FOREACH t IN ARRAY ARRAY[''evidence'', ''checkins'', ''acknowledgements'', ''endorsements''] LOOP
    EXECUTE format(''CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows ''
      ''FOR EACH STATEMENT EXECUTE FUNCTION track_weekly_aggregates()'', t || ''_insert_aggregates'', t)\073
    EXECUTE format(''CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows ''
      ''NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION track_weekly_aggregates()'',
      t || ''_update_aggregates'', t)\073
    EXECUTE format(''CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows ''
      ''FOR EACH STATEMENT EXECUTE FUNCTION track_weekly_aggregates()'', t || ''_delete_aggregates'', t)\073
  END LOOP\073
END
';

-- The one-off backfill: every (user, week) that holds an entry or a check-in today.
SELECT refresh_weekly_aggregates(array_agg(x.user_id), array_agg(x.week_start)) FROM (
  SELECT e.user_id, iso_week_start(e.occurred_on) AS week_start FROM "evidence" e
  WHERE e.deleted_at IS NULL
  UNION SELECT c.user_id, c.week_start FROM "checkins" c
) x;
