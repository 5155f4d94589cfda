// Reading someone's fit reflections, newest week first.
//
// Access: the person reads all of theirs; their direct manager reads only those they chose
// to share. Everyone else gets 404, admins included (unless they are the manager): a fit
// reflection is a private question about one's own career, not organisational data, so the
// admin's general reading right does not extend to it. Sponsors too get 404.
import type { PrismaClient } from '@leadtrack/db';
import type { ReflectionListDto } from '@leadtrack/schemas';
import { notFound } from '../../lib/problem';
import type { Caller } from '../../plugins/app/authenticate';
import { findReadableUser } from '../access';
import { toReflectionDto } from './put-reflection';

export async function listReflections(
  prisma: PrismaClient,
  caller: Caller,
  ref: string,
): Promise<ReflectionListDto> {
  const user = await findReadableUser(prisma, caller, ref);
  const isSelf = user.id === caller.id;
  if (!isSelf && user.managerId !== caller.id) throw notFound('No such user.');
  const reflections = await prisma.reflection.findMany({
    where: { userId: user.id, ...(!isSelf && { shared: true }) },
    orderBy: { weekStart: 'desc' },
  });
  return { userId: user.id, items: reflections.map(toReflectionDto) };
}
