-- CreateEnum
CREATE TYPE "SuggestionType" AS ENUM ('evidence', 'checkin');

-- CreateEnum
CREATE TYPE "SuggestionStatus" AS ENUM ('open', 'accepted', 'dismissed');

-- AlterEnum
ALTER TYPE "EvidenceSource" ADD VALUE 'calendar';

-- CreateTable
CREATE TABLE "suggestions" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "type" "SuggestionType" NOT NULL,
    "source" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "url" TEXT,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "occurred_on" DATE NOT NULL,
    "suggested_kinds" "EvidenceKind"[] DEFAULT ARRAY[]::"EvidenceKind"[],
    "checkin" JSONB,
    "details" JSONB,
    "status" "SuggestionStatus" NOT NULL DEFAULT 'open',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),
    "evidence_id" TEXT,

    CONSTRAINT "suggestions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "suggestions_user_id_status_occurred_on_id_idx" ON "suggestions"("user_id", "status", "occurred_on" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "suggestions_evidence_id_idx" ON "suggestions"("evidence_id");

-- CreateIndex
CREATE UNIQUE INDEX "suggestions_user_id_source_external_id_key" ON "suggestions"("user_id", "source", "external_id");

-- AddForeignKey
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_evidence_id_fkey" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE SET NULL ON UPDATE CASCADE;

