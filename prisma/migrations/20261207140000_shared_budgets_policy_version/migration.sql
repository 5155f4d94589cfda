-- The attempt budgets shared by every API process when no REDIS_URL is set (one fixed window
-- per key: lib/postgres-rate-store.ts), and the policy's version, read with every session so
-- a policy change holds on every process at its next request (services/policy.ts).

-- AlterTable
ALTER TABLE "policy" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "attempt_counters" (
    "key" TEXT NOT NULL,
    "hits" INTEGER NOT NULL,
    "resets_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "attempt_counters_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "attempt_counters_resets_at_idx" ON "attempt_counters"("resets_at");

