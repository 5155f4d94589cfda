// Who may read whose data: the one place the rule is written, in the three forms the code
// needs (a check of a row in TypeScript, a condition for raw SQL, a where for Prisma), next
// to each other so they cannot drift apart.
//
// PRODUCT.md: nobody reads another person's data unless they are that person's manager
// (direct, not skip-level) or an admin. A sponsor (a skip-level, a staff engineer) is someone
// a user granted read access to their timeline, evidence, role profile and packet
// (sponsorships): a narrower level, so check-ins (their notes), feedback, reflections, the
// working agreement and the user record stay at the first level and a sponsor gets 404
// there. Sponsored people are not the sponsor's reports: GET /users and GET /reports do not
// list them. What a caller may not read is reported as missing (404), never as forbidden,
// so existence does not leak.
import { Prisma, type PrismaClient } from '@leadtrack/db';
import { CALLER_COLUMNS_SQL } from '../data/user-columns';
import { notFound } from '../lib/problem';
import type { Caller } from '../plugins/app/authenticate';

/** How the caller relates to a user whose data they read, strongest first. */
export type ReadingLevel = 'self' | 'manager' | 'admin' | 'sponsor';

/** What a read admits: `member` (self, direct manager, admin) or `sponsor` (those and sponsors). */
export type Reach = 'member' | 'sponsor';

/** A user as read for an access check. */
export interface AccessTarget {
  id: string;
  managerId: string | null;
  /** The user granted the caller sponsorship (sponsorships row, sponsor = caller). */
  sponsoredByCaller?: boolean;
}

/** `me` or an id, as the routes take a user, to an id. */
export function resolveUserRef(caller: Pick<Caller, 'id'>, ref: string): string {
  return ref === 'me' ? caller.id : ref;
}

// ---- The rule, on a row -------------------------------------------------------------------

export function readingLevel(caller: Caller, target: AccessTarget): ReadingLevel | null {
  if (caller.id === target.id) return 'self';
  if (target.managerId === caller.id) return 'manager';
  if (caller.role === 'admin') return 'admin';
  if (target.sponsoredByCaller) return 'sponsor';
  return null;
}

/** Member-level reading (the user record, check-ins, feedback, agreement): not sponsors. */
export function canRead(caller: Caller, target: AccessTarget) {
  return readingLevel(caller, { ...target, sponsoredByCaller: false }) !== null;
}

/** Sponsor-level reading (readiness, evidence, profile, packet): canRead, or a sponsor. */
export function canReadAsSponsor(caller: Caller, target: AccessTarget): boolean {
  return readingLevel(caller, target) !== null;
}

/** Managing rights (acknowledging, writing feedback): the direct manager or an admin. */
export function canManage(caller: Caller, target: AccessTarget) {
  return caller.role === 'admin' || target.managerId === caller.id;
}

// ---- The rule, for statements that apply it themselves --------------------------------------

/**
 * "The caller sponsors the user" (by default the one aliased `u`; `userId` names another,
 * e.g. an entry's owner) for data/weekly-aggregates.ts, the finders here and the evidence's.
 */
export function sponsoredByCallerSql(
  callerId: string,
  userId: Prisma.Sql = Prisma.raw('u.id'),
): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM sponsorships sp
                             WHERE sp.user_id = ${userId} AND sp.sponsor_id = ${callerId})`;
}

/** The users (aliased `u`) the caller may read at `reach`, as a SQL condition: readingLevel. */
export function readableUsersSql(caller: Pick<Caller, 'id' | 'role'>, reach: Reach): Prisma.Sql {
  if (caller.role === 'admin') return Prisma.sql`true`;
  const sponsored = reach === 'sponsor' ? sponsoredByCallerSql(caller.id) : Prisma.sql`false`;
  return Prisma.sql`(u.id = ${caller.id} OR u.manager_id = ${caller.id} OR ${sponsored})`;
}

/** The users the caller may read at member level, as a Prisma where (GET /users). */
export function readableUsersWhere(caller: Pick<Caller, 'id' | 'role'>): Prisma.UserWhereInput {
  return caller.role === 'admin' ? {} : { OR: [{ id: caller.id }, { managerId: caller.id }] };
}

// ---- Find a readable user or 404 ----------------------------------------------------------

/** A user as read for access checks; a deactivated one is still readable (data stays). */
export type ReadableUser = Caller & { deactivatedAt: Date | null };

async function findUserAt(
  prisma: PrismaClient,
  caller: Caller,
  ref: string,
  reach: Reach,
): Promise<ReadableUser & { level: ReadingLevel }> {
  const id = resolveUserRef(caller, ref);
  // The caller passed `authenticate`, which only admits active accounts.
  if (id === caller.id) return { ...caller, deactivatedAt: null, level: 'self' };
  // A raw primary-key read: a fraction of the model API's per-call cost on every read of
  // someone else's data.
  const sponsored = reach === 'sponsor' ? sponsoredByCallerSql(caller.id) : Prisma.sql`false`;
  const [user] = await prisma.$queryRaw<(ReadableUser & { sponsoredByCaller: boolean })[]>`
    SELECT ${CALLER_COLUMNS_SQL}, u.deactivated_at AS "deactivatedAt",
           ${sponsored} AS "sponsoredByCaller"
      FROM users u WHERE u.id = ${id}`;
  const level = user ? readingLevel(caller, user) : null;
  if (!user || !level) throw notFound('No such user.');
  const { sponsoredByCaller: _sponsored, ...readable } = user;
  return { ...readable, level };
}

/** Resolves `me` or an id to a user the caller may read; 404 otherwise. */
export async function findReadableUser(
  prisma: PrismaClient,
  caller: Caller,
  ref: string,
): Promise<ReadableUser> {
  const { level: _level, ...user } = await findUserAt(prisma, caller, ref, 'member');
  return user;
}

/** Resolves `me` or an id to a user the caller may read at sponsor level; 404 otherwise. */
export function findSponsorReadableUser(
  prisma: PrismaClient,
  caller: Caller,
  ref: string,
): Promise<ReadableUser & { level: ReadingLevel }> {
  return findUserAt(prisma, caller, ref, 'sponsor');
}
