-- Logging entries no longer recounts their week: an INSERT on evidence adds the new
-- entries' counts to their weeks (ON CONFLICT DO UPDATE with sums, exact because a new
-- entry has no acknowledgement or endorsement yet), so the cost of a create does not grow
-- with the entries its week already holds (16 creates in flight into one week recounted
-- it each time). Every other write still recounts the pairs it touched.

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
