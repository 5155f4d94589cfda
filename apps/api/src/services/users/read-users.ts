// Reading people: GET /users lists who the caller may see (admins: everyone; others:
// themselves and their direct reports, never people who sponsor-granted them: the member
// level of services/access.ts), GET /users/:id reads one of them, else 404. And the
// colleague a caller names in a body (a sponsor, an endorser).
import type { PrismaClient } from '@leadtrack/db';
import type { User as UserDto, UserListSchema } from '@leadtrack/schemas';
import type { z } from 'zod';
import { invalidField } from '../../lib/problem';
import type { Caller } from '../../plugins/app/authenticate';
import { findReadableUser, readableUsersWhere } from '../access';
import { toUserDto } from './to-user-dto';

export async function listReadableUsers(
  prisma: PrismaClient,
  caller: Caller,
): Promise<z.infer<typeof UserListSchema>> {
  const users = await prisma.user.findMany({
    where: readableUsersWhere(caller),
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  return { items: users.map(toUserDto) };
}

export async function readUser(
  prisma: PrismaClient,
  caller: Caller,
  ref: string,
): Promise<UserDto> {
  return toUserDto(await findReadableUser(prisma, caller, ref));
}

/**
 * The colleague the caller names in `userId` (whom they grant or ask something): any active
 * user but the caller. A 400 naming `userId` otherwise: `self` says why not the caller.
 */
export async function findActiveColleague(
  prisma: PrismaClient,
  caller: Caller,
  userId: string,
  self: string,
): Promise<{ id: string; name: string }> {
  if (userId === caller.id) throw invalidField('userId', self);
  const colleague = await prisma.user.findFirst({
    where: { id: userId, deactivatedAt: null },
    select: { id: true, name: true },
  });
  if (!colleague) throw invalidField('userId', 'No active user has this id');
  return colleague;
}
