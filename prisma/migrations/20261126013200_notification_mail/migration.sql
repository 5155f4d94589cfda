-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "mail_status" TEXT;

-- CreateIndex
CREATE INDEX "notifications_mail_status_idx" ON "notifications"("mail_status");

