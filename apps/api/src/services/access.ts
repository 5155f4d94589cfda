// Who may read whose data. PRODUCT.md: nobody reads another person's data unless they are
// that person's manager (direct, not skip-level) or an admin. What a caller may not read
// is reported as missing (404), never as forbidden, so existence does not leak.
import type { PrismaClient } from '@leadtrack/db';
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
