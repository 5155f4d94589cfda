-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "mail_attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "mail_claimed_at" TIMESTAMPTZ(3),
ADD COLUMN     "mail_status" TEXT;

-- CreateIndex
CREATE INDEX "notifications_mail_status_idx" ON "notifications"("mail_status");

