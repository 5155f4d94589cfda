-- Single sign-on (issue 21) and setup links (issue 19).
-- A person may have no password (created by SSO, or added by an admin with a setup link),
-- user_identities links people to an OpenID provider's issuer and subject, oidc_logins keeps
-- each sign-in attempt's state, nonce and PKCE verifier between the redirect and the
-- callback, so any API process may take the callback. password_resets also carries setup
-- links (purpose 'setup'). time_zone_confirmed: whether the person chose their zone.
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "time_zone_confirmed" BOOLEAN NOT NULL DEFAULT false,
ALTER COLUMN "password_hash" DROP NOT NULL;

-- AlterTable
ALTER TABLE "password_resets" ADD COLUMN     "purpose" TEXT NOT NULL DEFAULT 'reset';

-- CreateTable
CREATE TABLE "user_identities" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_sign_in_at" TIMESTAMPTZ(3),

    CONSTRAINT "user_identities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "oidc_logins" (
    "id" TEXT NOT NULL,
    "binding_hash" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "code_verifier" TEXT NOT NULL,
    "next" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "oidc_logins_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "user_identities_user_id_idx" ON "user_identities"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "user_identities_issuer_subject_key" ON "user_identities"("issuer", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "oidc_logins_binding_hash_key" ON "oidc_logins"("binding_hash");

-- CreateIndex
CREATE INDEX "oidc_logins_expires_at_idx" ON "oidc_logins"("expires_at");

-- AddForeignKey
ALTER TABLE "user_identities" ADD CONSTRAINT "user_identities_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- People who signed up themselves chose their zone (the dashboard sends the browser's),
-- people an admin added got the admin's zone and are asked once.
UPDATE "users" SET "time_zone_confirmed" = true
 WHERE NOT EXISTS (SELECT 1 FROM "audit_events" a
                    WHERE a.action = 'user.created' AND a.target_id = "users".id);

-- Zones saved under the names Node's ICU answers are stored as the current IANA names
-- (packages/core time-zones.ts ZONE_RENAMES holds the same table).
UPDATE "users" SET "time_zone" = CASE "time_zone"
  WHEN 'Asia/Calcutta' THEN 'Asia/Kolkata'
  WHEN 'Europe/Kiev' THEN 'Europe/Kyiv'
  WHEN 'Europe/Uzhgorod' THEN 'Europe/Kyiv'
  WHEN 'Europe/Zaporozhye' THEN 'Europe/Kyiv'
  WHEN 'America/Godthab' THEN 'America/Nuuk'
  WHEN 'Asia/Katmandu' THEN 'Asia/Kathmandu'
  WHEN 'Asia/Saigon' THEN 'Asia/Ho_Chi_Minh'
  WHEN 'Asia/Rangoon' THEN 'Asia/Yangon'
  WHEN 'Atlantic/Faeroe' THEN 'Atlantic/Faroe'
  WHEN 'Pacific/Truk' THEN 'Pacific/Chuuk'
  WHEN 'Pacific/Ponape' THEN 'Pacific/Pohnpei'
  WHEN 'Pacific/Enderbury' THEN 'Pacific/Kanton'
  WHEN 'America/Buenos_Aires' THEN 'America/Argentina/Buenos_Aires'
  WHEN 'America/Catamarca' THEN 'America/Argentina/Catamarca'
  WHEN 'America/Cordoba' THEN 'America/Argentina/Cordoba'
  WHEN 'America/Jujuy' THEN 'America/Argentina/Jujuy'
  WHEN 'America/Mendoza' THEN 'America/Argentina/Mendoza'
  WHEN 'America/Indianapolis' THEN 'America/Indiana/Indianapolis'
  WHEN 'America/Louisville' THEN 'America/Kentucky/Louisville'
  WHEN 'Africa/Asmera' THEN 'Africa/Asmara'
  WHEN 'America/Coral_Harbour' THEN 'America/Atikokan'
  ELSE "time_zone" END
 WHERE "time_zone" IN ('Asia/Calcutta', 'Europe/Kiev', 'Europe/Uzhgorod', 'Europe/Zaporozhye',
  'America/Godthab', 'Asia/Katmandu', 'Asia/Saigon', 'Asia/Rangoon', 'Atlantic/Faeroe',
  'Pacific/Truk', 'Pacific/Ponape', 'Pacific/Enderbury', 'America/Buenos_Aires',
  'America/Catamarca', 'America/Cordoba', 'America/Jujuy', 'America/Mendoza',
  'America/Indianapolis', 'America/Louisville', 'Africa/Asmera', 'America/Coral_Harbour');
