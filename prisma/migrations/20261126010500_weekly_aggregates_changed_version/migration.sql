-- AlterTable
ALTER TABLE "weekly_aggregates" ADD COLUMN     "changed_version" BIGINT NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "weekly_aggregates_user_id_changed_version_idx" ON "weekly_aggregates"("user_id", "changed_version");


-- The refresh now stamps each recounted row with its owner's data_version (already bumped
-- by the trigger in this transaction), and keeps a week that became empty as a row of zeros
-- without a check-in rather than deleting it: a reader that holds a person's weeks as of
-- version V then reads only the rows with changed_version > V, deletions included.
CREATE OR REPLACE FUNCTION "refresh_weekly_aggregates"(p_users TEXT[], p_weeks DATE[]) RETURNS VOID
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

-- Stamp the rows the first migration backfilled.
UPDATE "weekly_aggregates" w SET "changed_version" = u."data_version"
FROM "users" u WHERE u.id = w.user_id;
