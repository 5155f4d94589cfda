// A user's columns as the raw statements read them (the table aliased `u`), declared once:
// authenticate's caller read, the access checks and the readiness statements all select
// the same shape, so a renamed column is changed here and nowhere else.
import { Prisma } from '@leadtrack/db';

/** id, email, name, role, managerId: the fields of a `User` DTO except deactivatedAt. */
export const USER_COLUMNS =
  'u.id, u.email, u.name, u.role::text AS role, u.manager_id AS "managerId"';

/** A `Caller`: the user columns and the time zone. */
export const CALLER_COLUMNS = `${USER_COLUMNS}, u.time_zone AS "timeZone"`;

/**
 * What GET /me adds about the account (`AccountFacts`), read with the caller in
 * authenticate's one statement: two columns of the row it reads anyway and one probe of
 * user_identities' user_id index, so GET /me needs no second round trip.
 */
export const ACCOUNT_FACT_COLUMNS = `u.time_zone_confirmed AS "timeZoneConfirmed",
  u.password_hash IS NOT NULL AS "hasPassword",
  EXISTS (SELECT 1 FROM user_identities i WHERE i.user_id = u.id) AS "hasSso"`;

/** The same lists as SQL fragments for `Prisma.sql` templates. */
export const USER_COLUMNS_SQL = Prisma.raw(USER_COLUMNS);
export const CALLER_COLUMNS_SQL = Prisma.raw(CALLER_COLUMNS);
