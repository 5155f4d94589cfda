-- CreateEnum
CREATE TYPE "EndorsementStatus" AS ENUM ('pending', 'endorsed', 'declined');

-- CreateTable
CREATE TABLE "working_agreements" (
    "user_id" TEXT NOT NULL,
    "manager_id" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "items" JSONB NOT NULL DEFAULT '[]',
    "lead_confirmed_at" TIMESTAMPTZ(3),
    "manager_confirmed_at" TIMESTAMPTZ(3),
    "updated_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "working_agreements_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "reflections" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "week_start" DATE NOT NULL,
    "answers" JSONB NOT NULL,
    "note" TEXT,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "fit_score" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reflections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "endorsement_requests" (
    "id" TEXT NOT NULL,
    "evidence_id" TEXT NOT NULL,
    "requested_by_id" TEXT NOT NULL,
    "endorser_id" TEXT NOT NULL,
    "status" "EndorsementStatus" NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "responded_at" TIMESTAMPTZ(3),

    CONSTRAINT "endorsement_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "endorsements" (
    "id" TEXT NOT NULL,
    "evidence_id" TEXT NOT NULL,
    "by_id" TEXT NOT NULL,
    "request_id" TEXT NOT NULL,
    "comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "endorsements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sponsorships" (
    "user_id" TEXT NOT NULL,
    "sponsor_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sponsorships_pkey" PRIMARY KEY ("user_id","sponsor_id")
);

-- CreateIndex
CREATE INDEX "working_agreements_manager_id_idx" ON "working_agreements"("manager_id");

-- CreateIndex
CREATE UNIQUE INDEX "reflections_user_id_week_start_key" ON "reflections"("user_id", "week_start");

-- CreateIndex
CREATE INDEX "endorsement_requests_endorser_id_status_idx" ON "endorsement_requests"("endorser_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "endorsement_requests_evidence_id_endorser_id_key" ON "endorsement_requests"("evidence_id", "endorser_id");

-- CreateIndex
CREATE UNIQUE INDEX "endorsements_request_id_key" ON "endorsements"("request_id");

-- CreateIndex
CREATE INDEX "endorsements_evidence_id_idx" ON "endorsements"("evidence_id");

-- CreateIndex
CREATE INDEX "sponsorships_sponsor_id_idx" ON "sponsorships"("sponsor_id");

-- AddForeignKey
ALTER TABLE "working_agreements" ADD CONSTRAINT "working_agreements_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "working_agreements" ADD CONSTRAINT "working_agreements_manager_id_fkey" FOREIGN KEY ("manager_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reflections" ADD CONSTRAINT "reflections_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "endorsement_requests" ADD CONSTRAINT "endorsement_requests_evidence_id_fkey" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "endorsement_requests" ADD CONSTRAINT "endorsement_requests_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "endorsement_requests" ADD CONSTRAINT "endorsement_requests_endorser_id_fkey" FOREIGN KEY ("endorser_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "endorsements" ADD CONSTRAINT "endorsements_evidence_id_fkey" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "endorsements" ADD CONSTRAINT "endorsements_by_id_fkey" FOREIGN KEY ("by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "endorsements" ADD CONSTRAINT "endorsements_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "endorsement_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sponsorships" ADD CONSTRAINT "sponsorships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sponsorships" ADD CONSTRAINT "sponsorships_sponsor_id_fkey" FOREIGN KEY ("sponsor_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Endorsements count toward visibility like acknowledgements, and the working agreement
-- feeds the unclear-em-boundary signal: both bump the owner's data_version (see the
-- readiness_data_version migration, whose note on semicolons holds here too).
CREATE OR REPLACE FUNCTION "bump_user_data_version"() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  row_user_id TEXT\073
BEGIN
  IF TG_TABLE_NAME IN (''acknowledgements'', ''endorsements'') THEN
    SELECT e.user_id INTO row_user_id FROM "evidence" e
     WHERE e.id = CASE WHEN TG_OP = ''DELETE'' THEN OLD.evidence_id ELSE NEW.evidence_id END\073
  ELSIF TG_OP = ''DELETE'' THEN
    row_user_id := OLD.user_id\073
  ELSE
    row_user_id := NEW.user_id\073
  END IF\073
  UPDATE "users" SET "data_version" = "data_version" + 1 WHERE "id" = row_user_id\073
  RETURN NULL\073
END
';

CREATE TRIGGER "endorsements_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "endorsements"
  FOR EACH ROW EXECUTE FUNCTION "bump_user_data_version"();
CREATE TRIGGER "working_agreements_bump_data_version" AFTER INSERT OR UPDATE OR DELETE ON "working_agreements"
  FOR EACH ROW EXECUTE FUNCTION "bump_user_data_version"();
