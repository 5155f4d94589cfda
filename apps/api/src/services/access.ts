// Who may read whose data: the one place the rule is written, in the three forms the code
// needs (a check of a row in TypeScript, a condition for raw SQL, a where for Prisma), next
// to each other so they cannot drift apart, and below them the exceptions, each in one
// function that its service calls (ARCHITECTURE.md "Reading levels").
//
// PRODUCT.md: nobody reads another person's data unless they are that person's manager
// (direct, not skip-level) or an admin. A sponsor (a skip-level, a staff engineer) is someone
// a user granted read access to their timeline, evidence, role profile and packet
// (sponsorships): a narrower level, so check-ins (their notes), feedback, reflections, the
// working agreement and the user record stay at the first level and a sponsor gets 404
// there. Sponsored people are not the sponsor's reports: GET /users and GET /reports do not
// list them. What a caller may not read is reported as missing (404), never as forbidden,
// so existence does not leak.
//
// So a manager may read a report's check-ins because they read the report at the member
// level (`canRead`, `findReadableUser`): check-ins follow the first rule with no exception.
// The exceptions narrow it for what belongs to the manager relationship or to the person:
// - feedback: only the direct manager writes; the person and the direct manager read; an
//   admin who is neither gets 403 (they know the person exists) (`feedbackRight`);
// - fit reflections: the person reads all, the direct manager the shared ones, everyone
//   else 404, admins included (`reflectionsReach`);
// - the working agreement: admins read it, only the engineer and the direct manager change
//   or confirm it (`agreementSide`);
// - a requested endorser reads the one entry they were asked about (`endorserGrantSql`, used
//   by services/evidence's `findReadableEvidence`), nothing else of its owner;
// - the organisation view walks the manager tree below the caller (skip-level for that view
//   only, data/org-tree.ts), and the manager's digest lists direct reports only.
import { Prisma, type PrismaClient } from '@leadtrack/db';
import { CALLER_COLUMNS_SQL } from '../data/user-columns';
import { forbidden, notFound } from '../lib/problem';
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

// ---- The exceptions ---------------------------------------------------------------------------

/** Feedback: the direct manager writes; the person and the direct manager read (403 otherwise). */
export function feedbackRight(
  caller: Pick<Caller, 'id'>,
  user: Pick<AccessTarget, 'id' | 'managerId'>,
  action: 'read' | 'write',
): void {
  if (action === 'write') {
    if (user.id === caller.id) throw forbidden('You cannot write feedback for yourself.');
    if (user.managerId !== caller.id)
      throw forbidden("Only the user's manager can write feedback for them.");
    return;
  }
  if (user.id !== caller.id && user.managerId !== caller.id)
    throw forbidden('Only the user and their manager can read their feedback.');
}

/**
 * A condition true when `callerId` was asked to endorse the entry `entryId` and has not
 * declined: the request is the grant, it names this entry only (a withdrawn request no longer
 * exists).
 */
export function endorserGrantSql(callerId: string, entryId: string): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM endorsement_requests
                    WHERE evidence_id = ${entryId} AND endorser_id = ${callerId}
                      AND status <> 'declined')`;
}

/** Fit reflections: `all` for the person, `shared` for the direct manager, 404 for the rest. */
export function reflectionsReach(
  caller: Pick<Caller, 'id'>,
  user: Pick<AccessTarget, 'id' | 'managerId'>,
): 'all' | 'shared' {
  if (user.id === caller.id) return 'all';
  if (user.managerId === caller.id) return 'shared';
  throw notFound('No such user.');
}

/** The side of the working agreement the caller speaks for; 403 for a reader who is neither. */
export function agreementSide(
  caller: Pick<Caller, 'id'>,
  user: Pick<AccessTarget, 'id' | 'managerId'>,
): 'lead' | 'manager' {
  if (caller.id === user.id) return 'lead';
  if (user.managerId !== null && caller.id === user.managerId) return 'manager';
  throw forbidden(
    'Only the engineer and their manager can change or confirm their working agreement.',
  );
}
