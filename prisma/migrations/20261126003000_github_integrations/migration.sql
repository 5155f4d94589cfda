-- CreateTable
CREATE TABLE "github_integrations" (
    "user_id" TEXT NOT NULL,
    "login" TEXT NOT NULL,
    "base_url" TEXT NOT NULL,
    "token_encrypted" TEXT NOT NULL,
    "connected_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_sync_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "sync_started_at" TIMESTAMPTZ(3),

    CONSTRAINT "github_integrations_pkey" PRIMARY KEY ("user_id")
);

-- AddForeignKey
ALTER TABLE "github_integrations" ADD CONSTRAINT "github_integrations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

