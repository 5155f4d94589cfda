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

/** Resolves `me` or an id to a user the caller may read; 404 otherwise. */
export async function findReadableUser(
  prisma: PrismaClient,
  caller: Caller,
  ref: string,
): Promise<Caller> {
  if (ref === 'me' || ref === caller.id) return caller;
  // A raw primary-key read: a fraction of the model API's per-call cost on every
  // read of someone else's data.
  const [user] = await prisma.$queryRaw<Caller[]>`
    SELECT id, email, name, role::text AS role, manager_id AS "managerId"
      FROM users WHERE id = ${ref}`;
  if (!user || !canRead(caller, user)) throw notFound('No such user.');
  return user;
}
