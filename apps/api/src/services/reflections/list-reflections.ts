// Reading someone's fit reflections, newest week first. The manager reading them marks the
// shared ones seen (`manager_seen_at`): they leave the manager's agenda.
//
// Access: the person reads all of theirs; their direct manager reads only those they chose
// to share (access.ts's `reflectionsReach`). Everyone else gets 404, admins included (unless they are the manager): a fit
// reflection is a private question about one's own career, not organisational data, so the
// admin's general reading right does not extend to it. Sponsors too get 404.
import type { PrismaClient } from '@leadtrack/db';
import type { ReflectionListDto } from '@leadtrack/schemas';
import type { Caller } from '../../plugins/app/authenticate';
import { findReadableUser, reflectionsReach } from '../access';
import { toReflectionDto } from './put-reflection';

export async function listReflections(
  prisma: PrismaClient,
  caller: Caller,
  ref: string,
): Promise<ReflectionListDto> {
  const user = await findReadableUser(prisma, caller, ref);
  const isSelf = reflectionsReach(caller, user) === 'all';
  const reflections = await prisma.reflection.findMany({
    where: { userId: user.id, ...(!isSelf && { shared: true }) },
    orderBy: { weekStart: 'desc' },
  });
  // The manager has read them: shared reflections leave their agenda (read-agenda.ts).
  if (
    !isSelf &&
    reflections.some(
      (r) => r.managerSeenAt === null || (r.sharedAt !== null && r.managerSeenAt < r.sharedAt),
    )
  ) {
    await prisma.reflection.updateMany({
      where: { userId: user.id, shared: true },
      data: { managerSeenAt: new Date() },
    });
  }
  return { userId: user.id, items: reflections.map(toReflectionDto) };
}
