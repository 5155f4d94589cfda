// Who may read whose data. PRODUCT.md: nobody reads another person's data unless they are
// that person's manager (direct, not skip-level) or an admin. What a caller may not read
// is reported as missing (404), never as forbidden, so existence does not leak.
import { Prisma, type PrismaClient } from '@leadtrack/db';
import { notFound } from '../lib/problem';
import type { Caller } from '../plugins/app/authenticate';

export function canRead(caller: Caller, target: { id: string; managerId: string | null }) {
  return caller.id === target.id || caller.role === 'admin' || target.managerId === caller.id;
}

/** Managing rights (acknowledging, writing feedback): the direct manager or an admin. */
export function canManage(caller: Caller, target: { id: string; managerId: string | null }) {
  return caller.role === 'admin' || target.managerId === caller.id;
}

/** A user as read for access checks; a deactivated one is still readable (data stays). */
export type ReadableUser = Caller & { deactivatedAt: Date | null };

/** Resolves `me` or an id to a user the caller may read; 404 otherwise. */
export async function findReadableUser(
  prisma: PrismaClient,
  caller: Caller,
  ref: string,
): Promise<ReadableUser> {
  // The caller passed `authenticate`, which only admits active accounts.
  if (ref === 'me' || ref === caller.id) return { ...caller, deactivatedAt: null };
  // A raw primary-key read: a fraction of the model API's per-call cost on every
  // read of someone else's data.
  const [user] = await prisma.$queryRaw<ReadableUser[]>`
    SELECT id, email, name, role::text AS role, manager_id AS "managerId",
           time_zone AS "timeZone", deactivated_at AS "deactivatedAt"
      FROM users WHERE id = ${ref}`;
  if (!user || !canRead(caller, user)) throw notFound('No such user.');
  return user;
}

// ---- Reading levels: sponsors ------------------------------------------------------------
// A sponsor (a skip-level, a staff engineer) is someone a user granted read access to their
// timeline, evidence, role profile and packet (sponsorships). That is a narrower level than
// canRead's: check-ins (their notes), feedback, reflections and the working agreement stay
// at canRead (or stricter), so a sponsor gets 404 there. Sponsored people are not the
// sponsor's reports: GET /users and GET /reports do not list them.

/** How the caller relates to a user whose data they read, strongest first. */
export type ReadingLevel = 'self' | 'manager' | 'admin' | 'sponsor';

/** A user as read for a sponsor-level check: whether the caller sponsors them. */
export interface SponsorAccessTarget {
  id: string;
  managerId: string | null;
  /** The user granted the caller sponsorship (sponsorships row, sponsor = caller). */
  sponsoredByCaller: boolean;
}

export function readingLevel(caller: Caller, target: SponsorAccessTarget): ReadingLevel | null {
  if (caller.id === target.id) return 'self';
  if (target.managerId === caller.id) return 'manager';
  if (caller.role === 'admin') return 'admin';
  if (target.sponsoredByCaller) return 'sponsor';
  return null;
}

/** Sponsor-level reading (readiness, evidence, profile, packet): canRead, or a sponsor. */
export function canReadAsSponsor(caller: Caller, target: SponsorAccessTarget): boolean {
  return readingLevel(caller, target) !== null;
}

/**
 * The SQL form of "the caller sponsors the user aliased `u`", for statements that apply
 * the rule themselves (data/weekly-aggregates.ts, the profile): the same rule as
 * canReadAsSponsor, in one place.
 */
export function sponsoredByCallerSql(callerId: string): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM sponsorships sp
                             WHERE sp.user_id = u.id AND sp.sponsor_id = ${callerId})`;
}

/** Resolves `me` or an id to a user the caller may read at sponsor level; 404 otherwise. */
export async function findSponsorReadableUser(
  prisma: PrismaClient,
  caller: Caller,
  ref: string,
): Promise<ReadableUser & { level: ReadingLevel }> {
  if (ref === 'me' || ref === caller.id) return { ...caller, deactivatedAt: null, level: 'self' };
  const [user] = await prisma.$queryRaw<(ReadableUser & { sponsoredByCaller: boolean })[]>`
    SELECT u.id, u.email, u.name, u.role::text AS role, u.manager_id AS "managerId",
           u.time_zone AS "timeZone", u.deactivated_at AS "deactivatedAt",
           ${sponsoredByCallerSql(caller.id)} AS "sponsoredByCaller"
      FROM users u WHERE u.id = ${ref}`;
  const level = user ? readingLevel(caller, user) : null;
  if (!user || !level) throw notFound('No such user.');
  const { sponsoredByCaller: _sponsored, ...readable } = user;
  return { ...readable, level };
}
