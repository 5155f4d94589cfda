-- GitLab as a source (sources/gitlab): accepted GitLab suggestions are entries of source
-- `gitlab`, and the connection of each person is one row.
ALTER TYPE "EvidenceSource" ADD VALUE IF NOT EXISTS 'gitlab';

CREATE TABLE "gitlab_integrations" (
    "user_id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "base_url" TEXT NOT NULL,
    "token_encrypted" TEXT NOT NULL,
    "connected_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_sync_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "sync_started_at" TIMESTAMPTZ(3),

    CONSTRAINT "gitlab_integrations_pkey" PRIMARY KEY ("user_id")
);

ALTER TABLE "gitlab_integrations" ADD CONSTRAINT "gitlab_integrations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
