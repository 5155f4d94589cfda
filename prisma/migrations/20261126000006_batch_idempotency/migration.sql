-- AlterTable
ALTER TABLE "idempotency_keys" ADD COLUMN     "evidence_ids" TEXT[] DEFAULT ARRAY[]::TEXT[];

