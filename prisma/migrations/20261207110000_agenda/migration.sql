-- What waits for you (API.md, third round): the other side of every two-person step hears
-- of it, and the agenda lists reflections shared in the last two weeks.

-- AlterEnum
ALTER TYPE "NotificationType" ADD VALUE 'agreement-confirmed';
ALTER TYPE "NotificationType" ADD VALUE 'agreement-changed';
ALTER TYPE "NotificationType" ADD VALUE 'reflection-shared';
ALTER TYPE "NotificationType" ADD VALUE 'sponsor-granted';

-- AlterTable: when the reflection was shared with the manager (or changed while shared),
-- and when the manager last read it: it waits on their agenda in between.
ALTER TABLE "reflections" ADD COLUMN "manager_seen_at" TIMESTAMPTZ(3),
ADD COLUMN "shared_at" TIMESTAMPTZ(3);
UPDATE "reflections" SET "shared_at" = "updated_at" WHERE "shared";
